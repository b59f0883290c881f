using System.Diagnostics;
using System.Runtime.CompilerServices;
using HealthKart.Core.Analytics;
using HealthKart.Core.Facts;
using HealthKart.Core.Views;

namespace HealthKart.Benchmarks;

/// <summary>
/// The engine alone at the full design scale (docs/README.md#the-scale-it-is-built-for), no storage: simulate a year
/// (5,000 influencers, ~500K posts, N tracking rows), validate every file into its facts (ingestion's pass 1), encode
/// them as <c>FactStore</c> stores them, then what a cold snapshot load does after reading those bytes: decode and <see
/// cref="SnapshotBuilder.Build"/>, timed, with the peak working set and the memory the snapshot keeps. Then the views
/// as the API computes them on a cache miss (<see cref="AnalyticsView.Compute"/>), unfiltered and filtered, median of 5
/// after a warm-up.
/// </summary>
public static class ScaleEngine
{
    private static readonly string[] Views = ["summary", "insights", "timeseries", "tiers", "influencers", "campaigns",
        "platforms", "personas", "products"];

    public sealed record Outcome(long TrackingRows, long Facts, long EncodedBytes, TimeSpan Decode, TimeSpan Build,
        long ColumnBytes, long PeakWorkingSetBytes, long RetainedHeapBytes);

    public static Outcome Run(long rows, int seed)
    {
        Console.WriteLine(
            $"== scale, engine alone: {rows:N0} tracking rows, {AnalyticsData.RosterSize:N0} influencers (no storage)");
        var (encoded, trackingRows) = EncodedFacts(rows, seed);
        var bytes = encoded.Sum(e => (long)e.Length);
        Console.WriteLine(
            $"  facts as FactStore stores them: {bytes / 1048576.0:N1} MB deflated in {encoded.Count} sources");

        var before = SnapshotMemory.Heap();
        var (snapshot, decode, build, peak) = Load(encoded);
        var retained = SnapshotMemory.Heap() - before;
        AnalyticsData.Describe(snapshot);
        var columns = SnapshotMemory.ColumnBytesOf(snapshot);
        Console.WriteLine(
            $"  cold load's CPU side: decode {decode.TotalSeconds:F2} s + build (incl. spend allocation) " +
            $"{build.TotalSeconds:F2} s");
        Console.WriteLine(
            $"  memory: fact columns {columns / 1048576.0:N0} MB ({(double)columns / snapshot.FactCount:N1} B/fact); " +
            "heap kept by the snapshot " +
            $"{retained / 1048576.0:N0} MB ({(double)retained / snapshot.FactCount:N1} B/fact); peak working set " +
            "while decoding and building " +
            $"{peak / 1048576.0:N0} MB (process, with the encoded bytes held)");

        ViewLatencies(snapshot);
        GC.KeepAlive(snapshot);
        return new Outcome(trackingRows, snapshot.FactCount, bytes, decode, build, columns, peak, retained);
    }

    /// <summary>What a cold load does once the bytes are read: decode every source, build. The decoded sources are
    /// garbage when this returns, as in the cache (the snapshot keeps only what it needs of them).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Snapshot Snapshot, TimeSpan Decode, TimeSpan Build, long PeakWorkingSet) Load(List<byte[]> encoded)
    {
        Harness.ReturnFreeMemory();
        Harness.ResetPeakWorkingSet();
        var clock = Stopwatch.StartNew();
        var sources = encoded.Select((e, i) => new SnapshotSource(AnalyticsData.Files[i],
            SourceFactsCodec.Decode(new MemoryStream(e)))).ToList();
        var decode = clock.Elapsed;
        clock.Restart();
        var snapshot = AnalyticsData.Build(sources);
        return (snapshot, decode, clock.Elapsed, Harness.PeakWorkingSet());
    }

    /// <summary>Simulated and validated in a method of its own, so the files' facts are garbage once encoded.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (List<byte[]> Encoded, long TrackingRows) EncodedFacts(long rows, int seed)
    {
        var directory = Directory.CreateTempSubdirectory("hk-bench-scale-");
        try
        {
            var trackingRows = AnalyticsData.Simulate(rows, seed, directory.FullName).Files.Single(f =>
                f.Name == SimulatedFiles.Tracking).Rows;
            var clock = Stopwatch.StartNew();
            var sources = AnalyticsData.Sources(directory.FullName);
            var encoded = sources.Select(s => SourceFactsCodec.Encode(s.Facts)).ToList();
            Console.WriteLine(
                $"  validated and encoded in {clock.Elapsed.TotalSeconds:F1} s " +
                $"({trackingRows / clock.Elapsed.TotalSeconds:N0} tracking rows/s, one thread)");
            return (encoded, trackingRows);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Each view computed as the API does on a memo miss (no JSON), median of 5 after one warm-up, in ms.
    /// </summary>
    private static void ViewLatencies(Snapshot snapshot)
    {
        var last = DateOnly.FromDayNumber(snapshot.DayRange!.Value.Last);
        var platform = snapshot.Platforms.Values.First(p => p != Snapshot.Unattributed
            && p != HealthKart.Core.DataContract.MarketingNames.Organic);
        var filters = new (string Name, KeyValuePair<string, string?[]>[] Query)[]
        {
            ("no filter", []),
            ($"platform={platform}, last 30 days", [new("platform", [platform]),
                new("from", [$"{last.AddDays(-29):yyyy-MM-dd}"]), new("to", [$"{last:yyyy-MM-dd}"])]),
        };
        Console.WriteLine();
        Console.WriteLine("== scale, engine alone: views computed as on a cache miss, median of 5 (ms)");
        Console.WriteLine($"   {"view",-12} " + string.Join(" ", filters.Select(f => $"{f.Name,34}")));
        foreach (var view in Views)
        {
            var analytics = ViewCatalog.Get(view);
            var times =
                filters.Select(f =>
                    Median(() =>
                        analytics.Compute(new Selection(snapshot,
                            AnalyticsQueryParser.Parse(f.Query, analytics.Parameters)), Dashboard.Today)));
            Console.WriteLine($"   {view,-12} " + string.Join(" ", times.Select(t => $"{t,34:F1}")));
        }
    }

    private static double Median(Func<object> work)
    {
        GC.KeepAlive(work());
        return Harness.Median(Enumerable.Range(0, 5).Select(_ =>
        {
            var clock = Stopwatch.StartNew();
            GC.KeepAlive(work());
            return clock.Elapsed.TotalMilliseconds;
        }));
    }
}
