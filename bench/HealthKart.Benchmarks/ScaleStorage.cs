using HealthKart.Infrastructure.Analytics;

namespace HealthKart.Benchmarks;

/// <summary>
/// Scale through the real path: a simulated year at a fraction of the design scale's size (N tracking rows, the roster and
/// posts in proportion) ingested into Azurite by the app's own <see cref="HealthKart.Infrastructure.Ingestion.UploadIngestor"/>
/// (<see cref="IngestedDataset"/>); then a fresh app's cold snapshot load (time, peak working set, the snapshot's fact
/// columns), and the summary endpoint on hk serve (<see cref="EndpointLatency"/>).
/// </summary>
public static class ScaleStorage
{
    /// <summary>The design scale's year (docs/README.md#the-scale-it-is-built-for): 20M tracking rows for 5,000 influencers.</summary>
    public const long DesignTrackingRows = 20_000_000;

    public sealed record Outcome(long TrackingRows, TimeSpan Ingestion, double TrackingRowsPerSecond, long Facts, TimeSpan ColdLoad, long ColumnBytes, long PeakWorkingSetBytes);

    public static async Task<Outcome> RunAsync(long rows, int seed, int requests)
    {
        var influencers = (int)Math.Max(50, AnalyticsData.RosterSize * rows / DesignTrackingRows);
        Console.WriteLine($"== scale, real path: {rows:N0} tracking rows, {influencers:N0} influencers (design scale x {(double)rows / DesignTrackingRows:0.###})");
        await using var data = await IngestedDataset.CreateAsync(rows, seed, influencers);
        var ingestion = data.Files.Aggregate(TimeSpan.Zero, (sum, f) => sum + f.Elapsed);
        var tracking = data.Files.Single(f => f.Name == SimulatedFiles.Tracking);
        var entities = data.Files.Sum(f => f.Rows);
        Console.WriteLine(
            $"  ingestion: {entities:N0} rows in {ingestion.TotalMinutes:F1} min ({entities / ingestion.TotalSeconds:N0} rows/s overall; " +
            $"tracking {tracking.RowsPerSecond:N0} rows/s)");

        // Three cold loads, each by a fresh app (nothing cached), median reported.
        var loads = new List<(Sample Sample, long ColumnBytes)>();
        for (var run = 0; run < 3; run++)
        {
            await using var app = BenchApp.Create(data.Connection, data.Prefix, parallelism: 16);
            var cache = app.Get<SnapshotCache>();
            var sample = await Harness.MeasureAsync(async () => (await cache.GetAsync(CancellationToken.None)).FactCount);
            var columns = SnapshotMemory.ColumnBytesOf(await cache.GetAsync(CancellationToken.None));
            loads.Add((sample, columns));
            Console.WriteLine(
                $"  cold snapshot load {run + 1}/3: {sample.Rows:N0} facts in {sample.Elapsed.TotalSeconds:F2} s; peak WS {sample.PeakWorkingSetBytes / 1048576.0:N0} MB " +
                $"(process: runtime, app, SDK); fact columns {columns / 1048576.0:N1} MB ({(double)columns / sample.Rows:N1} B/fact)");
        }

        var median = loads.OrderBy(l => l.Sample.Elapsed).ElementAt(1);
        Console.WriteLine();
        await EndpointLatency.RunAsync(data, requests);
        return new Outcome(tracking.Rows, ingestion, tracking.RowsPerSecond, median.Sample.Rows, median.Sample.Elapsed, median.ColumnBytes, median.Sample.PeakWorkingSetBytes);
    }
}
