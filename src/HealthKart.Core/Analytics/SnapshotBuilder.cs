using HealthKart.Core.Analytics.Customers;
using HealthKart.Core.DataContract;

namespace HealthKart.Core.Analytics;

/// <summary>Builds a <see cref="Snapshot"/> from the current sources' facts, then allocates spend
/// (docs/metrics.md#spend-allocation).</summary>
public static class SnapshotBuilder
{
    public static Snapshot Build(
        string datasetVersion, IReadOnlyList<SnapshotSource> sources, AnalyticsOptions options,
        CustomerOptions? customerOptions = null)
    {
        var snapshot = new Snapshot(datasetVersion, options, customerOptions ?? new CustomerOptions())
        {
            Sources =
            sources
        };
        AddInfluencers(snapshot, sources);
        var saleRefs = AddSales(snapshot, sources);
        snapshot.TrackingRange = Span((snapshot.Sales.Day, snapshot.Sales.Count),
            (snapshot.OrganicSales.Day, snapshot.OrganicSales.Count));
        snapshot.Customers = CustomerLedger.Build(snapshot, sources, saleRefs, snapshot.CustomerOptions,
            snapshot.Sales.ReturningOrders);
        AddPosts(snapshot, sources);
        AddPayouts(snapshot, sources);
        snapshot.Spend = SpendAllocator.Allocate(snapshot);
        CheckEverySumFits(snapshot);
        snapshot.ProductBrand = ProductBrands(snapshot);
        snapshot.DayRange = DayRange(snapshot);
        SortByDay(snapshot);

        // Only the data-quality checks read the sources afterwards, and only their influencers, payouts and day
        // digests: the sales and post facts live in the columns now, so the cached snapshot must not hold them twice.
        snapshot.Sources = sources
            .Select(s => s with
            {
                Facts = s.Facts with { Sales = [], Posts = [], Customers = Facts.CustomerRows.None },
            })
            .ToList();
        return snapshot;
    }

    /// <summary>
    /// Every payout row with its influencer (an unknown ID becomes an "(unknown)" influencer), and who is paid. A
    /// loaded snapshot (<see cref="SnapshotCodec"/>) derives them the same way from the payouts its sources keep.
    /// </summary>
    internal static void AddPayouts(Snapshot snapshot, IReadOnlyList<SnapshotSource> sources)
    {
        foreach (var source in sources)
        {
            foreach (var payout in source.Facts.Payouts)
            {
                snapshot.Payouts.Add((snapshot.InfluencerOf(payout.InfluencerId), payout, source.FileName));
            }
        }

        snapshot.Paid = new bool[snapshot.Influencers.Count];
        foreach (var (influencer, _, _) in snapshot.Payouts)
        {
            snapshot.Paid[influencer] = true;
        }
    }

    /// <summary>Later sources win when two list the same ID (the data-quality view reports it).</summary>
    private static void AddInfluencers(Snapshot snapshot, IReadOnlyList<SnapshotSource> sources)
    {
        foreach (var influencer in sources.SelectMany(s => s.Facts.Influencers))
        {
            var profile = new InfluencerProfile(influencer.Id, influencer.Name, influencer.Category, influencer.Gender,
                influencer.FollowerCount, influencer.Platform,
                FollowerTiers.Of(influencer.FollowerCount, snapshot.Options), Known: true);
            if (snapshot.InfluencerIndex.TryGetValue(influencer.Id, out var index))
            {
                snapshot.Influencers[index] = profile;
            }
            else
            {
                snapshot.InfluencerIndex.Add(influencer.Id, snapshot.Influencers.Count);
                snapshot.Influencers.Add(profile);
            }
        }
    }

    /// <summary>
    /// Returns, per source, where each of its sales facts landed: a sales index, or <c>~index</c> of an organic one.
    /// </summary>
    private static int[][] AddSales(Snapshot snapshot, IReadOnlyList<SnapshotSource> sources)
    {
        var organicCount = sources.Sum(s => s.Facts.Sales.Count(f => f.Organic));
        var sales = new SalesColumns(sources.Sum(s => s.Facts.Sales.Count) - organicCount);
        var organic = new SalesColumns(organicCount);
        var refs = new int[sources.Count][];
        for (var k = 0; k < sources.Count; k++)
        {
            var facts = sources[k].Facts.Sales;
            refs[k] = new int[facts.Count];
            for (var j = 0; j < facts.Count; j++)
            {
                var fact = facts[j];
                var campaign = snapshot.Campaigns.Intern(Named(fact.Campaign));
                var product = snapshot.Products.Intern(Named(fact.Product));
                var brand = snapshot.Brands.Intern(fact.Brand);
                if (fact.Organic)
                {
                    var channel = snapshot.Platforms.Intern(fact.Source.Length > 0
                        ? fact.Source : MarketingNames.Organic);
                    refs[k][j] = ~organic.Count;
                    organic.Add(fact.Date.DayNumber, -1, campaign, product, brand, channel, fact.Orders,
                        fact.RevenuePaise);
                    continue;
                }

                var influencer = snapshot.InfluencerOf(fact.InfluencerId);
                var platform = fact.Source.Length > 0 ? fact.Source : snapshot.Influencers[influencer].Platform;
                refs[k][j] = sales.Count;
                sales.Add(fact.Date.DayNumber, influencer, campaign, product, brand,
                    snapshot.Platforms.Intern(platform), fact.Orders, fact.RevenuePaise);
            }
        }

        snapshot.Sales = sales;
        snapshot.OrganicSales = organic;
        return refs;
    }

    private static void AddPosts(Snapshot snapshot, IReadOnlyList<SnapshotSource> sources)
    {
        var facts = sources.SelectMany(s => s.Facts.Posts).ToList();
        var posts = new PostColumns(facts.Count);
        foreach (var fact in facts)
        {
            posts.Add(fact.Date.DayNumber, snapshot.InfluencerOf(fact.InfluencerId),
                snapshot.Platforms.Intern(fact.Platform), snapshot.Campaigns.Intern(Named(fact.Campaign)),
                snapshot.Products.Intern(Named(fact.Product)), fact.Posts, fact.Reach, fact.Likes + fact.Comments);
        }

        snapshot.Posts = posts;
    }

    /// <summary>
    /// A product's brand as its sales say, else as its allocated spend says (the "(unattributed)" product of a payout
    /// with nothing to spread over is of the "(unattributed)" brand, not "(unknown)"), else as its name says.
    /// </summary>
    private static int[] ProductBrands(Snapshot snapshot)
    {
        var brands = Enumerable.Repeat(-1, snapshot.Products.Count).ToArray();
        for (var i = 0; i < snapshot.Sales.Count; i++)
        {
            brands[snapshot.Sales.Product[i]] = snapshot.Sales.Brand[i];
        }

        for (var i = 0; i < snapshot.Spend.Count; i++)
        {
            if (brands[snapshot.Spend.Product[i]] < 0)
            {
                brands[snapshot.Spend.Product[i]] = snapshot.Spend.Brand[i];
            }
        }

        for (var product = 0; product < brands.Length; product++)
        {
            if (brands[product] < 0)
            {
                brands[product] = snapshot.Brands.Intern(MarketingNames.BrandOfProduct(snapshot.Products[product]));
            }
        }

        return brands;
    }

    /// <summary>
    /// Every total a view forms is a sum over a subset of the facts, so it is at most the sum of their magnitudes. When
    /// that fits in 64 bits, no view can overflow whatever it filters or however it groups; when it does not (more
    /// data than the value domains plan for, docs/reliability.md), the build fails and the previous snapshot keeps
    /// serving.
    /// </summary>
    private static void CheckEverySumFits(Snapshot snapshot)
    {
        Int128 orders = 0, revenue = 0, spend = 0, reach = 0, engagements = 0;
        foreach (var sales in new[] { snapshot.Sales, snapshot.OrganicSales })
        {
            for (var i = 0; i < sales.Count; i++)
            {
                orders += Math.Abs((long)sales.Orders[i]);
                revenue += Int128.Abs(sales.Revenue[i]);
            }
        }

        for (var i = 0; i < snapshot.Spend.Count; i++)
        {
            spend += Int128.Abs(snapshot.Spend.Amount[i]);
        }

        for (var i = 0; i < snapshot.Posts.Count; i++)
        {
            reach += snapshot.Posts.Reach[i];
            engagements += snapshot.Posts.Engagements[i];
        }

        foreach (var (name, total) in new[] { ("orders", orders), ("revenue", revenue), ("spend", spend),
            ("reach", reach), ("engagements", engagements) })
        {
            if (total > long.MaxValue)
            {
                throw new SnapshotBuildException(
                    $"The {name} of all sources together pass what a 64-bit total can hold; retract the source that " +
                    "added the outsized values.");
            }
        }
    }

    /// <summary>
    /// Every fact table in day order (stable, undated spend first), so a selection finds a date window by two lookups
    /// (<see cref="DayIndex"/>). Last, after everything whose outcome could depend on the facts' order (spend shares by
    /// largest remainder, a product's brand); customers point at their acquiring facts, so they follow the moves, and
    /// are then put in the order of those facts (what the snapshot blob stores them by).
    /// </summary>
    private static void SortByDay(Snapshot snapshot)
    {
        var sales = DayOrder.Of(snapshot.Sales.Day, snapshot.Sales.Count);
        var organic = DayOrder.Of(snapshot.OrganicSales.Day, snapshot.OrganicSales.Count);
        if (sales is not null || organic is not null)
        {
            var salesMoves = sales is null ? null : DayOrder.Moves(sales);
            var organicMoves = organic is null ? null : DayOrder.Moves(organic);
            var acquiring = snapshot.Customers.Sale;
            for (var i = 0; i < snapshot.Customers.Count; i++)
            {
                var sale = acquiring[i];
                acquiring[i] = sale >= 0 ? salesMoves?[sale] ?? sale : ~(organicMoves?[~sale] ?? ~sale);
            }
        }

        if (sales is not null)
        {
            snapshot.Sales.Reorder(sales);
        }

        if (organic is not null)
        {
            snapshot.OrganicSales.Reorder(organic);
        }

        if (DayOrder.Of(snapshot.Posts.Day, snapshot.Posts.Count) is { } posts)
        {
            snapshot.Posts.Reorder(posts);
        }

        if (DayOrder.Of(snapshot.Spend.Day, snapshot.Spend.Count) is { } spend)
        {
            snapshot.Spend.Reorder(spend);
        }

        snapshot.Customers.SortByAcquiringFact(snapshot.Sales.Count, snapshot.OrganicSales.Count);
    }

    private static (int, int)? DayRange(Snapshot snapshot) => Span(
        (snapshot.Sales.Day, snapshot.Sales.Count), (snapshot.OrganicSales.Day, snapshot.OrganicSales.Count),
        (snapshot.Posts.Day, snapshot.Posts.Count));

    /// <summary>The first and last day in some day columns, or null when they are all empty.</summary>
    private static (int, int)? Span(params ReadOnlySpan<(int[] Days, int Count)> columns)
    {
        var (first, last) = (int.MaxValue, int.MinValue);
        foreach (var (days, count) in columns)
        {
            for (var i = 0; i < count; i++)
            {
                (first, last) = (Math.Min(first, days[i]), Math.Max(last, days[i]));
            }
        }

        return first <= last ? (first, last) : null;
    }

    /// <summary>
    /// An empty campaign or product is shown as "(none)", so it is a value that can be filtered and charted.
    /// </summary>
    private static string Named(string value) => value.Length == 0 ? Snapshot.None : value;
}
