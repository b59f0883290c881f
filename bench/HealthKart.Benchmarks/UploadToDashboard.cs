using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using HealthKart.Cli.Serve;
using HealthKart.Core.Ingestion;
using HealthKart.Core.Validation;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Local;

namespace HealthKart.Benchmarks;

/// <summary>
/// Issue 17's upload-to-dashboard figure. A simulated year's tracking file (1M rows by default) is dropped into the
/// inbox of a running hk serve (<see cref="LocalApp"/>, default settings: its poller and snapshot version check
/// included), and the summary is polled until it names a new dataset version with that file's revenue. The baseline, in
/// the same run, is
/// <c>hk validate</c>'s code path on the same file (<see cref="UploadValidator.Validate"/> on a <see
/// cref="FileStream"/>, with the roster as context, as <c>ValidateCommand</c> runs it). Target: upload to dashboard at
/// most 3x validate. Then the wait for the raw rows to complete (the ledger's <c>rawRows.completedAt</c>) is reported,
/// not judged.
///   dotnet run -c Release --project bench/HealthKart.Benchmarks -- publish [--rows N] [--reps N] [--seed N]
/// </summary>
public static class UploadToDashboard
{
    private const double Target = 3.0;

    public static async Task<int> RunAsync(string[] args)
    {
        long rows = 1_000_000;
        int reps = 3, seed = 42;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows": rows = long.Parse(args[++i].Replace("_", ""), CultureInfo.InvariantCulture); break;
                case "--reps": reps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine(
                        $"unknown argument '{args[i]}'; usage: publish [--rows N] [--reps N] [--seed N]");
                    return 2;
            }
        }

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NODE_OPTIONS")))
        {
            Environment.SetEnvironmentVariable("NODE_OPTIONS", "--max-old-space-size=16384");
        }

        var directory = Directory.CreateTempSubdirectory("hk-bench-publish-");
        var root = Directory.CreateTempSubdirectory("hk-bench-publish-repo-");
        Directory.CreateDirectory(Path.Combine(root.FullName, "static-web"));
        try
        {
            AnalyticsData.Simulate(rows, seed, directory.FullName);
            var tracking = Path.Combine(directory.FullName, SimulatedFiles.Tracking);
            var roster = Path.Combine(directory.FullName, SimulatedFiles.Influencers);
            Console.WriteLine(
                $"publish: {new FileInfo(tracking).Length:N0} bytes of {SimulatedFiles.Tracking}; {reps} uploads, " +
                "each followed by its validate baseline");

            await using var azurite = await AzuriteServer.StartAsync();
            var prefix = "hkp" + Guid.NewGuid().ToString("N")[..8];
            var inbox = new BlobContainerClient(azurite.ConnectionString, "bench-publish-inbox");
            await inbox.CreateIfNotExistsAsync();
            await using var app = await LocalApp.StartAsync(new LocalAppOptions
            {
                StorageConnectionString = azurite.ConnectionString,
                Port = 0,
                Seed = false,
                DefaultUserIdKey = BenchApp.UserIdKey,
                Repository = new RepositoryLayout(root.FullName),
                Settings = new Dictionary<string, string?>
                {
                    ["Tables:Prefix"] = prefix,
                    ["Uploads:Container"] = inbox.Name,
                    ["Reports:Container"] = BenchApp.ReportsContainer,
                    ["Privacy:UserIdKey"] = BenchApp.UserIdKey,
                },
                LogToConsole = false,
            });
            using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            var ledger = app.Services.GetService(typeof(UploadLedger)) as UploadLedger
                ?? throw new InvalidOperationException("no ledger");

            // The roster first (untimed), as a marketer would: it is the tracking validation's context.
            await inbox.GetBlobClient(SimulatedFiles.Influencers).UploadAsync(roster, overwrite: true);
            await WaitForAsync(ledger, SimulatedFiles.Influencers, r => r.Status == UploadStatus.Ingested,
                TimeSpan.FromMinutes(5));
            var context = RosterContext(roster);
            Validate(tracking, context); // warm-up: JIT and page cache

            var ratios = new List<double>();
            for (var rep = 1; rep <= reps; rep++)
            {
                // Each repetition replaces the source with a file of different content (one more trailing line break
                // would be the same rows, so a row is dropped): a new version each time.
                var file = rep == 1 ? tracking : Trimmed(tracking, directory.FullName, rep);
                var validate = Validate(file, context); // on an idle app: the previous raw-row stage has finished
                var before = await SummaryVersionAsync(http);
                var upload = Stopwatch.StartNew();
                await inbox.GetBlobClient(SimulatedFiles.Tracking).UploadAsync(file, overwrite: true);
                var uploaded = upload.Elapsed;
                var uploadedAt = DateTimeOffset.UtcNow;
                var clock = Stopwatch.StartNew();
                string after;
                while ((after = await SummaryVersionAsync(http)) == before)
                {
                    await Task.Delay(25);
                }

                var toDashboard = clock.Elapsed;
                var shownAt = DateTimeOffset.UtcNow;
                var record = await WaitForAsync(ledger, SimulatedFiles.Tracking,
                    r => r is { Status: UploadStatus.Ingested, Current: true }, TimeSpan.FromMinutes(1));
                var ratio = toDashboard / validate;
                ratios.Add(ratio);
                Console.WriteLine(
                    $"  rep {rep}: blob upload {uploaded.TotalSeconds:F2} s (not counted); upload to summary " +
                    $"{before} -> {after}: {toDashboard.TotalSeconds:F2} s; " +
                    $"hk validate {validate.TotalSeconds:F2} s; ratio {ratio:F2} (target <= {Target:F1})");
                Console.WriteLine(
                    $"         of which: poller pick-up {(record.StartedAt - uploadedAt)?.TotalSeconds:F2} s, run " +
                    "start to publish (pass 1, facts, flip) " +
                    $"{(record.PublishedAt - record.StartedAt)?.TotalSeconds:F2} s, publish to summary (version " +
                    $"check, snapshot load) {(shownAt - record.PublishedAt)?.TotalSeconds:F2} s");

                var done = await WaitForAsync(ledger, SimulatedFiles.Tracking, r => r.Id == record.Id
                    && r.RawRows is { State: not RawRowState.Writing }, TimeSpan.FromHours(1));
                Console.WriteLine(
                    $"         raw rows {done.RawRows!.State.ToString().ToLowerInvariant()} " +
                    $"{(done.RawRows.CompletedAt - done.PublishedAt)?.TotalSeconds:F1} s after publishing " +
                    $"({done.Rows:N0} rows; ledger publishedAt {done.PublishedAt:HH:mm:ss.fff}, rawRows.completedAt " +
                    $"{done.RawRows.CompletedAt:HH:mm:ss.fff})");
            }

            ratios.Sort();
            var median = ratios[ratios.Count / 2];
            var pass = median <= Target;
            Console.WriteLine(
                $"upload to dashboard / hk validate, median of {reps}: {median:F2} (per rep " +
                $"{string.Join(' ', ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}) -> " +
                $"{(pass ? "PASS" : "FAIL")}");
            return pass ? 0 : 1;
        }
        finally
        {
            directory.Delete(recursive: true);
            root.Delete(recursive: true);
        }
    }

    /// <summary>
    /// <c>hk validate</c>'s work on one file: stream it through the validator, as ValidateCommand does.
    /// </summary>
    private static TimeSpan Validate(string path, ValidationContext context)
    {
        var clock = Stopwatch.StartNew();
        using var stream = File.OpenRead(path);
        var outcome = UploadValidator.Validate(Path.GetFileName(path), stream, context);
        if (!outcome.Report.Accepted)
        {
            throw new InvalidOperationException($"{path} was rejected: {outcome.Report.ErrorCount} errors");
        }

        return clock.Elapsed;
    }

    private static ValidationContext RosterContext(string roster)
    {
        using var stream = File.OpenRead(roster);
        var influencers = UploadValidator.Validate(Path.GetFileName(roster), stream,
            ValidationContext.None).Facts!.Influencers;
        return new ValidationContext(influencers.ToDictionary(i => i.Id, i => i.FollowerCount,
            StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The file without its last <paramref name="dropped"/> - 1 data rows: a new version with nearly the same work.
    /// </summary>
    private static string Trimmed(string path, string directory, int dropped)
    {
        var lines = File.ReadLines(path).ToList();
        var trimmed = Path.Combine(directory, $"rep{dropped}", SimulatedFiles.Tracking);
        Directory.CreateDirectory(Path.GetDirectoryName(trimmed)!);
        File.WriteAllLines(trimmed, lines.Take(lines.Count - (dropped - 1)));
        return trimmed;
    }

    private static async Task<string> SummaryVersionAsync(HttpClient http)
    {
        using var response = await http.GetAsync("api/analytics/summary");
        if (!response.IsSuccessStatusCode)
        {
            return $"({(int)response.StatusCode})";
        }

        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
        return summary.TryGetProperty("datasetVersion", out var version) ? version.GetString() ?? "" : "";
    }

    private static async Task<UploadRecord> WaitForAsync(UploadLedger ledger, string fileName,
        Func<UploadRecord, bool> state, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if ((await ledger.ListAsync(100, default)).Items.FirstOrDefault(r => r.FileName == fileName && state(r)) is
                { } record)
            {
                return record;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{fileName} did not reach the expected state within {timeout}.");
    }
}
