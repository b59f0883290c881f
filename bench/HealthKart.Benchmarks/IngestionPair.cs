using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Core.Privacy;
using HealthKart.Core.Validation;
using HealthKart.Simulation;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Local;
using HealthKart.Infrastructure.Storage;

namespace HealthKart.Benchmarks;

/// <summary>
/// Pair 2, I/O-bound, against a fresh in-memory Azurite. Baseline: the SAME row entities the app writes (built
/// beforehand with <see cref="RowEntities"/> and <see cref="TableKeys"/>), upserted by a plain Azure SDK loop in
/// transactions of one partition (100 rows), <c>Ingestion:Parallelism</c> in flight: the pure write cost. Candidate:
/// the full <see cref="UploadIngestor.IngestAsync"/> of the same file dropped in the inbox (validation pass, row pass,
/// facts, ledger, catalog flip). Every repetition of either side writes to tables of its own, dropped afterwards.
/// </summary>
public static class IngestionPair
{
    public const double Target = 0.8;

    private const string BlobName = "tracking_data.csv";
    private const string WarmupBlobName = "tracking_data-warmup.csv";
    private const int WarmupRows = 20_000;
    private const string TinyBlobName = "tracking_data-tiny.csv";
    private const int TinyRows = 100;

    private static readonly string[] TableSuffixes = ["Influencers", "Posts", "Tracking", "Payouts", "Facts", "Uploads",
        "Catalog"];

    public static async Task<PairResult> RunAsync(long rows, int repetitions, int seed, int parallelism, bool breakdown)
    {
        var directory = Directory.CreateTempSubdirectory("hk-bench-ingestion-");
        try
        {
            Console.WriteLine($"ingestion: simulating ~{rows:N0} tracking rows (seed {seed}) ...");
            Simulator.Run(new SimulationOptions { Seed = seed, TrackingRows = rows }, directory.FullName);
            var content = await File.ReadAllBytesAsync(Path.Combine(directory.FullName, SimulatedFiles.Tracking));
            var influencers =
                await File.ReadAllBytesAsync(Path.Combine(directory.FullName, SimulatedFiles.Influencers));
            var warmupDirectory = Path.Combine(directory.FullName, "warmup");
            Simulator.Run(new SimulationOptions { Seed = seed + 1, TrackingRows = WarmupRows }, warmupDirectory);
            var warmup = await File.ReadAllBytesAsync(Path.Combine(warmupDirectory, SimulatedFiles.Tracking));
            var tinyDirectory = Path.Combine(directory.FullName, "tiny");
            Simulator.Run(new SimulationOptions { Seed = seed + 2, TrackingRows = TinyRows }, tinyDirectory);
            var tiny = await File.ReadAllBytesAsync(Path.Combine(tinyDirectory, SimulatedFiles.Tracking));

            Console.WriteLine("ingestion: starting Azurite (in memory, free ports) ...");
            await using var azurite = await AzuriteServer.StartAsync();
            var connection = azurite.ConnectionString;
            var run = new Run(connection, parallelism, influencers);
            await run.DropAsync(BlobName, content);
            await run.DropAsync(WarmupBlobName, warmup);
            await run.DropAsync(TinyBlobName, tiny);

            var batches = BuildBatches(BlobName, content);
            var warmupBatches = BuildBatches(WarmupBlobName, warmup);
            var entityCount = batches.Sum(b => b.Count);
            Console.WriteLine(
                $"ingestion: {content.Length / 1048576.0:N1} MB, {entityCount:N0} rows in " +
                $"{batches.Count:N0} partitions; " +
                $"{parallelism} transactions in flight on both sides");

            // Warm-up on a smaller file: JIT, connection pools, Azurite's
            // (Node's) own warm-up; 3,000 rows were not enough. Not reported.
            await run.BaselineAsync(warmupBatches, "w");
            await run.CandidateAsync(WarmupBlobName, warmupBatches.Sum(b => b.Count), "w");

            var result = await Harness.RunPairAsync(
                "ingestion",
                $"{entityCount:N0} tracking rows into Azurite, {parallelism} in flight",
                Target,
                repetitions,
                rep => run.BaselineAsync(batches, $"{rep}"),
                rep => run.CandidateAsync(BlobName, entityCount, $"{rep}"));

            if (breakdown)
            {
                await BreakdownAsync(run, entityCount, BuildBatches(TinyBlobName, tiny).Sum(b => b.Count));
            }

            return result;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The row entities exactly as <see cref="RowStore"/> builds them (same parser, same keys, same pseudonymised
    /// user IDs), grouped into one transaction per partition.
    /// </summary>
    private static List<List<TableTransactionAction>> BuildBatches(string blobName, byte[] content)
    {
        var version = TableKeys.SourceVersion(TableKeys.SourceKey(blobName),
            Convert.ToHexStringLower(SHA256.HashData(content)));
        var entities = new RowEntities(new UserPseudonymizer(BenchApp.UserIdKey, enabled: true));
        var batches = new List<List<TableTransactionAction>>();
        List<TableTransactionAction>? batch = null;
        var block = -1L;
        foreach (var row in new DatasetCsvReader(Dataset.Tracking, new IssueLog(1)).Read(new MemoryStream(content)))
        {
            var rowBlock = (row.Row - 2) / RowStore.RowsPerPartition;
            if (batch is null || rowBlock != block)
            {
                batch = new List<TableTransactionAction>(RowStore.RowsPerPartition);
                batches.Add(batch);
                block = rowBlock;
            }

            batch.Add(new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                entities.ToEntity(row, TableKeys.RowPartition(version, rowBlock))));
        }

        return batches;
    }

    /// <summary>
    /// Where the candidate's time goes, each part timed alone on the same blob: pass 1 (download + hash + validate +
    /// facts), pass 2's CPU side (download + parse + build entities, no writes), and the facts write.
    /// </summary>
    private static async Task BreakdownAsync(Run run, long rows, long tinyRows)
    {
        Console.WriteLine();
        Console.WriteLine(
            "== ingestion breakdown (each part alone, median of 3; compare with the candidate's total above)");
        var prefix = "hkbd" + Guid.NewGuid().ToString("N")[..8];
        await using var app = BenchApp.Create(run.Connection, prefix, run.Parallelism);
        var blob = app.Get<UploadIngestor>().Inbox.GetBlobClient(BlobName);
        var etag = (await blob.GetPropertiesAsync()).Value.ETag;
        var entities = app.Get<RowEntities>();

        Core.Facts.SourceFacts? facts = null;
        await Part("pass 1: blob read + SHA-256 + validate + facts", async () =>
        {
            await using var content = new HashingStream(await OpenAsync(blob, etag));
            var outcome = UploadValidator.Validate(BlobName, content, ValidationContext.None);
            facts = outcome.Facts;
            return outcome.Report.Rows;
        });
        await Part("pass 2 CPU: blob read + parse + build entities, no writes", async () =>
        {
            await using var content = await OpenAsync(blob, etag);
            long count = 0;
            foreach (var row in new DatasetCsvReader(Dataset.Tracking, new IssueLog(1)).Read(content))
            {
                var entity =
                    entities.ToEntity(row, TableKeys.RowPartition("v", (row.Row - 2) / RowStore.RowsPerPartition));
                GC.KeepAlive(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
                count++;
            }

            return count;
        });
        await app.Get<HealthKartTables>().EnsureCreatedAsync(CancellationToken.None);
        var factStore = app.Get<FactStore>();
        var n = 0;
        await Part("facts write (FactStore.WriteAsync)", async () =>
        {
            await factStore.WriteAsync($"bench~{n++}", facts!, CancellationToken.None);
            return rows;
        });
        await run.DropTablesAsync(prefix);

        // The fixed cost of one ingestion (tables, ledger, catalog,
        // context, reports, facts, flip): a file of one partition.
        var tiny = new List<Sample>();
        for (var i = 0; i < 3; i++)
        {
            tiny.Add(await run.CandidateAsync(TinyBlobName, tinyRows, "t"));
        }

        Print($"fixed cost: full IngestAsync of a {tinyRows}-row file", tiny);

        static async Task Part(string name, Func<Task<long>> work)
        {
            var samples = new List<Sample>();
            for (var i = 0; i < 3; i++)
            {
                samples.Add(await Harness.MeasureAsync(work));
            }

            Print(name, samples);
        }

        static void Print(string name, List<Sample> samples)
        {
            var seconds = Harness.Median(samples.Select(s => s.Elapsed.TotalSeconds));
            Console.WriteLine(
                $"   {name,-58} {seconds,8:F3} s  {Harness.Median(samples.Select(s => s.RowsPerSecond)),12:N0} rows/s");
        }
    }

    private static Task<Stream> OpenAsync(BlobClient blob, ETag etag) =>
        blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false)
        {
            BufferSize = 4 * 1024 * 1024,
            Conditions = new BlobRequestConditions { IfMatch = etag },
        });

    private sealed class Run(string connection, int parallelism, byte[] influencers)
    {
        private readonly TableServiceClient _tables = new(connection);

        public string Connection => connection;
        public int Parallelism => parallelism;

        public async Task DropAsync(string blobName, byte[] content)
        {
            var container = new BlobContainerClient(connection, BenchApp.UploadsContainer);
            await container.CreateIfNotExistsAsync();
            await container.GetBlobClient(blobName).UploadAsync(new BinaryData(content), overwrite: true);
        }

        /// <summary>
        /// The plain SDK loop: the prebuilt transactions, <c>parallelism</c> in flight, into a fresh table.
        /// </summary>
        public async Task<Sample> BaselineAsync(List<List<TableTransactionAction>> batches, string tag)
        {
            var prefix = $"hkb{tag}{Guid.NewGuid().ToString("N")[..8]}";
            var table = _tables.GetTableClient(prefix + "Tracking");
            await table.CreateIfNotExistsAsync();
            var sample = await Harness.MeasureAsync(async () =>
            {
                long written = 0;
                await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism },
                    async (batch, token) =>
                {
                    await table.SubmitTransactionAsync(batch, token);
                    Interlocked.Add(ref written, batch.Count);
                });
                return written;
            });
            await DropTablesAsync(prefix);
            return sample;
        }

        /// <summary>
        /// The app: a fresh table prefix (so nothing is a no-op), the influencers file ingested first as in production
        /// (untimed; it gives the tracking validation its context), then the timed ingestion of the tracking blob.
        /// </summary>
        public async Task<Sample> CandidateAsync(string blobName, long expectedRows, string tag)
        {
            var prefix = $"hkc{tag}{Guid.NewGuid().ToString("N")[..8]}";
            Sample sample;
            await using (var app = BenchApp.Create(connection, prefix, parallelism))
            {
                var ingestor = app.Get<UploadIngestor>();
                await DropAsync(SimulatedFiles.Influencers, influencers);
                var roster = await ingestor.IngestAsync(SimulatedFiles.Influencers, CancellationToken.None);
                Check(roster, SimulatedFiles.Influencers, roster?.Rows ?? 0);

                UploadRecord? record = null;
                sample = await Harness.MeasureAsync(async () =>
                {
                    record = await ingestor.IngestAsync(blobName, CancellationToken.None);
                    return record?.RowsProcessed ?? 0;
                });
                Check(record, blobName, expectedRows);
            }

            await DropTablesAsync(prefix);
            return sample;
        }

        /// <summary>Drops a repetition's tables (untimed), so Azurite's memory does not grow run after run.</summary>
        public async Task DropTablesAsync(string prefix)
        {
            foreach (var suffix in TableSuffixes)
            {
                try
                {
                    await _tables.DeleteTableAsync(prefix + suffix);
                }
                catch (RequestFailedException exception) when (exception.Status == 404)
                {
                }
            }
        }

        private static void Check(UploadRecord? record, string blobName, long expectedRows)
        {
            if (record is not { Status: UploadStatus.Ingested } || record.RowsProcessed != expectedRows
                || !record.Current)
            {
                throw new InvalidOperationException(
                    $"{blobName}: expected {expectedRows:N0} rows ingested, got {record?.Status} " +
                    $"{record?.RowsProcessed:N0} rows ({record?.Message})");
            }
        }
    }
}
