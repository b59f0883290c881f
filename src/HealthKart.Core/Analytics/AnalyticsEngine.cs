using HealthKart.Core.Analytics.Customers;
using HealthKart.Core.Problems;

namespace HealthKart.Core.Analytics;

/// <summary>
/// Every analytics view of a <see cref="Selection"/> (one snapshot, one query). Sales, posts and spend are summed by
/// <see cref="Aggregator"/>; influencer-level attributes (category, tier, persona) are regrouped from the
/// per-influencer totals, which are computed once per selection.
/// </summary>
public static class AnalyticsEngine
{
    /// <summary>
    /// The summary of a filter state, computed once per day and incrementality and shared by whoever asks: the summary
    /// view, the insights' executive summary, and the warm-up at start (a first request waits for the warm-up's
    /// computation instead of repeating it beside it).
    /// </summary>
    public static SummaryView Summary(Selection selection, DateOnly today) =>
        selection.Memo($"summary|{today:yyyy-MM-dd}|{selection.Query.Incrementality}", () =>
    {
        var snapshot = selection.Snapshot;
        var options = snapshot.Options;
        var total = Aggregator.GroupBy(selection, 1, GroupKey.Total, GroupKey.Total, GroupKey.Total)[0];
        var influencers = InfluencerItems(selection);
        var undated = UndatedSpend(selection);
        return Kpis.Fill(new SummaryView
        {
            DatasetVersion = snapshot.DatasetVersion,
            Incrementality = Incrementality.Describe(selection, withProducts: true),
            InfluencerCount = influencers.Count,
            PaidInfluencerCount = influencers.Count(i => i.Paid),
            UnpaidInfluencerCount = influencers.Count(i => !i.Paid),
            PoorPerformerCount = influencers.Count(i => i.Poor),
            UndatedSpend = Kpis.Rupees(undated),
            Period = Period(selection, today),
            Customers = CustomerCohorts.Count(selection),
        }, total, options, Incrementality.IsPrePost(selection.Query) ? Incrementality.Total(selection) : null);
    });

    public static Breakdown<InfluencerItem> Influencers(Selection selection) =>
        Wrap(selection, InfluencerItems(selection));

    /// <summary>The best paid influencers by efficiency score.</summary>
    public static Breakdown<InfluencerItem> Top(Selection selection) =>
        Wrap(selection, InfluencerItems(selection).Where(i => i.Paid).Take(selection.Query.N).ToList());

    /// <summary>Poor performers (ROI or ROAS under the thresholds), worst ROI first.</summary>
    public static Breakdown<InfluencerItem> Poor(Selection selection) =>
        Wrap(selection, InfluencerItems(selection).Where(i => i.Poor).OrderBy(i => i.Roi).ThenBy(i => i.InfluencerId,
            StringComparer.Ordinal)
            .Take(selection.Query.N).ToList());

    public static Breakdown<CampaignItem> Campaigns(Selection selection)
    {
        var snapshot = selection.Snapshot;
        return Wrap(selection, Items(selection, snapshot.Campaigns.Count,
            new GroupKey(snapshot.Sales.Campaign), new GroupKey(snapshot.Posts.Campaign),
            new GroupKey(snapshot.Spend.Campaign), id => new CampaignItem(snapshot.Campaigns[id])));
    }

    public static Breakdown<PlatformItem> Platforms(Selection selection)
    {
        var snapshot = selection.Snapshot;
        return Wrap(selection, Items(selection, snapshot.Platforms.Count,
            new GroupKey(snapshot.Sales.Platform), new GroupKey(snapshot.Posts.Platform),
            new GroupKey(snapshot.Spend.Platform), id => new PlatformItem(snapshot.Platforms[id])));
    }

    public static Breakdown<CategoryItem> Categories(Selection selection) =>
        Wrap(selection, Regroup(selection, p => p.Category, key => new CategoryItem(key)));

    public static Breakdown<TierItem> Tiers(Selection selection) =>
        Wrap(selection, Regroup(selection, p => p.Known ? p.Tier.ToString() : InfluencerProfile.Unknown,
            key => new TierItem(key)));

    public static PersonaBreakdown Personas(Selection selection) => new(
        Regroup(selection, p => $"{p.Category}\u001f{p.Platform}",
            key => new PersonaItem(key.Split('\u001f')[0], key.Split('\u001f')[1])),
        GenderItems(selection),
        Regroup(selection, p => p.Known ? p.Tier.ToString() : InfluencerProfile.Unknown, key => new TierItem(key)),
        selection.Snapshot.DatasetVersion, Incrementality.Describe(selection));

    public static ProductBreakdown Products(Selection selection)
    {
        var snapshot = selection.Snapshot;
        return new ProductBreakdown(
            Items(selection, snapshot.Products.Count, new GroupKey(snapshot.Sales.Product),
                new GroupKey(snapshot.Posts.Product), new GroupKey(snapshot.Spend.Product),
                id => new ProductItem(snapshot.Products[id], snapshot.Brands[snapshot.ProductBrand[id]])),
            BrandItems(selection), snapshot.DatasetVersion, Incrementality.Describe(selection));
    }

    /// <summary>
    /// The brands (MuscleBlaze, HKVitals, Gritzo...): sales and spend by their own brand, posts by their product's.
    /// </summary>
    public static Breakdown<BrandItem> Brands(Selection selection) => Wrap(selection, BrandItems(selection));

    public static Breakdown<GenderItem> Genders(Selection selection) => Wrap(selection, GenderItems(selection));

    private static List<BrandItem> BrandItems(Selection selection)
    {
        var snapshot = selection.Snapshot;
        return Items(selection, snapshot.Brands.Count, new GroupKey(snapshot.Sales.Brand),
            new GroupKey(snapshot.Posts.Product, snapshot.ProductBrand), new GroupKey(snapshot.Spend.Brand),
            id => new BrandItem(snapshot.Brands[id]));
    }

    private static List<GenderItem> GenderItems(Selection selection) =>
        Regroup(selection, p => p.Gender, key => new GenderItem(key));

    /// <summary>
    /// Revenue, spend, orders and ROAS per day, week (Monday first) or month, every period of the range present even
    /// when empty, so a chart's gaps are real gaps. The range is clamped to the data's own first and last day (a
    /// <c>from</c> before the data starts adds no empty periods), and a daily series longer than
    /// <see cref="AnalyticsOptions.MaxDailyPeriods"/> is refused: the cost of a request stays bounded.
    /// </summary>
    public static TimeSeries TimeSeries(Selection selection)
    {
        var snapshot = selection.Snapshot;
        var items = new List<PeriodItem>();
        if (snapshot.DayRange is { } data
            && Math.Max(selection.Query.From?.DayNumber ?? data.First, data.First) is var from
            && Math.Min(selection.Query.To?.DayNumber ?? data.Last, data.Last) is var to
            && from <= to)
        {
            if (selection.Query.Granularity == Granularity.Day && to - from + 1 > snapshot.Options.MaxDailyPeriods)
            {
                throw ProblemException.BadRequest("granularity",
                    $"The selected dates hold {IndianText.Count(to - from + 1)} days of data; a daily series " +
                    $"covers at most {IndianText.Count(snapshot.Options.MaxDailyPeriods)}. " +
                    "Ask for granularity=week or month, or narrow from and to.");
            }

            var periods = new List<DateOnly>();
            var periodOf = new int[to - from + 1];
            for (var day = from; day <= to; day++)
            {
                var start = PeriodStart(DateOnly.FromDayNumber(day), selection.Query.Granularity);
                if (periods.Count == 0 || periods[^1] != start)
                {
                    periods.Add(start);
                }

                periodOf[day - from] = periods.Count - 1;
            }

            var sales = new GroupKey(snapshot.Sales.Day, periodOf, from);
            var totals = Aggregator.GroupBy(selection, periods.Count,
                sales, new GroupKey(snapshot.Posts.Day, periodOf, from),
                new GroupKey(snapshot.Spend.Day, periodOf, from));
            var lifts = Incrementality.Estimates(selection, periods.Count, sales);
            items = periods.Select((period, index) => Kpis.Fill(new PeriodItem(period), totals[index], snapshot.Options,
                lifts?[index])).ToList();
        }

        return new TimeSeries(items, selection.Query.Granularity.ToString().ToLowerInvariant(),
            Kpis.Rupees(UndatedSpend(selection)), snapshot.DatasetVersion, Incrementality.Describe(selection));
    }

    public static DateOnly PeriodStart(DateOnly day, Granularity granularity) => granularity switch
    {
        Granularity.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        Granularity.Month => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    /// <summary>Every influencer of the selection with any sales, posts or spend in it, scored and ranked.</summary>
    public static IReadOnlyList<InfluencerItem> InfluencerItems(Selection selection) =>
        selection.Memo($"influencers|{selection.Query.Incrementality}", () =>
    {
        var snapshot = selection.Snapshot;
        var options = snapshot.Options;
        var totals = InfluencerTotals(selection);
        var lifts = Incrementality.Estimates(selection, totals.Length, new GroupKey(snapshot.Sales.Influencer));
        var items = new List<InfluencerItem>(totals.Length);
        for (var i = 0; i < totals.Length; i++)
        {
            if (!Active(totals[i]) || !selection.InfluencerPasses(i))
            {
                continue;
            }

            var p = snapshot.Influencers[i];
            items.Add(Kpis.Fill(new InfluencerItem(p.Id, p.Name, p.Category, p.Gender, p.Platform, p.Followers,
                p.Known ? p.Tier.ToString() : InfluencerProfile.Unknown, p.Known)
            {
                Paid = totals[i].Spend > 0,
                RevenuePerFollower =
                    p.Followers == 0 ? null : Kpis.Round((double)Kpis.Rupees(totals[i].Revenue) / p.Followers),
            }, totals[i], options, lifts?[i]));
        }

        return InfluencerScorer.Score(items, options);
    });

    /// <summary>
    /// The selection's influencers (the items of <see cref="InfluencerItems"/> under flat incrementality, as the views
    /// show them) in the order the ranking gives them under measured (prepost) incrementality: the paid by their
    /// measured scores, then the unpaid. What the budget planner reads of an influencer (who they are, revenue, spend,
    /// posts, reach) is the same under both, and their order is the measured one, so the planner needs no second set
    /// of items (docs/planner.md).
    /// </summary>
    public static IReadOnlyList<InfluencerItem> InfluencersInMeasuredOrder(Selection selection)
    {
        var snapshot = selection.Snapshot;
        // The measured lifts first: they need no items, which the views' request may be building meanwhile.
        var measured = selection.With(selection.Query with { Incrementality = Incrementality.PrePost });
        var lifts = Incrementality.Estimates(measured, snapshot.Influencers.Count,
            new GroupKey(snapshot.Sales.Influencer));
        var items = InfluencerItems(selection.With(selection.Query with { Incrementality = Incrementality.Flat }));
        var totals = InfluencerTotals(selection);
        var paid = items.TakeWhile(i => i.Paid).ToArray();
        var incrementalRoas = paid.Select(i =>
        {
            var at = snapshot.InfluencerOf(i.InfluencerId);
            return Kpis.IncrementalRoasOf(Kpis.IncrementalPaise(totals[at], snapshot.Options, lifts?[at]),
                totals[at].Spend);
        }).ToArray();
        var (order, _) = InfluencerScorer.Rank(paid, incrementalRoas, snapshot.Options);
        return [.. order.Select(o => paid[o]), .. items.Skip(paid.Length)];
    }

    private static Totals[] InfluencerTotals(Selection selection) => selection.Memo("influencer-totals", () =>
    {
        var snapshot = selection.Snapshot;
        return Aggregator.GroupBy(selection, snapshot.Influencers.Count,
            new GroupKey(snapshot.Sales.Influencer), new GroupKey(snapshot.Posts.Influencer),
            new GroupKey(snapshot.Spend.Influencer));
    });

    /// <summary>Sums per-influencer totals by an influencer attribute (category, tier, persona, gender).</summary>
    private static List<T> Regroup<T>(Selection selection, Func<InfluencerProfile, string> keyOf,
        Func<string, T> create) where T : Kpis
    {
        var snapshot = selection.Snapshot;
        var totals = InfluencerTotals(selection);
        var keys = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var groupOf = new int[totals.Length];
        for (var i = 0; i < totals.Length; i++)
        {
            groupOf[i] = -1;
            if (Active(totals[i]))
            {
                var key = keyOf(snapshot.Influencers[i]);
                if (!index.TryGetValue(key, out var g))
                {
                    index.Add(key, g = keys.Count);
                    keys.Add(key);
                }

                groupOf[i] = g;
            }
        }

        var sums = new Totals[keys.Count];
        for (var i = 0; i < totals.Length; i++)
        {
            if (groupOf[i] >= 0)
            {
                sums[groupOf[i]].Add(totals[i]);
            }
        }

        var lifts = Incrementality.Estimates(selection, keys.Count, new GroupKey(snapshot.Sales.Influencer, groupOf));
        return keys.Select((key, g) => Kpis.Fill(create(key), sums[g], snapshot.Options, lifts?[g]))
            .OrderByDescending(i => i.Revenue).ThenByDescending(i => i.Spend).ToList();
    }

    /// <summary>
    /// Sums the selection by one key of each fact table and fills an item for every group with any activity.
    /// </summary>
    private static List<T> Items<T>(Selection selection, int groups, GroupKey sales, GroupKey posts, GroupKey spend,
        Func<int, T> create) where T : Kpis
    {
        var totals = Aggregator.GroupBy(selection, groups, sales, posts, spend);
        var lifts = Incrementality.Estimates(selection, groups, sales);
        return Enumerable.Range(0, groups).Where(id => Active(totals[id]))
            .Select(id => Kpis.Fill(create(id), totals[id], selection.Snapshot.Options, lifts?[id]))
            .OrderByDescending(i => i.Revenue).ThenByDescending(i => i.Spend).ToList();
    }

    private static long UndatedSpend(Selection selection)
    {
        var spend = selection.Snapshot.Spend;
        long undated = 0;
        foreach (var i in selection.Spend)
        {
            if (spend.Day[i] == SpendColumns.Undated)
            {
                undated += spend.Amount[i];
            }
        }

        return undated;
    }

    /// <summary>The dates a selection covers and how many of them are still maturing.</summary>
    public static PeriodInfo Period(Selection selection, DateOnly today)
    {
        var range = selection.Snapshot.DayRange;
        var from = selection.Query.From ?? (range is { } r ? DateOnly.FromDayNumber(r.First) : null);
        var to = selection.Query.To ?? (range is { } s ? DateOnly.FromDayNumber(s.Last) : null);
        var maturity = selection.Snapshot.Options.MaturityDays;
        if (from is not { } start || to is not { } end)
        {
            return new PeriodInfo(null, null, 0, 0, maturity);
        }

        // The maturing days are the last few up to today; a window that reaches past today has no figures there yet.
        var firstMaturing = today.AddDays(-maturity + 1);
        var immature = Math.Max(0, Math.Min(end.DayNumber, today.DayNumber)
            - Math.Max(start.DayNumber, firstMaturing.DayNumber) + 1);
        return new PeriodInfo(start, end, end.DayNumber - start.DayNumber + 1, immature, maturity);
    }

    private static bool Active(in Totals t) => t.Orders != 0 || t.Revenue != 0 || t.Spend != 0 || t.Posts != 0
        || t.NewCustomers != 0;

    private static Breakdown<T> Wrap<T>(Selection selection, IReadOnlyList<T> items) =>
        new(items, selection.Snapshot.DatasetVersion, Incrementality.Describe(selection));
}
