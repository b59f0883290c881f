using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Lift;
using HealthKart.Simulation;
using HealthKart.Core.Tests.Simulation;

namespace HealthKart.Core.Tests.Analytics.Lift;

/// <summary>
/// The prepost estimator against the simulator's ground truth (the net revenue of orders that exist only because of
/// posts), over a fixed list of 20 seeds per scenario. Sparse: 20 influencers posting about twice a year, so most
/// product-days are quiet. Dense: 300 influencers posting 4 times in 180 days, so nearly every product-day has a post
/// in its window (HealthKart's scale).
/// </summary>
[Trait("Category", "Slow")]
public sealed class PrePostSimulationTests
{
    private static readonly int[] Seeds = [.. Enumerable.Range(1, 20)];

    public static readonly TheoryData<string> Scenarios = ["sparse", "dense"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void With_a_true_lift_of_30_percent_the_interval_covers_the_truth_and_the_estimate_is_close(string scenario)
    {
        var runs = Seeds.Select(seed => Run(scenario, 0.3, seed)).ToList();
        var covered = runs.Count(r => r.Estimate.Interval is { } i && i.Low <= r.Truth.TrueIncrementalRevenue && r.Truth.TrueIncrementalRevenue <= i.High);
        var errors = runs.Select(r => Math.Abs(r.Estimate.Paise!.Value / 100m - r.Truth.TrueIncrementalRevenue) / r.Truth.TrueIncrementalRevenue).Order().ToList();
        var median = (errors[9] + errors[10]) / 2;

        Assert.True(covered >= 18, $"{scenario}: the interval covered the true incremental revenue in {covered} of 20 seeds");
        Assert.True(median < 0.15m, $"{scenario}: median relative error {median:P1}");
        Assert.All(runs, r => Assert.Equal(Verdicts.Incremental, r.Estimate.Verdict));
        var methods = runs.SelectMany(r => r.Model.Products).Select(p => p.Method).Where(m => m is not null).Distinct().ToList();
        Assert.Equal([scenario == "sparse" ? LiftMethods.QuietDays : LiftMethods.Regression], methods);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void With_no_true_lift_the_verdict_is_not_significant(string scenario)
    {
        var runs = Seeds.Select(seed => Run(scenario, 0, seed)).ToList();

        Assert.All(runs, r => Assert.Equal(0m, r.Truth.TrueIncrementalRevenue));
        var notSignificant = runs.Count(r => r.Estimate.Verdict == Verdicts.NotSignificant);
        Assert.True(notSignificant >= 18, $"{scenario}: not significant in {notSignificant} of 20 seeds");
    }

    [Fact]
    public void Without_organic_rows_every_figure_is_insufficient_data()
    {
        var snapshot = Simulate(Options("dense", 0.3, 1), dropOrganic: true).Snapshot;
        var selection = new Selection(snapshot, AnalyticsQuery.All with { Incrementality = Incrementality.PrePost });

        var summary = AnalyticsEngine.Summary(selection, new DateOnly(2026, 1, 1));
        Assert.Equal((null, Verdicts.InsufficientData), (summary.IncrementalRevenue, summary.IncrementalVerdict));
        Assert.All(AnalyticsEngine.Influencers(selection).Items, i => Assert.Null(i.IncrementalRevenue));
        Assert.All(LiftModel.Of(snapshot).Products, p => Assert.Equal(Verdicts.InsufficientData, p.Verdict));
    }

    [Fact]
    public void Every_breakdown_shares_out_exactly_the_product_level_lift()
    {
        var snapshot = Simulate(Options("sparse", 0.3, 1)).Snapshot;
        var selection = new Selection(snapshot, AnalyticsQuery.All with { Incrementality = Incrementality.PrePost });
        var (estimate, model) = (Incrementality.Total(selection), LiftModel.Of(snapshot));

        var products = model.Products.Where(p => p.Verdict != Verdicts.InsufficientData).Sum(p => p.IncrementalRevenue ?? 0);
        Assert.Equal((double)products, estimate.Paise!.Value / 100.0, 0);
        foreach (var items in new[]
        {
            AnalyticsEngine.Influencers(selection).Items.Select(i => i.IncrementalRevenue),
            AnalyticsEngine.Campaigns(selection).Items.Select(i => i.IncrementalRevenue),
            AnalyticsEngine.Platforms(selection).Items.Select(i => i.IncrementalRevenue),
            AnalyticsEngine.Categories(selection).Items.Select(i => i.IncrementalRevenue),
            AnalyticsEngine.TimeSeries(selection).Items.Select(i => i.IncrementalRevenue),
        })
        {
            Assert.Equal((double)products, (double)items.Sum(i => i ?? 0), 0);
        }
    }

    private static (IncrementalEstimate Estimate, GroundTruth Truth, LiftModel Model) Run(string scenario, double lift, int seed)
    {
        var (snapshot, truth) = Simulate(Options(scenario, lift, seed));
        var selection = new Selection(snapshot, AnalyticsQuery.All with { Incrementality = Incrementality.PrePost });
        return (Incrementality.Total(selection), truth, LiftModel.Of(snapshot));
    }

    private static SimulationOptions Options(string scenario, double lift, int seed) => scenario == "sparse"
        ? new SimulationOptions { Seed = seed, Influencers = 20, PostsPerInfluencer = 2, Days = 365, OrganicOrdersPerDay = 300, TrueLift = lift }
        : new SimulationOptions { Seed = seed, Influencers = 300, PostsPerInfluencer = 4, Days = 180, OrganicOrdersPerDay = 300, TrueLift = lift };

    private static (Snapshot Snapshot, GroundTruth Truth) Simulate(SimulationOptions options, bool dropOrganic = false)
    {
        var directory = SimulatorTests.TempDirectory();
        try
        {
            var result = Simulator.Run(options, directory);
            var tracking = Path.Combine(directory, "tracking_data.csv");
            if (dropOrganic)
            {
                File.WriteAllLines(tracking, File.ReadLines(tracking).Where(line => !line.StartsWith("organic,", StringComparison.Ordinal)).ToList());
            }

            var sources = SimulatedSources.Read(directory);
            return (SnapshotBuilder.Build($"sim-{options.Seed}", sources, new AnalyticsOptions()), result.GroundTruth);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
