using System.Diagnostics;
using HealthKart.Core.Analytics;

namespace HealthKart.Benchmarks;

/// <summary>
/// The warm full dashboard (<see cref="Dashboard"/>: six views, no filter) over a snapshot built in process from N
/// simulated tracking rows, against DuckDB computing the same six aggregates over the same facts already in its memory
/// (<see cref="DuckDbDashboard"/>). Both sides are checked to give the same figures before anything is timed. A
/// sample runs the dashboard k times (k the same for both, so a sample lasts about a second); its "rows" are the
/// facts of the snapshot times k, so the rows/s ratio is DuckDB's time over ours.
/// </summary>
public static class DashboardPair
{
    /// <summary>
    /// Ours no slower than DuckDB: candidate rows/s &gt;= baseline rows/s, i.e. time ours/DuckDB &lt;= 1.
    /// </summary>
    public const double Target = 1.0;

    public sealed record Outcome(PairResult Pair, SnapshotMemory Memory);

    public static async Task<Outcome> RunAsync(long rows, int repetitions, int seed, bool judged, bool breakdown)
    {
        var scale = $"{rows:N0} tracking rows";
        var directory = Directory.CreateTempSubdirectory("hk-bench-dashboard-");
        Snapshot snapshot;
        SnapshotMemory memory;
        try
        {
            Console.WriteLine($"dashboard: {scale}");
            AnalyticsData.Simulate(rows, seed, directory.FullName);
            (snapshot, memory) = SnapshotMemory.Build(directory.FullName);
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        AnalyticsData.Describe(snapshot);
        memory.Report(scale);

        var clock = Stopwatch.StartNew();
        using var duck = DuckDbDashboard.Load(snapshot);
        Console.WriteLine(
            $"  DuckDB {duck.Version}: facts appended in {clock.Elapsed.TotalSeconds:F1} s (untimed); " +
            $"{duck.MemoryBytes() / (double)snapshot.FactCount:N1} B/fact in its memory");

        // Same figures on both sides, checked before timing (and again after, on the last runs).
        var ours = Dashboard.Compute(snapshot);
        var theirs = duck.Compute();
        DashboardFigures.AssertSame(DashboardFigures.Of(ours), theirs);
        Console.WriteLine(
            $"  check: both sides agree on {theirs.Items:N0} items over the six views (orders, revenue, spend, " +
            "posts, reach; summary counts)");

        // Warm-up (JIT tiering, DuckDB's own caches), then k per sample so the faster side's sample lasts ~1 s.
        for (var i = 0; i < 3; i++)
        {
            Dashboard.Compute(snapshot);
            duck.Compute();
        }

        var once = Math.Min(Time(() => Dashboard.Compute(snapshot)), Time(() => duck.Compute()));
        var k = (int)Math.Clamp(Math.Ceiling(1.0 / once), 1, 1000);
        Console.WriteLine($"  {k} dashboard(s) per sample; rows = facts x {k}");

        var facts = snapshot.FactCount;
        var result = await Harness.RunPairAsync(
            $"dashboard {rows / 1e6:0.#}M",
            $"warm full dashboard (6 views, no filter) over {facts:N0} facts from {scale}; baseline " +
            "DuckDB, candidate the engine",
            judged ? Target : double.NaN,
            repetitions,
            _ => Task.FromResult(Harness.Measure(() => Repeat(k, facts, () => duck.Compute()))),
            _ => Task.FromResult(Harness.Measure(() => Repeat(k, facts, () => Dashboard.Compute(snapshot)))));
        DashboardFigures.AssertSame(DashboardFigures.Of(Dashboard.Compute(snapshot)), duck.Compute());
        Harness.Report(result);
        Console.WriteLine(
            $"   time ours/DuckDB = {1 / result.Ratio:F3} (median of per-rep) -> ours " +
            $"{1000 * facts / result.CandidateMedian:F1} ms, DuckDB " +
            $"{1000 * facts / result.BaselineMedian:F1} ms per dashboard");

        if (breakdown)
        {
            Breakdown(snapshot, duck);
        }

        GC.KeepAlive(snapshot);
        return new Outcome(result, memory);
    }

    /// <summary>Each view alone on each side (median of 7 runs, ms), to see which one dominates.</summary>
    private static void Breakdown(Snapshot snapshot, DuckDbDashboard duck)
    {
        Console.WriteLine();
        Console.WriteLine("== dashboard breakdown: each view alone, median of 7 (ms)");
        Console.WriteLine($"   {"view",-12} {"engine",9} {"DuckDB",9} {"ratio",7}");
        var all = (Ours: 0.0, Duck: 0.0);
        for (var v = 0; v < Dashboard.Views.Length; v++)
        {
            var view = Dashboard.Views[v];
            var index = v;
            var ours = Median(7, () => Dashboard.View(snapshot, view));
            var theirs = Median(7, () => duck.ComputeView(index));
            all = (all.Ours + ours, all.Duck + theirs);
            Console.WriteLine($"   {view,-12} {ours,9:F2} {theirs,9:F2} {ours / theirs,7:F2}");
        }

        Console.WriteLine($"   {"sum",-12} {all.Ours,9:F2} {all.Duck,9:F2} {all.Ours / all.Duck,7:F2}");
        var selection = Median(7, () =>
        {
            var s = new Selection(snapshot, AnalyticsQuery.All);
            return (s.Sales, s.Posts, s.Spend);
        });
        Console.WriteLine(
            $"   of which one Selection's index arrays (sales + posts + spend, built per view): {selection:F2} ms");
    }

    /// <summary>Runs the view k times; a sample's rows are the facts x k.</summary>
    internal static long Repeat(int k, long facts, Func<object> dashboard)
    {
        for (var i = 0; i < k; i++)
        {
            GC.KeepAlive(dashboard());
        }

        return k * facts;
    }

    internal static double Time(Func<object> work)
    {
        var clock = Stopwatch.StartNew();
        GC.KeepAlive(work());
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(int runs, Func<object> work) =>
        Harness.Median(Enumerable.Range(0, runs).Select(_ => Time(work) * 1000));
}
