using System.Diagnostics;
using Azure.Data.Tables;
using HealthKart.Core.Analytics;
using HealthKart.Core.Facts;
using HealthKart.Infrastructure.Analytics;
using HealthKart.Infrastructure.Storage;

namespace HealthKart.Benchmarks;

/// <summary>
/// The cold snapshot load from Table Storage (Azurite) after a whole simulated year was ingested. Baseline: a plain
/// Azure SDK read of the same bytes (the catalog entity, then every current source's fact chunks, 8 sources in flight
/// as the cache does), nothing decoded: the I/O floor. Candidate: a fresh app's <see cref="SnapshotCache.GetAsync"/>
/// (catalog, <c>FactStore.ReadAsync</c> per source, decode, <see cref="SnapshotBuilder.Build"/> with spend allocation).
/// No target in the issue: reported so a regression shows, with where the time goes.
/// </summary>
public static class SnapshotLoadPair
{
    public static async Task<PairResult> RunAsync(IngestedDataset data, int repetitions, bool breakdown)
    {
        var tables = new TableServiceClient(data.Connection);
        var facts = (await LoadAsync(data)).FactCount; // warm-up of the candidate (JIT, connections)
        var bytes = await ReadBytesAsync(tables, data.Prefix);
        Console.WriteLine(
            $"snapshot load: {facts:N0} facts from {bytes.Sum(b => b.Length) / 1048576.0:N1} MB of deflated fact " +
            $"chunks in {bytes.Count} sources " +
            $"({data.TrackingRows:N0} tracking rows); rows = facts");

        var result = await Harness.RunPairAsync(
            "snapshot load",
            $"cold SnapshotCache load of {data.TrackingRows:N0} tracking rows' facts from Azurite; baseline reads " +
            "the same chunks with the plain SDK",
            double.NaN,
            repetitions,
            _ => Harness.MeasureAsync(async () =>
            {
                await ReadBytesAsync(new TableServiceClient(data.Connection), data.Prefix);
                return facts;
            }),
            async _ =>
            {
                await using var app = BenchApp.Create(data.Connection, data.Prefix, parallelism: 16);
                var cache = app.Get<SnapshotCache>();
                return await Harness.MeasureAsync(async () => (await cache.GetAsync(CancellationToken.None)).FactCount);
            });
        Harness.Report(result);
        Console.WriteLine(
            $"   load {1000 * facts / result.CandidateMedian:F0} ms, of which reading the bytes alone " +
            $"{1000 * facts / result.BaselineMedian:F0} ms");

        if (breakdown)
        {
            Breakdown(bytes);
        }

        return result;
    }

    private static async Task<Snapshot> LoadAsync(IngestedDataset data)
    {
        await using var app = BenchApp.Create(data.Connection, data.Prefix, parallelism: 16);
        return await app.Get<SnapshotCache>().GetAsync(CancellationToken.None);
    }

    /// <summary>
    /// The catalog entity, then each current source's chunks in row-key order, concatenated: no decoding.
    /// </summary>
    private static async Task<List<byte[]>> ReadBytesAsync(TableServiceClient tables, string prefix)
    {
        var catalog = await tables.GetTableClient(prefix + "Catalog").GetEntityAsync<TableEntity>("catalog", "current");
        var versions = ReadCatalogVersions(catalog.Value);
        var facts = tables.GetTableClient(prefix + "Facts");
        var bytes = new byte[versions.Count][];
        await Parallel.ForEachAsync(Enumerable.Range(0, versions.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
        {
            using var buffer = new MemoryStream();
            await foreach (var chunk in facts.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {versions[i]}"), cancellationToken: token))
            {
                buffer.Write(chunk.GetBinary("Data"));
            }

            bytes[i] = buffer.ToArray();
        });
        return [.. bytes];
    }

    /// <summary>
    /// The source versions the catalog names (deflated JSON, as <see cref="DatasetCatalog"/> stores it).
    /// </summary>
    private static List<string> ReadCatalogVersions(TableEntity catalog)
    {
        using var zip = new System.IO.Compression.ZLibStream(new MemoryStream(catalog.GetBinary("Sources")),
            System.IO.Compression.CompressionMode.Decompress);
        using var json = System.Text.Json.JsonDocument.Parse(zip);
        return json.RootElement.EnumerateArray().Select(e => e.GetProperty("sourceVersion").GetString()!).ToList();
    }

    /// <summary>The candidate's CPU side on the bytes already read: decode, then build (median of 3, ms).</summary>
    private static void Breakdown(List<byte[]> bytes)
    {
        Console.WriteLine();
        Console.WriteLine(
            "== snapshot load breakdown: CPU side alone on the bytes already in memory, median of 3 (ms)");
        var decode = new List<double>();
        var build = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            var sources =
                bytes.Select((b, i) => new SnapshotSource($"source{i}", SourceFactsCodec.Decode(new MemoryStream(b))))
                .ToList();
            decode.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            GC.KeepAlive(AnalyticsData.Build(sources));
            build.Add(clock.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"   decode (SourceFactsCodec.Decode, every source)       {Harness.Median(decode),8:F0}");
        Console.WriteLine($"   build (SnapshotBuilder.Build incl. spend allocation) {Harness.Median(build),8:F0}");
    }
}
