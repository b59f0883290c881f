using System.Diagnostics;
using HealthKart.Core.Analytics;
using HealthKart.Core.Facts;

namespace HealthKart.Benchmarks;

/// <summary>
/// What the customer figures (docs/customers.md) cost the warm <c>influencers</c> view, and the snapshot's memory, at N
/// simulated tracking rows. Baseline: the same facts with the tracking source's customer rows removed, i.e. the
/// snapshot as it was before customers were tracked (no customer entries, the returning-orders column all zero);
/// candidate: the snapshot with them. Both built in this process from the same validated facts; each sample computes
/// the view k times on a fresh <see cref="Selection"/> (as one request does), alternating B C / C B.
/// </summary>
public static class CustomersPair
{
    /// <summary>Candidate within 1.5x of the baseline's time: rows/s ratio >= 1 / 1.5.</summary>
    public const double Target = 1 / 1.5;

    public static async Task<int> RunAsync(string[] args)
    {
        var (rows, repetitions, seed) = (1_000_000L, 7, 42);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows": rows = long.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--reps":
                    repetitions =
                    int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine(
                    $"unknown argument '{args[i]}' (customers takes --rows N --reps N --seed N)"); return 2;
            }
        }

        Console.WriteLine($"customers: {rows:N0} tracking rows");
        List<SnapshotSource> sources;
        var directory = Directory.CreateTempSubdirectory("hk-bench-customers-");
        try
        {
            AnalyticsData.Simulate(rows, seed, directory.FullName);
            sources = AnalyticsData.Sources(directory.FullName);
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        var withoutCustomers = sources.Select(s => s with { Facts = s.Facts with { Customers = CustomerRows.None } })
            .ToList();
        var clock = Stopwatch.StartNew();
        var before = AnalyticsData.Build(withoutCustomers);
        var beforeBuild = clock.Elapsed;
        clock.Restart();
        var after = AnalyticsData.Build(sources);
        var afterBuild = clock.Elapsed;
        var customerRows = sources.Sum(s => s.Facts.Customers.Count);
        AnalyticsData.Describe(after);
        Console.WriteLine(
            $"  build: {beforeBuild.TotalSeconds:F2} s without customer rows, {afterBuild.TotalSeconds:F2} s with " +
            $"{customerRows:N0} customer rows -> {after.Customers.Count:N0} customers");
        sources = [];

        // Same money on both sides; the candidate has customers to show.
        var b = AnalyticsEngine.Influencers(new Selection(before, AnalyticsQuery.All)).Items;
        var c = AnalyticsEngine.Influencers(new Selection(after, AnalyticsQuery.All)).Items;
        if (!b.Select(i => (i.InfluencerId, i.Revenue, i.Spend, i.Orders))
            .SequenceEqual(c.Select(i => (i.InfluencerId, i.Revenue, i.Spend, i.Orders)))
            || c.Sum(i => i.NewCustomers) == 0)
        {
            throw new InvalidOperationException(
                "The two snapshots disagree on the money, or the candidate has no new customers.");
        }

        Console.WriteLine(
            $"  check: {c.Count:N0} influencers, same revenue, orders and spend on both sides; " +
            $"{c.Sum(i => i.NewCustomers):N0} new customers on the candidate");

        object View(Snapshot snapshot) => AnalyticsEngine.Influencers(new Selection(snapshot, AnalyticsQuery.All));
        for (var i = 0; i < 3; i++)
        {
            View(before);
            View(after);
        }

        var once = DashboardPair.Time(() => View(before));
        var k = (int)Math.Clamp(Math.Ceiling(1.0 / once), 1, 1000);
        var facts = after.FactCount;
        Console.WriteLine($"  {k} view(s) per sample; rows = facts x {k}");
        var result = await Harness.RunPairAsync(
            $"influencers view {rows / 1e6:0.#}M",
            $"warm influencers view (no filter) over {facts:N0} facts; baseline without customer " +
            "rows, candidate with them",
            Target,
            repetitions,
            _ => Task.FromResult(Harness.Measure(() => DashboardPair.Repeat(k, facts, () => View(before)))),
            _ => Task.FromResult(Harness.Measure(() => DashboardPair.Repeat(k, facts, () => View(after)))));
        Harness.Report(result);
        Console.WriteLine(
            $"   time with/without customers = {1 / result.Ratio:F3} (median of per-rep; target <= 1.5) -> " +
            $"{1000 * facts / result.CandidateMedian:F1} ms vs {1000 * facts / result.BaselineMedian:F1} ms per view");

        var filtered = AnalyticsQueryParser.Parse([KeyValuePair.Create("platform", new string?[] { "Instagram" })]);
        double Filtered(Snapshot snapshot) =>
            Harness.Median(Enumerable.Range(0, 7)
                .Select(_ =>
                    DashboardPair.Time(() => AnalyticsEngine.Influencers(new Selection(snapshot, filtered))) * 1000));
        Console.WriteLine(
            $"   platform=Instagram (not a target), median of 7: {Filtered(after):F1} ms with customers, " +
            $"{Filtered(before):F1} ms without");

        var columns = SnapshotMemory.ColumnBytesOf(after);
        var customers = CustomerBytes(after);
        var memory =
            new TargetCheck("snapshot bytes/fact", $"fact column arrays {columns / 1048576.0:N1} MB / {facts:N0} facts",
                (double)columns / facts, SnapshotMemory.Target, "B/fact");
        Console.WriteLine();
        Console.WriteLine(
            $"== memory: fact columns {columns / 1048576.0:N1} MB ({(double)columns / facts:N1} " +
            "B/fact); customer structure " +
            $"{customers / 1048576.0:N1} MB ({(double)customers / Math.Max(1, after.Customers.Count):N1} B/customer, " +
            $"{after.Customers.Count:N0} customers); " +
            $"both together {(double)(columns + customers) / facts:N1} B/fact");
        Console.WriteLine(memory.Line);
        Console.WriteLine(result.Passed && memory.Passed
            ? "customers: every target PASSES" : "customers: a target FAILS");
        GC.KeepAlive(before);
        return result.Passed && memory.Passed ? 0 : 1;
    }

    /// <summary>The customer columns' arrays (length x element size).</summary>
    private static long CustomerBytes(Snapshot snapshot)
    {
        var c = snapshot.Customers;
        return 4L * (c.Sale.Length + c.FirstDay.Length + c.RepeatGap.Length)
            + 8L * (c.Revenue.Length + c.FollowOn.Length) + c.New.Length;
    }
}
