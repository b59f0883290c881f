using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using HealthKart.Core.Analytics;
using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Simulation;
using HealthKart.Infrastructure.Analytics;
using HealthKart.Infrastructure.Exports.Tracking;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Local;
using HealthKart.Infrastructure.Storage;

namespace HealthKart.Benchmarks;

/// <summary>
/// The raw tracking export (docs/README.md#exports-and-the-weekly-e-mail) against the plain stream of the same bytes,
/// in one run, alternating. A simulated tracking file (1M rows by default) is ingested once into a fresh in-memory
/// Azurite by the app's own
/// <see cref="UploadIngestor"/> (which writes the export-ready copy). Baseline: download that copy's bytes unchanged
/// (<c>DownloadStreamingAsync</c> then <c>CopyToAsync</c>, 256 KiB buffer) into a counting null sink. Candidates:
/// <see cref="TrackingExport.WriteCsvAsync"/> and <see cref="TrackingExport.WriteXlsxAsync"/>, unfiltered, into the
/// same kind of sink, which refuses synchronous writes like an HTTP response. Targets: CSV >= 0.5x, XLSX >= 0.2x,
/// peak working set under 300 MB for both. For information: the XLSX rendered live (the path of any filtered export),
/// a filtered CSV, and the download of the original upload. A 1M-row stream takes ~0.1 s here, so each timed sample
/// runs its side <c>--inner</c> times (default 5) back to back; the live XLSX (~4 s) runs once.
///   dotnet run -c Release --project bench/HealthKart.Benchmarks -- export [--rows N] [--reps N] [--inner N] [--seed N]
/// </summary>
public static class ExportPair
{
    public const double CsvTarget = 0.5;
    public const double XlsxTarget = 0.2;
    public const long PeakWorkingSetLimit = 300L * 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        long rows = 1_000_000;
        int repetitions = 5, seed = 42, inner = 5;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows": rows = long.Parse(args[++i].Replace("_", ""), CultureInfo.InvariantCulture); break;
                case "--reps": repetitions = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--inner": inner = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine(
                        $"unknown argument '{args[i]}'; usage: export [--rows N] [--reps N] [--inner N] [--seed N]");
                    return 2;
            }
        }

        var directory = Directory.CreateTempSubdirectory("hk-bench-export-");
        try
        {
            Console.WriteLine($"export: simulating ~{rows:N0} tracking rows (seed {seed}) ...");
            Simulator.Run(new SimulationOptions { Seed = seed, TrackingRows = rows }, directory.FullName);
            Console.WriteLine("export: starting Azurite (in memory, free ports) ...");
            await using var azurite = await AzuriteServer.StartAsync();
            await using var app = BenchApp.Create(azurite.ConnectionString, "hkx" + Guid.NewGuid().ToString("N")[..8],
                parallelism: 16);
            var inbox = new BlobContainerClient(azurite.ConnectionString, BenchApp.UploadsContainer);
            await inbox.CreateIfNotExistsAsync();
            foreach (var name in new[] { SimulatedFiles.Influencers, SimulatedFiles.Tracking })
            {
                var clock = Stopwatch.StartNew();
                await inbox.GetBlobClient(name).UploadAsync(Path.Combine(directory.FullName, name), overwrite: true);
                var record = await app.Get<UploadIngestor>().IngestAsync(name, CancellationToken.None);
                if (record is not { Status: UploadStatus.Ingested })
                {
                    throw new InvalidOperationException($"{name}: {record?.Status} ({record?.Message})");
                }

                Console.WriteLine(
                    $"  ingested {name}: {record.Rows:N0} rows in {clock.Elapsed.TotalSeconds:F1} s (untimed setup)");
            }

            var catalog = await app.Get<DatasetCatalog>().ReadAsync(CancellationToken.None);
            var tracking = catalog.Of(Dataset.Tracking).Single();
            var copy = app.Get<TrackingCopies>().Blob(tracking.SourceVersion);
            var upload = inbox.GetBlobClient(SimulatedFiles.Tracking);
            var copyBytes = (await copy.GetPropertiesAsync()).Value.ContentLength;
            var uploadBytes = (await upload.GetPropertiesAsync()).Value.ContentLength;
            Console.WriteLine(
                $"  copy {TrackingCopies.BlobName(tracking.SourceVersion)}: {copyBytes / 1e6:F1} MB; original upload " +
                $"{uploadBytes / 1e6:F1} MB; {tracking.Rows:N0} rows");

            var export = app.Get<TrackingExport>();
            var instagram = Query("platform", "Instagram");
            var platforms = (await app.Get<SnapshotCache>().GetAsync(CancellationToken.None)).Platforms.Values;
            var everyPlatform = Query("platform", string.Join(',', platforms));
            Func<int, Task<Sample>> baseline =
                _ => Harness.MeasureAsync(() => Repeat(inner, () => DownloadAsync(copy, tracking.Rows)));
            Func<int, Task<Sample>> csv = _ =>
                Harness.MeasureAsync(() => Repeat(inner, () => ExportAsync(export.WriteCsvAsync, AnalyticsQuery.All)));
            Func<int, Task<Sample>> xlsx = _ =>
                Harness.MeasureAsync(() => Repeat(inner, () => ExportAsync(export.WriteXlsxAsync, AnalyticsQuery.All)));

            Console.WriteLine("export: warm-up (one run of each side, untimed) ...");
            await baseline(0);
            await csv(0);
            Console.WriteLine($"  csv: {Sink.LastBytes / 1e6:F1} MB");
            await xlsx(0);
            Console.WriteLine($"  xlsx (pre-rendered rows spliced): {Sink.LastBytes / 1e6:F1} MB");
            await ExportAsync(export.WriteXlsxAsync, everyPlatform);
            Console.WriteLine(
                $"  xlsx (rendered live: platform={string.Join(',', platforms)} keeps every row): " +
                $"{Sink.LastBytes / 1e6:F1} MB");
            Console.WriteLine(
                $"each timed sample runs its side {inner} time(s) back to back (--inner), the live XLSX once");

            var results = new List<PairResult>
            {
                await Harness.RunPairAsync("export-csv",
                    $"unfiltered CSV export vs streaming the copy's bytes unchanged, {tracking.Rows:N0} rows",
                    CsvTarget, repetitions, baseline, csv),
                await Harness.RunPairAsync("export-xlsx",
                    "unfiltered XLSX export (rows pre-rendered by OpenXmlWriter at ingestion, spliced) vs the same " +
                    $"stream, {tracking.Rows:N0} rows", XlsxTarget, repetitions, baseline, xlsx),
                await Harness.RunPairAsync("export-xlsx-live",
                    "XLSX rendered live (a platform filter that keeps every row), for information", double.NaN,
                    repetitions, baseline,
                    _ => Harness.MeasureAsync(() => ExportAsync(export.WriteXlsxAsync, everyPlatform))),
                await Harness.RunPairAsync("export-csv-filtered",
                    "CSV filtered to platform=Instagram (rows/s counts the rows scanned), for information", double.NaN,
                    repetitions, baseline,
                    async _ =>
                        (await Harness.MeasureAsync(() =>
                            Repeat(inner, () => ExportAsync(export.WriteCsvAsync, instagram))))
                            with { Rows = tracking.Rows * inner }),
                await Harness.RunPairAsync("upload-stream",
                    "streaming the original upload's bytes (candidate) vs the copy's (baseline), for information",
                    double.NaN, repetitions, baseline,
                    _ => Harness.MeasureAsync(() => Repeat(inner, () => DownloadAsync(upload, tracking.Rows)))),
            };

            foreach (var result in results)
            {
                Harness.Report(result);
            }

            Console.WriteLine();
            Console.WriteLine("== summary");
            var passed = true;
            foreach (var result in results)
            {
                var peak = Harness.Median(result.Candidate.Select(s => (double)s.PeakWorkingSetBytes));
                var judged = !double.IsNaN(result.Target);
                var memoryOk = !judged || result.Candidate.All(s => s.PeakWorkingSetBytes < PeakWorkingSetLimit);
                passed &= result.Passed && memoryOk;
                Console.WriteLine(
                    $"   {result.Name,-20} baseline {result.BaselineMedian,12:N0} rows/s  candidate " +
                    $"{result.CandidateMedian,12:N0} rows/s  ratio {result.Ratio:F3} " +
                    (judged ? $"(target >= {result.Target:F2}) {(result.Passed ? "PASS" : "FAIL")}" : "(no target)") +
                    $"  peak WS {peak / 1048576:N0} MB"
                    + (judged ? $" (limit {PeakWorkingSetLimit / 1048576} MB) {(memoryOk ? "PASS" : "FAIL")}" : ""));
            }

            return passed ? 0 : 1;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<long> DownloadAsync(BlobClient blob, long rows)
    {
        var sink = new Sink();
        await using (var content = (await blob.DownloadStreamingAsync()).Value.Content)
        {
            await content.CopyToAsync(sink, 256 * 1024);
        }

        sink.Close();
        return rows;
    }

    private static async Task<long> ExportAsync(
        Func<AnalyticsQuery, Stream, CancellationToken, Task<TrackingExportResult>> export, AnalyticsQuery query)
    {
        var sink = new Sink();
        var result = await export(query, sink, CancellationToken.None);
        sink.Close();
        return result.Rows;
    }

    /// <summary>
    /// Runs <paramref name="work"/> n times back to back: a 1M-row stream takes ~0.1 s here, too short to time alone.
    /// </summary>
    private static async Task<long> Repeat(int times, Func<Task<long>> work)
    {
        long rows = 0;
        for (var i = 0; i < times; i++)
        {
            rows += await work();
        }

        return rows;
    }

    private static AnalyticsQuery Query(string name, string value) =>
        AnalyticsQueryParser.Parse([KeyValuePair.Create(name, new string?[] { value })]);

    /// <summary>
    /// Counts what it is given and keeps nothing; like an HTTP response body it cannot seek and refuses synchronous
    /// writes.
    /// </summary>
    private sealed class Sink : Stream
    {
        private long _bytes;

        public static long LastBytes { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _bytes;
        public override long Position { get => _bytes; set => throw new NotSupportedException(); }
        public override void Flush() => throw new InvalidOperationException("synchronous flush");
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) =>
            throw new InvalidOperationException("synchronous write");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _bytes += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _bytes += count;
            return Task.CompletedTask;
        }

        protected override void Dispose(bool disposing)
        {
            LastBytes = _bytes;
            base.Dispose(disposing);
        }
    }
}
