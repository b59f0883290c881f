using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Planning;
using HealthKart.Simulation;
using HealthKart.Core.Tests.Simulation;
using Xunit.Abstractions;

namespace HealthKart.Core.Tests.Analytics.Planning;

/// <summary>
/// The planner against the simulator's true response curves over a fixed list of 20 seeds (1-20), with diminishing
/// returns (audience saturation 0.7 per post), in two scenarios: <c>sample</c>, hk simulate's defaults (50 influencers,
/// 90 days, about 2,800 tracking rows), and <c>scaled</c>, 120 influencers posting about 4 times in 180 days with 300
/// organic orders a day.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PlannerSimulationTests(ITestOutputHelper output)
{
    private static readonly int[] Seeds = [.. Enumerable.Range(1, 20)];

    public static readonly TheoryData<string> Scenarios = ["sample", "scaled"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void With_diminishing_returns_the_plan_gains_and_its_interval_covers_the_truth_capturing_half_the_optimum(
        string scenario)
    {
        var runs = Seeds.Select(seed => Run(scenario, 0.3, seed)).ToList();
        foreach (var r in runs)
        {
            output.WriteLine(
                $"seed {r.Seed}: true {r.TrueGain:N0} est {r.Plan.ExpectedGain.Value:N0} " +
                $"[{r.Plan.ExpectedGain.Low:N0}, {r.Plan.ExpectedGain.High:N0}] optimum {r.Optimum:N0} advised " +
                $"{r.Plan.Advised} theta {r.Plan.Saturation.Posts:0.00} [{r.Plan.Saturation.Low:0.00}, " +
                $"{r.Plan.Saturation.High:0.00}]");
        }

        var positive = runs.Count(r => r.TrueGain > 0);
        var covered = runs.Count(r => (double)r.Plan.ExpectedGain.Low <= r.TrueGain
            && r.TrueGain <= (double)r.Plan.ExpectedGain.High);
        var captured = runs.Select(r => r.TrueGain / r.Optimum).Order().ToList();
        var median = (captured[9] + captured[10]) / 2;
        output.WriteLine($"{scenario}: positive {positive}/20, covered {covered}/20, median captured {median:P1}");

        Assert.True(positive >= 18, $"{scenario}: the true gain was positive in {positive} of 20 seeds");
        Assert.True(covered >= 17, $"{scenario}: the interval covered the true gain in {covered} of 20 seeds");
        Assert.True(median >= 0.5, $"{scenario}: the plan captured {median:P1} of the true optimum's gain on median");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void With_no_true_lift_the_interval_includes_zero_and_nothing_is_advised(string scenario)
    {
        var runs = Seeds.Select(seed => Run(scenario, 0, seed)).ToList();
        foreach (var r in runs)
        {
            output.WriteLine(
                $"seed {r.Seed}: est {r.Plan.ExpectedGain.Value:N0} [{r.Plan.ExpectedGain.Low:N0}, " +
                $"{r.Plan.ExpectedGain.High:N0}] advised {r.Plan.Advised}");
        }

        var includesZero = runs.Count(r => r.Plan.ExpectedGain.Low <= 0 && 0 <= r.Plan.ExpectedGain.High);
        output.WriteLine(
            $"{scenario}: the interval includes zero in {includesZero}/20, advised in " +
            $"{runs.Count(r => r.Plan.Advised)}/20");
        Assert.True(includesZero >= 18, $"{scenario}: the interval included zero in {includesZero} of 20 seeds");
        Assert.True(runs.Count(r => !r.Plan.Advised) >= 18);
        Assert.All(runs.Where(r => !r.Plan.Advised), r => Assert.StartsWith("No reallocation is supported by the data",
            r.Plan.Advice));
    }

    private static Outcome Run(string scenario, double lift, int seed)
    {
        var options = scenario == "sample"
            ? new SimulationOptions { Seed = seed, TrueLift = lift }
            : new SimulationOptions
            {
                Seed = seed,
                Influencers = 120,
                PostsPerInfluencer = 4,
                Days = 180,
                OrganicOrdersPerDay = 300,
                TrueLift = lift
            };
        var (snapshot, truth) = Simulate(options);
        var plan = BudgetPlanner.Plan(new Selection(snapshot, AnalyticsQuery.All));
        AssertHonest(plan);
        var curves = TrueCurves.Of(truth);
        var moves = plan.Allocations.Select(a => (a.InfluencerId, (double)a.CurrentSpend, (double)a.ProposedSpend))
            .ToList();
        var bounds = plan.Allocations.Select(a => (a.InfluencerId, (double)a.CurrentSpend, (double)a.MinSpend,
            (double)a.MaxSpend)).ToList();
        return new Outcome(seed, plan, curves.Gain(moves), curves.OptimumGain(bounds, (double)plan.Budget));
    }

    /// <summary>Simulates into a temporary folder and folds the files into a snapshot as ingestion would.</summary>
    private static (Snapshot Snapshot, GroundTruth Truth) Simulate(SimulationOptions options)
    {
        var directory = SimulatorTests.TempDirectory();
        try
        {
            var truth = Simulator.Run(options, directory).GroundTruth;
            return (SnapshotBuilder.Build($"sim-{options.Seed}", SimulatedSources.Read(directory),
                new AnalyticsOptions()), truth);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Every_scenario_keeps_its_bounds_and_its_budget_and_never_promises_more_than_the_lift()
    {
        var (snapshot, truth) =
            Simulate(new SimulationOptions { Seed = 7, Influencers = 120, Days = 180, OrganicOrdersPerDay = 300 });
        var paid = truth.Influencers.Where(i => i.Payout > 0).ToList();

        // The truth: 13 points from 0 to twice each payout, through the expected incremental revenue at the payout.
        Assert.Equal(paid.Select(i => i.InfluencerId).Order(), truth.ResponseCurves.Keys.Order());
        Assert.All(paid, i =>
        {
            var curve = truth.ResponseCurves[i.InfluencerId];
            Assert.Equal(13, curve.Length);
            Assert.Equal([0m, 0m], curve[0]);
            Assert.Equal(2 * i.Payout, curve[^1][0]);
            Assert.Equal(i.ExpectedIncrementalRevenue, curve[6][1]);
        });

        foreach (var query in new[]
        {
            AnalyticsQuery.All,
            AnalyticsQuery.All
                with { Plan = new PlanSettings { Budget = 45_00_000.37m, MinShare = 0.8, MaxShare = 1.2 } },
            AnalyticsQuery.All with { Plan = new PlanSettings { Scenario = PlanScenario.TargetRoas, Target = 2 } },
            AnalyticsQuery.All with { Platforms = ["Instagram"], From = new DateOnly(2025, 7, 1) },
        })
        {
            AssertHonest(BudgetPlanner.Plan(new Selection(snapshot, query)));
        }

        var outside = AnalyticsQuery.All with { Plan = new PlanSettings { Budget = 1_000m } };
        var problem = Assert.Throws<HealthKart.Core.Problems.ProblemException>(() =>
            BudgetPlanner.Plan(new Selection(snapshot, outside)));
        Assert.Equal(("budget", 400), (problem.Parameter, problem.Status));

        // The insights compute the verdict on another core: its problem still reaches the caller as itself (a 400),
        // not wrapped in an AggregateException (a 500).
        var fromInsights = Assert.Throws<HealthKart.Core.Problems.ProblemException>(() =>
            InsightEngine.Insights(new Selection(snapshot, outside), new DateOnly(2026, 1, 15)));
        Assert.Equal(("budget", 400), (fromInsights.Parameter, fromInsights.Status));
    }

    /// <summary>
    /// Bounds hold, a fixed budget is spent to the paisa, and no gain exceeds the period's incremental revenue.
    /// </summary>
    private static void AssertHonest(PlanView plan)
    {
        Assert.All(plan.Allocations, a => Assert.InRange(a.ProposedSpend, a.MinSpend, a.MaxSpend));
        Assert.Equal(plan.Budget, plan.Allocations.Sum(a => a.ProposedSpend));

        Assert.True(plan.ExpectedGain.Low <= plan.ExpectedGain.Value
            && plan.ExpectedGain.Value <= plan.ExpectedGain.High);
        Assert.True(plan.ExpectedGain.High <= (plan.TotalIncrementalRevenue ?? 0),
            $"gain {plan.ExpectedGain.High} above the lift {plan.TotalIncrementalRevenue}");
        Assert.Equal(plan.Advised, plan.ExpectedGain.Low > 0);

        // The next rupee: the best marginal left to anyone below their bound, and said in words when a fixed budget's
        // last rupees return less than they cost.
        var room = plan.Allocations.Where(a => a.ProposedSpend < a.MaxSpend).ToList();
        Assert.Equal(room.Count == 0 ? null : room.Max(a => a.ProposedMarginalRoas), plan.MarginalRoas);
        Assert.Equal(plan.Scenario == "max-response" && plan.MarginalRoas < 1,
            plan.Advice.Contains("less than it costs", StringComparison.Ordinal));
    }

    private sealed record Outcome(int Seed, PlanView Plan, double TrueGain, double Optimum);
}
