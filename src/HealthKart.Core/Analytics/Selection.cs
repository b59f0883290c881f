namespace HealthKart.Core.Analytics;

/// <summary>
/// A query resolved against one snapshot: the filter rules (<see cref="FilterRules"/>) and the sales, post, spend and
/// customer facts that pass, found by column scans. The facts belong to the filter state, not to the request:
/// <see cref="For"/> shares them between every view and request with the same filters, while the view options
/// (<see cref="Query"/>: n, granularity, incrementality, plan) stay the request's own.
/// </summary>
public sealed class Selection
{
    private readonly FilteredFacts _facts;

    /// <summary>A selection of its own, built afresh (nothing shared with other requests).</summary>
    public Selection(Snapshot snapshot, AnalyticsQuery query)
        : this(new FilteredFacts(snapshot, new FilterRules(snapshot, query)), snapshot, query)
    {
    }

    private Selection(FilteredFacts facts, Snapshot snapshot, AnalyticsQuery query)
    {
        _facts = facts;
        Snapshot = snapshot;
        Query = query;
    }

    /// <summary>
    /// A selection whose facts are shared with every other of the same snapshot and filters (<see
    /// cref="SelectionCache"/>).
    /// </summary>
    public static Selection For(Snapshot snapshot, AnalyticsQuery query) =>
        new(SelectionCache.For(snapshot, query), snapshot, query);

    /// <summary>The same filter state (its facts and intermediates) under another request's view options.</summary>
    public Selection With(AnalyticsQuery query) => FilterRules.Key(query) == FilterRules.Key(Query)
        ? new(_facts, Snapshot, query)
        : throw new ArgumentException("A selection shares its facts only with a query of the same filters.",
            nameof(query));

    public AnalyticsQuery Query { get; }
    public Snapshot Snapshot { get; }
    public FilterRules Rules => _facts.Rules;

    /// <summary>No filter at all: every fact passes.</summary>
    public bool Everything => Rules.Everything;

    public FactRows Sales => _facts.Sales;

    /// <summary>Organic sales (no influencer): no influencer-level filter keeps any.</summary>
    public FactRows OrganicSales => _facts.OrganicSales;
    public FactRows Posts => _facts.Posts;
    public FactRows Spend => _facts.Spend;

    /// <summary>
    /// Customers whose first purchase date is in the period and whose acquiring row passes the other filters, as a sale
    /// (or an organic sale) does; influencer-level filters leave organic acquisitions out.
    /// </summary>
    public FactRows Customers => _facts.Customers;

    /// <summary>Whether an influencer passes the influencer-level filters (id, category, gender, tier).</summary>
    public bool InfluencerPasses(int influencer) => Rules.InfluencerPasses(influencer);

    /// <summary>
    /// Computes a per-filter-state intermediate (e.g. per-influencer totals) once, however many views and requests need
    /// it. Shared by every query with the same filters: the key must name every other query option the result depends
    /// on.
    /// </summary>
    public T Memo<T>(string key, Func<T> compute) where T : class => _facts.Memo(key, compute);
}
