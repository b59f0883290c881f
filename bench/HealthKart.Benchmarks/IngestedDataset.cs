using System.Diagnostics;
using Azure.Storage.Blobs;
using HealthKart.Core.Ingestion;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Local;

namespace HealthKart.Benchmarks;

/// <summary>
/// A simulated year (<see cref="AnalyticsData"/>) ingested once into a fresh in-memory Azurite by the app's own
/// <see cref="UploadIngestor"/>, roster first, under one <c>Tables:Prefix</c>: what <c>hk serve</c> and the snapshot
/// cache find in storage after four uploads. Shared by the snapshot-load pair and the endpoint latency check.
/// </summary>
public sealed class IngestedDataset : IAsyncDisposable
{
    private readonly AzuriteServer _azurite;

    private IngestedDataset(AzuriteServer azurite, string prefix, IReadOnlyList<IngestedFile> files)
    {
        _azurite = azurite;
        Prefix = prefix;
        Files = files;
    }

    /// <summary>One upload's ingestion, timed from the blob upload to the ledger's final record.</summary>
    public sealed record IngestedFile(string Name, long Rows, TimeSpan Elapsed)
    {
        public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
    }

    public string Connection => _azurite.ConnectionString;
    public string Prefix { get; }
    public IReadOnlyList<IngestedFile> Files { get; }
    public long TrackingRows => Files.Single(f => f.Name == SimulatedFiles.Tracking).Rows;

    /// <param name="influencers">The roster size; posts scale with it (100 per influencer).</param>
    public static async Task<IngestedDataset> CreateAsync(long rows, int seed, int influencers = AnalyticsData.RosterSize)
    {
        var directory = Directory.CreateTempSubdirectory("hk-bench-ingested-");
        try
        {
            Console.WriteLine($"storage: {rows:N0} tracking rows into Azurite through UploadIngestor (once per run; untimed)");
            AnalyticsData.Simulate(rows, seed, directory.FullName, influencers);
            Console.WriteLine("  starting Azurite (in memory, free ports) ...");
            var azurite = await AzuriteServer.StartAsync();
            try
            {
                return await IngestAsync(azurite, directory.FullName);
            }
            catch
            {
                await azurite.DisposeAsync();
                throw;
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<IngestedDataset> IngestAsync(AzuriteServer azurite, string directory)
    {
        var prefix = "hks" + Guid.NewGuid().ToString("N")[..8];
        await using var app = BenchApp.Create(azurite.ConnectionString, prefix, parallelism: 16);
        var ingestor = app.Get<UploadIngestor>();
        var inbox = new BlobContainerClient(azurite.ConnectionString, BenchApp.UploadsContainer);
        await inbox.CreateIfNotExistsAsync();
        var files = new List<IngestedFile>();
        foreach (var name in AnalyticsData.Files)
        {
            var clock = Stopwatch.StartNew();
            await inbox.GetBlobClient(name).UploadAsync(Path.Combine(directory, name), overwrite: true);
            var record = await ingestor.IngestAsync(name, CancellationToken.None);
            if (record is not { Status: UploadStatus.Ingested, Current: true })
            {
                throw new InvalidOperationException($"{name}: {record?.Status} ({record?.Message})");
            }

            var file = new IngestedFile(name, record.RowsProcessed, clock.Elapsed);
            files.Add(file);
            Console.WriteLine($"  ingested {name}: {file.Rows:N0} rows in {file.Elapsed.TotalSeconds:F1} s ({file.RowsPerSecond:N0} rows/s)");
        }

        return new IngestedDataset(azurite, prefix, files);
    }

    public ValueTask DisposeAsync() => _azurite.DisposeAsync();
}
