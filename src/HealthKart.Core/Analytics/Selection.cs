namespace HealthKart.Core.Analytics;

/// <summary>
/// A query resolved against one snapshot: a yes/no per dimension value (built once, O(values)), then the indices of
/// the sales, post and spend facts that pass, so every breakdown of a request scans only what it needs.
/// </summary>
public sealed class Selection(Snapshot snapshot, AnalyticsQuery query)
{
    private readonly Snapshot _snapshot = snapshot;
    private readonly bool[]? _influencer = InfluencerMask(snapshot, query);
    private readonly bool[]? _campaign = Mask(snapshot.Campaigns, query.Campaigns);
    private readonly bool[]? _product = Mask(snapshot.Products, query.Products);
    private readonly bool[]? _brand = Mask(snapshot.Brands, query.Brands);
    private readonly bool[]? _platform = Mask(snapshot.Platforms, query.Platforms);
    private readonly int _from = query.From?.DayNumber ?? int.MinValue + 1;
    private readonly int _to = query.To?.DayNumber ?? int.MaxValue;
    private readonly bool _dated = query.HasDateRange;
    private int[]? _sales;
    private int[]? _posts;
    private int[]? _spend;
    private int[]? _customers;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> _memo = new();

    public AnalyticsQuery Query { get; } = query;

    /// <summary>
    /// Computes a per-selection intermediate (e.g. per-influencer totals) once, however many views need it.
    /// </summary>
    public T Memo<T>(string key, Func<T> compute) where T : class => (T)_memo.GetOrAdd(key, _ => compute());
    public Snapshot Snapshot => _snapshot;

    /// <summary>
    /// No filter at all: every fact passes, and the snapshot's shared index arrays serve as the selection.
    /// </summary>
    public bool Everything => _influencer is null && _campaign is null && _product is null && _brand is null
        && _platform is null && !_dated;

    public int[] Sales => _sales ??= Everything ? _snapshot.AllSales : Select(_snapshot.Sales.Count, SalePasses);
    public int[] Posts => _posts ??= Everything ? _snapshot.AllPosts : Select(_snapshot.Posts.Count, PostPasses);
    public int[] Spend => _spend ??= Everything ? _snapshot.AllSpend : Select(_snapshot.Spend.Count, SpendPasses);

    /// <summary>
    /// Customers whose first purchase date is in the period and whose acquiring row passes the other filters, as a sale
    /// (or an organic sale) does; influencer-level filters leave organic acquisitions out.
    /// </summary>
    public int[] Customers => _customers ??= Everything ? _snapshot.AllCustomers : Select(_snapshot.Customers.Count,
        CustomerPasses);

    /// <summary>Whether an influencer passes the influencer-level filters (id, category, gender, tier).</summary>
    public bool InfluencerPasses(int influencer) => _influencer?[influencer] ?? true;

    private bool SalePasses(int i)
    {
        var s = _snapshot.Sales;
        return s.Day[i] >= _from && s.Day[i] <= _to && Passes(_influencer, s.Influencer[i])
            && Passes(_campaign, s.Campaign[i])
            && Passes(_product, s.Product[i]) && Passes(_brand, s.Brand[i]) && Passes(_platform, s.Platform[i]);
    }

    private bool CustomerPasses(int i)
    {
        var sale = _snapshot.Customers.Sale[i];
        return sale >= 0 ? SalePasses(sale) : OrganicPasses(~sale);
    }

    private bool OrganicPasses(int i)
    {
        var o = _snapshot.OrganicSales;
        return o.Day[i] >= _from && o.Day[i] <= _to && _influencer is null && Passes(_campaign, o.Campaign[i])
            && Passes(_product, o.Product[i]) && Passes(_brand, o.Brand[i]) && Passes(_platform, o.Platform[i]);
    }

    /// <summary>Posts carry no brand; a brand filter keeps the posts about that brand's products.</summary>
    private bool PostPasses(int i)
    {
        var p = _snapshot.Posts;
        return p.Day[i] >= _from && p.Day[i] <= _to && Passes(_influencer, p.Influencer[i])
            && Passes(_campaign, p.Campaign[i])
            && Passes(_product, p.Product[i]) && Passes(_platform, p.Platform[i])
            && (_brand is null || PostBrandPasses(p.Product[i]));
    }

    /// <summary>Undated spend (nothing to spread over) has no date, so any date filter leaves it out.</summary>
    private bool SpendPasses(int i)
    {
        var s = _snapshot.Spend;
        var day = s.Day[i];
        var inRange = day == SpendColumns.Undated ? !_dated : day >= _from && day <= _to;
        return inRange && Passes(_influencer, s.Influencer[i]) && Passes(_campaign, s.Campaign[i])
            && Passes(_product, s.Product[i]) && Passes(_brand, s.Brand[i]) && Passes(_platform, s.Platform[i]);
    }

    private bool PostBrandPasses(int product) => _brand![_snapshot.ProductBrand[product]];

    private static bool Passes(bool[]? mask, int value) => mask is null || (uint)value < (uint)mask.Length
        && mask[value];

    private static int[] Select(int count, Func<int, bool> passes)
    {
        var selected = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            if (passes(i))
            {
                selected.Add(i);
            }
        }

        return [.. selected];
    }

    /// <summary>
    /// Values match case-insensitively. A value that is not a known one is split on commas (comma-separated
    /// multi-select); a value still unknown matches nothing, so the selection is empty rather than an error.
    /// </summary>
    private static bool[]? Mask(DimensionPool pool, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var mask = new bool[pool.Count];
        foreach (var value in values)
        {
            var parts = pool.Find(value) is null
                ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [value];
            foreach (var part in parts)
            {
                if (pool.Find(part) is { } id)
                {
                    mask[id] = true;
                }
            }
        }

        return mask;
    }

    private static bool[]? InfluencerMask(Snapshot snapshot, AnalyticsQuery query)
    {
        if (query.Influencers.Count == 0 && query.Categories.Count == 0 && query.Genders.Count == 0
            && query.Tiers.Count == 0)
        {
            return null;
        }

        var ids = Expand(query.Influencers, v => snapshot.InfluencerIndex.ContainsKey(v));
        var categories = Expand(query.Categories,
            v => snapshot.Influencers.Any(i => i.Category.Equals(v, StringComparison.OrdinalIgnoreCase)));
        var mask = new bool[snapshot.Influencers.Count];
        for (var i = 0; i < mask.Length; i++)
        {
            var profile = snapshot.Influencers[i];
            mask[i] = (ids.Count == 0 || ids.Contains(profile.Id))
                && (categories.Count == 0 || categories.Contains(profile.Category))
                && (query.Genders.Count == 0
                    || query.Genders.Contains(profile.Gender, StringComparer.OrdinalIgnoreCase))
                && (query.Tiers.Count == 0 || (profile.Known && query.Tiers.Contains(profile.Tier)));
        }

        return mask;
    }

    private static HashSet<string> Expand(IReadOnlyList<string> values, Func<string, bool> known) =>
        new(values.SelectMany(v => known(v)
            ? [v] : v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
            StringComparer.OrdinalIgnoreCase);
}
