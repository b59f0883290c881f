using System.Collections.Concurrent;
using System.Globalization;
using HealthKart.Core.Analytics;
using HealthKart.Simulation;
using HealthKart.Core.Tests.Simulation;
using FollowerTier = HealthKart.Core.Analytics.FollowerTier;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>
/// Properties that hold for any data (docs/metrics.md#rounding-whole-paise-largest-remainder: every
/// breakdown sums exactly to its total; docs/filters.md: filters partition),
/// checked on simulated datasets. The reference totals are read from the CSV files with CsvHelper, not from the engine.
/// </summary>
public sealed class SimulatedDataPropertyTests
{
    /// <summary>
    /// Seeds whose data has unpaid influencers with activity and undated spend, so no property holds vacuously.
    /// </summary>
    public static readonly TheoryData<int> Seeds = [1, 3, 9];

    private static readonly ConcurrentDictionary<int, Simulated> Datasets = new();

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SpendIsConservedOverEveryBreakdownToThePaisa(int seed)
    {
        var data = Dataset(seed);
        var selection = new Selection(data.Snapshot, AnalyticsQuery.All);
        var total = AnalyticsEngine.Summary(selection, data.Today).Spend;
        var series = AnalyticsEngine.TimeSeries(selection);

        Assert.Equal(data.PayoutsPaise / 100m, total);
        Assert.All(Breakdowns(selection), b => Assert.Equal((b.Name, total), (b.Name, b.Items.Sum(i => i.Spend))));
        Assert.Equal(total, series.Items.Sum(i => i.Spend) + series.UndatedSpend);
        Assert.True(series.UndatedSpend >= 0);
    }

    /// <summary>
    /// The budget planner reads the views' influencer items in the order the measured (prepost) ranking gives them
    /// (docs/planner.md): that order is the one of the items computed under prepost, in every filter state, and here
    /// it is not the flat ranking's (so the reordering is not vacuous).
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void ThePlannersInfluencersAreInTheMeasuredRankingsOrder(int seed)
    {
        var data = Dataset(seed);
        var last = DateOnly.FromDayNumber(data.Snapshot.DayRange!.Value.Last);
        foreach (var query in new[]
        {
            AnalyticsQuery.All,
            AnalyticsQuery.All with { Platforms = ["Instagram"] },
            AnalyticsQuery.All with { From = last.AddDays(-59), To = last },
        })
        {
            var selection = new Selection(data.Snapshot, query);
            var prepost = query with { Incrementality = Incrementality.PrePost };
            var measured = AnalyticsEngine.InfluencerItems(new Selection(data.Snapshot, prepost));
            var planned = AnalyticsEngine.InfluencersInMeasuredOrder(selection);

            Assert.Equal(measured.Select(i => i.InfluencerId), planned.Select(i => i.InfluencerId));
            Assert.Equal(AnalyticsEngine.InfluencerItems(selection).Select(i => i.InfluencerId).Order(),
                planned.Select(i => i.InfluencerId).Order());
        }

        var flat = AnalyticsEngine.InfluencerItems(new Selection(data.Snapshot, AnalyticsQuery.All));
        Assert.NotEqual(flat.Select(i => i.InfluencerId),
            AnalyticsEngine.InfluencersInMeasuredOrder(new Selection(data.Snapshot, AnalyticsQuery.All))
                .Select(i => i.InfluencerId));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EachInfluencersSpendIsWhatTheirPayoutRowsAddUpTo(int seed)
    {
        var data = Dataset(seed);
        var items = AnalyticsEngine.Influencers(new Selection(data.Snapshot, AnalyticsQuery.All)).Items;

        foreach (var (id, paise) in data.PayoutsByInfluencer)
        {
            Assert.Equal((id, paise / 100m), (id, items.SingleOrDefault(i => i.InfluencerId == id)?.Spend ?? 0m));
        }

        Assert.All(items.Where(i => !data.PayoutsByInfluencer.ContainsKey(i.InfluencerId)),
            i => Assert.Equal(0m, i.Spend));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RevenueAndOrdersAreConservedOverEveryBreakdown(int seed)
    {
        var data = Dataset(seed);
        var selection = new Selection(data.Snapshot, AnalyticsQuery.All);
        var summary = AnalyticsEngine.Summary(selection, data.Today);

        // Influencer (non-organic) rows, refunded and cancelled ones subtracted, straight from tracking_data.csv.
        Assert.Equal((data.RevenuePaise / 100m, data.Orders), (summary.Revenue, summary.Orders));
        Assert.All(Breakdowns(selection).Append(("timeseries", AnalyticsEngine.TimeSeries(selection).Items)), b =>
            Assert.Equal((b.Name, summary.Revenue, summary.Orders, summary.Posts, summary.Reach),
                (b.Name, b.Items.Sum(i => i.Revenue), b.Items.Sum(i => i.Orders), b.Items.Sum(i => i.Posts),
                    b.Items.Sum(i => i.Reach))));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FilteringEachValueSeparatelyAddsUpToTheUnfilteredFigures(int seed)
    {
        var data = Dataset(seed);
        var snapshot = data.Snapshot;
        var all = Totals(snapshot, AnalyticsQuery.All);

        // Every fact has exactly one platform, and every influencer one category, gender and tier, so one filter per
        // value partitions the data. Unknown influencers have no tier; this data has none.
        Assert.Equal(all, Sum(snapshot.Platforms.Values.Select(p => Totals(snapshot, Query(("platform", [p]))))));
        Assert.Equal(all, Sum(snapshot.Influencers.Select(i => i.Category).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(c => Totals(snapshot, Query(("category", [c]))))));
        Assert.Equal(all, Sum(["Male", "Female", "Other"], g => Totals(snapshot, Query(("gender", [g])))));
        Assert.Equal(all, Sum(Enum.GetNames<FollowerTier>(), t => Totals(snapshot, Query(("tier", [t])))));
        Assert.Equal(all, Sum(snapshot.Influencers.Select(i => Totals(snapshot, Query(("influencer", [i.Id]))))));

        // Multi-select of every value, repeated and comma-separated, selects everything.
        Assert.Equal(all, Totals(snapshot, Query(("campaign", [.. snapshot.Campaigns.Values]))));
        Assert.Equal(all, Totals(snapshot, Query(("campaign", [string.Join(",", snapshot.Campaigns.Values)]))));
        Assert.Equal(all, Totals(snapshot, Query(("product", [.. snapshot.Products.Values]))));
        Assert.Equal(all, Totals(snapshot, Query(("brand", [.. snapshot.Brands.Values]))));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ADateRangeCoveringAllTheDataLeavesOutOnlyTheUndatedSpend(int seed)
    {
        var data = Dataset(seed);
        var (first, last) = data.Snapshot.DayRange!.Value;
        var unfiltered = AnalyticsEngine.Summary(new Selection(data.Snapshot, AnalyticsQuery.All), data.Today);
        var range = Query(("from", [DateOnly.FromDayNumber(first).ToString("yyyy-MM-dd")]),
            ("to", [DateOnly.FromDayNumber(last).ToString("yyyy-MM-dd")]));
        var dated = AnalyticsEngine.Summary(new Selection(data.Snapshot, range), data.Today);

        Assert.Equal((unfiltered.Revenue, unfiltered.Orders, unfiltered.Posts, unfiltered.Reach),
            (dated.Revenue, dated.Orders, dated.Posts, dated.Reach));
        Assert.True(unfiltered.UndatedSpend > 0);
        Assert.Equal(unfiltered.Spend - unfiltered.UndatedSpend, dated.Spend);
        Assert.Equal(0m, dated.UndatedSpend);

        // Splitting the range in two at any day splits everything dated exactly.
        var middle = DateOnly.FromDayNumber((first + last) / 2);
        var firstHalf = Totals(data.Snapshot, Query(("from", [DateOnly.FromDayNumber(first).ToString("yyyy-MM-dd")]),
            ("to", [middle.ToString("yyyy-MM-dd")])));
        var secondHalf = Totals(data.Snapshot, Query(("from", [middle.AddDays(1).ToString("yyyy-MM-dd")]),
            ("to", [DateOnly.FromDayNumber(last).ToString("yyyy-MM-dd")])));
        Assert.Equal(Totals(data.Snapshot, range), Sum([firstHalf, secondHalf]));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RoiAndRoasAreNullExactlyWhenThereIsNoSpend(int seed)
    {
        var data = Dataset(seed);
        var selection = new Selection(data.Snapshot, AnalyticsQuery.All);
        var items = Breakdowns(selection).SelectMany(b => b.Items)
            .Concat(AnalyticsEngine.TimeSeries(selection).Items)
            .Append(AnalyticsEngine.Summary(selection, data.Today)).ToList();

        Assert.Contains(items, i => i.Spend == 0);
        Assert.All(items, i => Assert.Equal(
            (i.Spend == 0, i.Spend == 0, i.Spend == 0),
            (i.Roi is null, i.Roas is null, i.IncrementalRoas is null)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void UnpaidInfluencersHaveNoScoreAndNoRankAndThePaidAreRankedOneToN(int seed)
    {
        var data = Dataset(seed);
        var items = AnalyticsEngine.Influencers(new Selection(data.Snapshot, AnalyticsQuery.All)).Items;
        var paid = items.Where(i => i.Paid).ToList();

        Assert.Contains(items, i => !i.Paid);
        Assert.All(items, i => Assert.Equal(i.Spend > 0, i.Paid));
        Assert.All(items.Where(i => !i.Paid),
            i => Assert.Equal((null, null, false), (i.EfficiencyScore, i.Rank, i.Poor)));
        Assert.Equal(Enumerable.Range(1, paid.Count).Select(r => (int?)r), paid.Select(i => i.Rank));
        Assert.All(paid, i => Assert.InRange(i.EfficiencyScore!.Value, 0, 100));
        Assert.Equal(paid.Select(i => i.EfficiencyScore).OrderByDescending(s => s),
            paid.Select(i => i.EfficiencyScore));
        Assert.Equal(items.Take(paid.Count), paid);
    }

    private static IEnumerable<(string Name, IEnumerable<Kpis> Items)> Breakdowns(Selection selection)
    {
        var personas = AnalyticsEngine.Personas(selection);
        var products = AnalyticsEngine.Products(selection);
        return
        [
            ("influencers", AnalyticsEngine.Influencers(selection).Items),
            ("campaigns", AnalyticsEngine.Campaigns(selection).Items),
            ("platforms", AnalyticsEngine.Platforms(selection).Items),
            ("categories", AnalyticsEngine.Categories(selection).Items),
            ("tiers", AnalyticsEngine.Tiers(selection).Items),
            ("personas", personas.Items),
            ("personas by gender", personas.ByGender),
            ("personas by tier", personas.ByTier),
            ("products", products.Items),
            ("brands", products.Brands),
        ];
    }

    /// <summary>The additive figures of a selection (ratios are not additive).</summary>
    private static (decimal Revenue, long Orders, decimal Spend, long Posts, long Reach) Totals(Snapshot snapshot,
        AnalyticsQuery query)
    {
        var summary = AnalyticsEngine.Summary(new Selection(snapshot, query), new DateOnly(2030, 1, 1));
        return (summary.Revenue, summary.Orders, summary.Spend, summary.Posts, summary.Reach);
    }

    private static (decimal, long, decimal, long, long) Sum(IEnumerable<(decimal Revenue, long Orders, decimal Spend,
        long Posts, long Reach)> parts)
    {
        var list = parts.ToList();
        return (list.Sum(p => p.Revenue), list.Sum(p => p.Orders), list.Sum(p => p.Spend), list.Sum(p => p.Posts),
            list.Sum(p => p.Reach));
    }

    private static (decimal, long, decimal, long, long) Sum(
        IEnumerable<string> values, Func<string, (decimal Revenue, long Orders, decimal Spend, long Posts,
            long Reach)> totals) =>
        Sum(values.Select(totals));

    private static AnalyticsQuery Query(params (string Name, string[] Values)[] parameters) =>
        AnalyticsQueryParser.Parse(
            parameters.Select(p => KeyValuePair.Create(p.Name, p.Values.Select(v => (string?)v).ToArray())));

    private static Simulated Dataset(int seed) => Datasets.GetOrAdd(seed, Simulated.Create);

    /// <summary>
    /// A simulated dataset as a snapshot, with reference totals read independently from its CSV files.
    /// </summary>
    private sealed record Simulated(
        Snapshot Snapshot, DateOnly Today, long PayoutsPaise, Dictionary<string, long> PayoutsByInfluencer,
        long RevenuePaise, long Orders)
    {
        public static Simulated Create(int seed)
        {
            var directory = SimulatorTests.TempDirectory();
            try
            {
                var options = new SimulationOptions { Seed = seed, Influencers = 30, Days = 60 };
                Simulator.Run(options, directory);

                // Simulated payouts always have something to spread over; add one that cannot (a July fee for an
                // influencer's posts when the data has none that month), so the undated-spend properties are not
                // vacuous.
                var someone = CsvFile.Read(Path.Combine(directory, "influencers.csv")).Rows[0]["ID"];
                File.AppendAllText(Path.Combine(directory, "payouts.csv"),
                    $"{someone},post,4321.09,0,4321.09,2031-07-01,\n");
                var sources = SimulatedSources.Read(directory);

                var payouts = CsvFile.Read(Path.Combine(directory, "payouts.csv")).Rows;
                var tracking = CsvFile.Read(Path.Combine(directory, "tracking_data.csv")).Rows
                    .Where(r => r["influencer_id"].Length > 0
                        && !r["source"].Equals("organic", StringComparison.OrdinalIgnoreCase))
                    .Select(r => (Sign: r["status"] is "refunded" or "cancelled" ? -1 : 1, Row: r)).ToList();
                var byInfluencer = payouts.GroupBy(r => r["influencer_id"]).ToDictionary(g => g.Key,
                    g => g.Sum(r => Paise(r["total_payout"])));

                return new Simulated(
                    SnapshotBuilder.Build($"sim-{seed}", sources, new AnalyticsOptions()),
                    options.EndDate.AddDays(30),
                    payouts.Sum(r => Paise(r["total_payout"])),
                    byInfluencer,
                    tracking.Sum(t => t.Sign * Paise(t.Row["revenue"])),
                    tracking.Sum(t => t.Sign * long.Parse(t.Row["orders"], CultureInfo.InvariantCulture)));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        private static long Paise(string rupees) => (long)(decimal.Parse(rupees, CultureInfo.InvariantCulture) * 100);
    }
}
