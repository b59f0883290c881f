using System.Diagnostics;
using System.Globalization;
using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Planning;

namespace HealthKart.Benchmarks;

/// <summary>
/// The budget plan against the summary view on the same snapshot, in one run (not a target of the issue's own, a figure
/// for its note): a simulated year at the design scale's roster with N tracking rows, the snapshot and its prepost lift model
/// built first (as a warm instance has them), then per repetition a fresh selection (nothing memoised) for each view,
/// alternating which goes first. The median ratio plan/summary is reported; the served answers are memoised per
/// snapshot and query, so a repeated request of either costs a copy.
/// </summary>
public static class PlanTiming
{
    public static int Run(string[] args)
    {
        var rows = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var reps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
        var directory = Directory.CreateTempSubdirectory("hk-bench-plan-");
        try
        {
            AnalyticsData.Simulate(rows, 42, directory.FullName);
            var snapshot = AnalyticsData.Build(AnalyticsData.Sources(directory.FullName));
            AnalyticsData.Describe(snapshot);
            var prepost = AnalyticsQuery.All with { Incrementality = Incrementality.PrePost };
            var clock = Stopwatch.StartNew();
            var first = BudgetPlanner.Plan(new Selection(snapshot, AnalyticsQuery.All));
            Console.WriteLine($"  first plan (builds the lift model) {clock.Elapsed.TotalMilliseconds:F0} ms: {first.Allocations.Count:N0} paid influencers, advised {first.Advised}");

            var summary = new List<double>();
            var plan = new List<double>();
            for (var rep = 0; rep < reps; rep++)
            {
                for (var turn = 0; turn < 2; turn++)
                {
                    var isPlan = (rep % 2 == 0) == (turn == 0);
                    clock.Restart();
                    _ = isPlan
                        ? BudgetPlanner.Plan(new Selection(snapshot, prepost))
                        : (object)AnalyticsEngine.Summary(new Selection(snapshot, prepost), new DateOnly(2026, 1, 1));
                    (isPlan ? plan : summary).Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            var (p, s) = (Median(plan), Median(summary));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"== plan vs summary at {rows:N0} tracking rows, fresh selection each, prepost, {reps} reps: plan {p:F1} ms, summary {s:F1} ms, ratio {p / s:F2}"));
            return 0;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
