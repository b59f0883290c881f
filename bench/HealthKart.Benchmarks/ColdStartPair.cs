using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using HealthKart.Cli.Serve;
using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Customers;
using HealthKart.Infrastructure.Analytics;
using HealthKart.Infrastructure.Storage;
using HealthKart.Local;

namespace HealthKart.Benchmarks;

/// <summary>
/// Issue 17's cold start, as a user sees it: a NEW PROCESS (this benchmark started again in <c>cold-start-child</c>
/// mode: hk serve's <see cref="LocalApp"/>, Kestrel and the real functions) from <see cref="Process.Start()"/> to the
/// first
/// <c>GET /api/analytics/summary</c> answered with data. Against, in the same run and alternating: (a) a plain SDK
/// download of the snapshot blob's bytes in this process (target: cold start at most 1.5x), (b) the same child process
/// answering <c>GET /api/health</c> only (target: at most 2x). The same two with the start-up warm-up turned off
/// (<c>Snapshot:WarmAtStart=false</c>: the snapshot loaded by the first request, as before the warm-up) alternate
/// with them. Before the blob (read and decode the fact chunks, build, allocate spend; no warm-up) is timed too, with
/// the blob deleted before each such run.
/// The data: the simulated year validated into facts in process, then stored as ingestion leaves it (fact chunks by
/// <see cref="FactStore"/>, one catalog entry per source), so 10M rows need no 10M-row Azurite ingestion.
/// </summary>
public static class ColdStartPair
{
    public const double DownloadTarget = 1.5;
    public const double HealthTarget = 2.0;
    private const string Prefix = "hkcold";
    private const string Container = "bench-sources";

    /// <summary>
    /// The children's repository folder (an empty static-web): one for the run, as children are killed, not stopped.
    /// </summary>
    private static readonly string ChildRoot = Path.Combine(Path.GetTempPath(), "hk-bench-cold-child");

    public static async Task<List<TargetCheck>> RunAsync(long rows, int seed, int repetitions)
    {
        var directory = Directory.CreateTempSubdirectory("hk-bench-cold-");
        try
        {
            Console.WriteLine(
                $"cold start: {rows:N0} tracking rows simulated and validated in process, stored in Azurite " +
                "as ingestion leaves them");
            AnalyticsData.Simulate(rows, seed, directory.FullName);
            var sources = AnalyticsData.Sources(directory.FullName);
            await using var azurite = await AzuriteServer.StartAsync();
            await StoreAsync(azurite.ConnectionString, sources);
            sources.Clear();
            return await MeasureAsync(azurite.ConnectionString, rows, repetitions);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Fact chunks and the catalog, as the ingestion of these files would leave them (untimed).</summary>
    private static async Task StoreAsync(string connection, List<SnapshotSource> sources)
    {
        await using var app = App(connection);
        await app.Get<HealthKartTables>().EnsureCreatedAsync(CancellationToken.None);
        var entries = new List<CatalogEntry>();
        var now = DateTimeOffset.UtcNow;
        foreach (var (source, i) in sources.Select((s, i) => (s, i)))
        {
            var key = TableKeys.SourceKey(source.FileName);
            var version = TableKeys.SourceVersion(key, $"{i:D16}");
            await app.Get<FactStore>().WriteAsync(version, source.Facts, CancellationToken.None);
            entries.Add(new CatalogEntry(key, source.FileName, source.Facts.Dataset, version, $"{key}~bench", 0, null,
                null, now, now.AddSeconds(i)));
        }

        await app.Get<DatasetCatalog>().UpdateAsync(c => c with { Sources = entries }, CancellationToken.None);
    }

    private static async Task<List<TargetCheck>> MeasureAsync(string connection, long rows, int repetitions)
    {
        // The first build writes the blob, as the first instance after a publish does.
        string blobName;
        long facts;
        await using (var app = App(connection))
        {
            var clock = Stopwatch.StartNew();
            var snapshot = await app.Get<SnapshotCache>().GetAsync(CancellationToken.None);
            var built = clock.Elapsed;
            await app.Get<SnapshotCache>().BlobWrite;
            blobName = SnapshotStore.BlobName(await app.Get<DatasetCatalog>().ReadAsync(CancellationToken.None),
                new AnalyticsOptions(), new CustomerOptions());
            facts = snapshot.FactCount;
            Console.WriteLine(
                $"  first build in this process {built.TotalSeconds:F2} s ({facts:N0} facts); blob written " +
                $"{clock.Elapsed.TotalSeconds - built.TotalSeconds:F2} s later");
        }

        var blob = new BlobContainerClient(connection, Container).GetBlobClient(blobName);
        var blobBytes = (await blob.GetPropertiesAsync()).Value.ContentLength;
        var chunkBytes = await FactChunkBytesAsync(connection);
        Console.WriteLine(
            $"  snapshot blob {blobBytes / 1048576.0:N1} MB = {(double)blobBytes / facts:F1} B/fact; fact chunks " +
            $"{chunkBytes / 1048576.0:N1} MB");
        var blobCheck = new TargetCheck("snapshot blob bytes/fact",
            $"{rows:N0} tracking rows: blob {blobBytes / 1048576.0:N1} MB / {facts:N0} facts",
            (double)blobBytes / facts, 34.8, "B/fact");

        // Warm-up: one of each (JIT of the child, page cache of the executable, Azurite's own warm-up).
        await DownloadAsync(connection, blobName);
        await ChildAsync(connection, "health");
        await ChildAsync(connection, "summary");

        await ChildAsync(connection, "summary", warmUp: false);
        await LoadAsync(connection);
        var (download, load, health, cold, before) = (new List<double>(), new List<double>(), new List<double>(),
            new List<double>(), new List<double>());
        var (unwarmedHealth, unwarmed) = (new List<double>(), new List<double>());
        string[] sides = ["download", "load", "health", "summary", "health, no warm-up", "summary, no warm-up"];
        for (var rep = 0; rep < repetitions; rep++)
        {
            foreach (var side in rep % 2 == 0 ? sides : sides.Reverse())
            {
                var seconds = side switch
                {
                    "download" => await DownloadAsync(connection, blobName),
                    "load" => await LoadAsync(connection),
                    _ => await ChildAsync(connection, side.Split(',')[0], warmUp: !side.EndsWith("no warm-up",
                        StringComparison.Ordinal)),
                };
                (side switch
                {
                    "download" => download,
                    "load" => load,
                    "health" => health,
                    "summary" => cold,
                    "health, no warm-up" => unwarmedHealth,
                    _ => unwarmed,
                }).Add(seconds);
            }

            Console.WriteLine(
                $"  rep {rep + 1}: download {download[^1]:F3} s, fresh SnapshotCache load {load[^1]:F3} s " +
                $"({load[^1] / download[^1]:F2}x); " +
                $"new process: health {health[^1]:F3} s, first summary {cold[^1]:F3} s ({cold[^1] / health[^1]:F2}x " +
                $"health, {cold[^1] / download[^1]:F2}x download); no warm-up: health {unwarmedHealth[^1]:F3} s, " +
                $"first summary {unwarmed[^1]:F3} s ({unwarmed[^1] / unwarmedHealth[^1]:F2}x its health, " +
                $"{unwarmed[^1] / health[^1]:F2}x the warmed health)");
        }

        // Before: the same cold start with no blob, i.e. today's build path. The child is stopped once it answers,
        // before its background write may finish, so the blob is put back from a copy after each run.
        var copy = (await blob.DownloadContentAsync()).Value.Content;
        for (var rep = 0; rep < Math.Min(3, repetitions); rep++)
        {
            await blob.DeleteIfExistsAsync();
            before.Add(await ChildAsync(connection, "summary", warmUp: false));
            Console.WriteLine(
                $"  before (no blob: build from the fact chunks) rep {rep + 1}: cold start to first " +
                $"summary {before[^1]:F3} s");
            await blob.UploadAsync(copy, overwrite: true);
        }

        var memory = await BreakdownAsync(connection, blobName, facts);
        var ratios = cold.Zip(download, (c, d) => c / d).ToList();
        var loadRatios = load.Zip(download, (l, d) => l / d).ToList();
        var healthRatios = cold.Zip(health, (c, h) => c / h).ToList();
        var unwarmedRatios = unwarmed.Zip(unwarmedHealth, (c, h) => c / h).ToList();
        Console.WriteLine();
        Console.WriteLine($"== cold start, {rows:N0} tracking rows ({facts:N0} facts), medians of {repetitions}:");
        Console.WriteLine(
            $"   plain SDK download of the blob ({blobBytes / 1048576.0:N1} MB)   {Harness.Median(download),8:F3} s");
        Console.WriteLine(
            $"   fresh SnapshotCache in this process: catalog + blob into a snapshot {Harness.Median(load),8:F3} s   " +
            "per-rep x download: " +
            $"{string.Join(' ', loadRatios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"   new process to GET /api/health                 {Harness.Median(health),8:F3} s");
        Console.WriteLine(
            $"   new process to the first summary (blob)        {Harness.Median(cold),8:F3} s   per-rep x download: " +
            $"{string.Join(' ', ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}");
        Console.WriteLine(
            $"   per-rep first summary / health: " +
            $"{string.Join(' ', healthRatios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}");
        Console.WriteLine(
            $"   no warm-up (Snapshot:WarmAtStart=false): health {Harness.Median(unwarmedHealth):F3} s, " +
            $"first summary {Harness.Median(unwarmed):F3} s; per-rep first summary / health: " +
            $"{string.Join(' ', unwarmedRatios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"   before: new process to the first summary (build) {Harness.Median(before),6:F3} s");
        return
        [
            new TargetCheck("load / blob download",
                $"{rows:N0} tracking rows, fresh SnapshotCache in process: {Harness.Median(load):F3} s vs " +
                $"{Harness.Median(download):F3} s", Harness.Median(loadRatios), DownloadTarget, "x"),
            new TargetCheck("new process / download",
                $"{rows:N0} tracking rows: {Harness.Median(cold):F2} s vs {Harness.Median(download):F2} s (process " +
                "start included on one side only)", Harness.Median(ratios), DownloadTarget, "x"),
            new TargetCheck("cold start / health start",
                $"{rows:N0} tracking rows: {Harness.Median(cold):F2} s vs {Harness.Median(health):F2} s",
                Harness.Median(healthRatios), HealthTarget, "x"),
            new TargetCheck("cold start / health start, no warm-up",
                $"{rows:N0} tracking rows, Snapshot:WarmAtStart=false (the path before the warm-up): " +
                $"{Harness.Median(unwarmed):F2} s vs {Harness.Median(unwarmedHealth):F2} s",
                Harness.Median(unwarmedRatios), HealthTarget, "x"),
            blobCheck,
            new TargetCheck("blob bytes/fact, no customers",
                $"{rows:N0} tracking rows: the blob less its customer section / facts",
                (double)BlobBytesWithoutCustomers / facts, 34.8, "B/fact"),
            new TargetCheck("loaded bytes/fact",
                $"{rows:N0} tracking rows: fact column arrays of the loaded snapshot (SnapshotMemory)", memory, 34.8,
                "B/fact"),
        ];
    }

    /// <summary>
    /// Where a load's time goes, each part alone (median of 3): the catalog read of a fresh app (tables checked first),
    /// and decoding the blob's bytes already in memory (<see cref="SnapshotCodec.Read"/>, checksum included). Returns
    /// the loaded snapshot's fact column bytes per fact.
    /// </summary>
    private static async Task<double> BreakdownAsync(string connection, string blobName, long facts)
    {
        var bytes = (await new BlobContainerClient(connection, Container).GetBlobClient(blobName)
            .DownloadContentAsync()).Value.Content.ToArray();
        var (catalog, factsRead, decode) = (new List<double>(), new List<double>(), new List<double>());
        Snapshot? loaded = null;
        for (var run = 0; run < 3; run++)
        {
            await using (var app = App(connection))
            {
                var clock = Stopwatch.StartNew();
                await app.Get<HealthKartTables>().EnsureCreatedAsync(CancellationToken.None);
                var version = (await app.Get<DatasetCatalog>().ReadAsync(CancellationToken.None)).DatasetVersion;
                catalog.Add(clock.Elapsed.TotalSeconds);
                clock.Restart();
                loaded = SnapshotCodec.Read(new MemoryStream(bytes), bytes.Length, version, new AnalyticsOptions(),
                    new CustomerOptions());
                factsRead.Add(clock.Elapsed.TotalSeconds);
                loaded.CustomersLoaded.Wait();
                decode.Add(clock.Elapsed.TotalSeconds);
            }
        }

        var perFact = (double)SnapshotMemory.ColumnBytesOf(loaded!) / facts;
        var customers = loaded!.Customers;
        var customerBytes = CustomerSectionBytes(loaded);
        Console.WriteLine(
            $"  breakdown, median of 3: catalog read of a fresh app {Harness.Median(catalog):F3} s; decoding the " +
            $"blob from memory {Harness.Median(decode):F3} s " +
            $"({bytes.Length / 1048576.0 / Harness.Median(decode):N0} MB/s), of which until its facts answer " +
            $"{Harness.Median(factsRead):F3} s; loaded snapshot's fact " +
            $"columns {perFact:F1} B/fact");
        Console.WriteLine(
            $"  blob sections: customers {customerBytes / 1048576.0:N1} MB ({customers.Count:N0} customers, " +
            $"{(double)customerBytes / Math.Max(1, customers.Count):F1} B each, " +
            $"{(double)SnapshotMemory.CustomerBytesOf(loaded) / Math.Max(1, customers.Count):F1} B in memory); " +
            $"the rest {(bytes.Length - customerBytes) / 1048576.0:N1} MB = " +
            $"{(double)(bytes.Length - customerBytes) / facts:F1} B/fact " +
            "(comparable with the fact column arrays, which leave the customers out too)");
        BlobBytesWithoutCustomers = bytes.Length - customerBytes;
        return perFact;
    }

    private static long BlobBytesWithoutCustomers;

    /// <summary>
    /// The customer section as the blob packs it (docs/snapshot.md#the-customer-section), measured by writing it alone.
    /// </summary>
    private static long CustomerSectionBytes(Snapshot snapshot)
    {
        using var counter = new MemoryStream();
        using var w = new BinaryWriter(counter);
        SnapshotCodec.WriteCustomers(w, snapshot);
        w.Flush();
        return counter.Length;
    }

    /// <summary>
    /// What a cold instance would read without the blob: every current source's chunks (for scale only).
    /// </summary>
    private static async Task<long> FactChunkBytesAsync(string connection)
    {
        var table = new Azure.Data.Tables.TableClient(connection, Prefix + "Facts");
        long total = 0;
        await foreach (var chunk in table.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["Bytes", "RowKey"]))
        {
            total += chunk.RowKey == "000000" ? chunk.GetInt32("Bytes") ?? 0 : 0;
        }

        return total;
    }

    /// <summary>
    /// A fresh app's <see cref="SnapshotCache"/> (new DI container, nothing cached): catalog read, then the blob into a
    /// snapshot.
    /// </summary>
    private static async Task<double> LoadAsync(string connection)
    {
        await using var app = App(connection);
        var clock = Stopwatch.StartNew();
        var snapshot = await app.Get<SnapshotCache>().GetAsync(CancellationToken.None);
        var elapsed = clock.Elapsed.TotalSeconds;
        if (!app.Get<SnapshotCache>().BlobWrite.IsCompleted || snapshot.FactCount == 0)
        {
            throw new InvalidOperationException("The fresh cache built the snapshot instead of reading its blob.");
        }

        return elapsed;
    }

    /// <summary>
    /// A fresh client (no pooled connection) reading the blob whole into memory: the I/O floor of a cold load.
    /// </summary>
    private static async Task<double> DownloadAsync(string connection, string blobName)
    {
        var clock = Stopwatch.StartNew();
        var blob = new BlobContainerClient(connection, Container).GetBlobClient(blobName);
        var bytes = (await blob.DownloadContentAsync()).Value.Content;
        GC.KeepAlive(bytes);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Starts the child, waits for its port, then asks for <paramref name="what"/>; seconds from start to the answer.
    /// </summary>
    private static async Task<double> ChildAsync(string connection, string what, bool warmUp = true)
    {
        var (program, prefixArguments) = Self();
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false
        };
        foreach (var argument in prefixArguments.Concat(["cold-start-child", connection, ChildRoot,
            warmUp ? "warm-up" : "no-warm-up"]))
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var child = Process.Start(start)!;
        try
        {
            var line = await child.StandardOutput.ReadLineAsync()
                ?? throw new InvalidOperationException(
                    $"The child exited: {await child.StandardError.ReadToEndAsync()}");
            using var http = new HttpClient { BaseAddress = new Uri(line.Trim()), Timeout = TimeSpan.FromMinutes(5) };
            var path = what == "health" ? "api/health" : "api/analytics/summary";
            using var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            var elapsed = clock.Elapsed.TotalSeconds;
            if (!response.IsSuccessStatusCode
                || (what == "summary" && !body.Contains("\"revenue\"", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException(
                    $"{path}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
            }

            return elapsed;
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }
    }

    /// <summary>This benchmark as a new process: its apphost, or <c>dotnet</c> with its assembly.</summary>
    private static (string Program, string[] Arguments) Self()
    {
        var path = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(path) == "dotnet" ? (path, [typeof(ColdStartPair).Assembly.Location])
            : (path, []);
    }

    /// <summary>The child: hk serve's app on the stored data; prints its address, then serves until killed.</summary>
    public static async Task<int> ChildAsync(string[] args)
    {
        var root = args[1];
        Directory.CreateDirectory(Path.Combine(root, "static-web"));
        await using var app = await LocalApp.StartAsync(new LocalAppOptions
        {
            StorageConnectionString = args[0],
            Port = 0,
            Seed = false,
            DefaultUserIdKey = BenchApp.UserIdKey,
            Repository = new RepositoryLayout(root),
            Settings = new Dictionary<string, string?>(Settings)
            {
                ["Snapshot:WarmAtStart"] = (args is [_, _, "no-warm-up"] ? "false" : "true"),
            },
            PollInterval = TimeSpan.FromHours(1),
            LogToConsole = false,
        });
        Console.WriteLine(app.BaseAddress);
        await Task.Delay(Timeout.Infinite, app.Stopping);
        return 0;
    }

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Tables:Prefix"] = Prefix,
        ["Uploads:Container"] = "bench-cold-inbox",
        ["Reports:Container"] = BenchApp.ReportsContainer,
        ["Sources:Container"] = Container,
        ["Privacy:UserIdKey"] = BenchApp.UserIdKey,
    };

    private static BenchApp App(string connection) => BenchApp.Create(connection, Prefix, parallelism: 16, Settings);
}
