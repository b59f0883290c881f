using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using HealthKart.Benchmarks;

// Performance targets of the ingestion path and the analytics, as ratios against a reference measured in the same run
// (see README.md).
//   dotnet run -c Release --project bench/HealthKart.Benchmarks -- [mode] [options]
const string Usage = """
    usage: HealthKart.Benchmarks [validation|ingestion|analytics|snapshot-load|dashboard|endpoint|all|profile] [options]
      all                  validation, ingestion and analytics (the default)
      analytics            snapshot-load, dashboard at 1M and 10M rows (with memory per fact) and endpoint
      snapshot-load        cold snapshot load from Azurite (1M tracking rows ingested first; no target)
      dashboard            warm full dashboard vs DuckDB over the same facts, and memory per fact (10M rows)
      endpoint             summary endpoint p50 vs a static file of the same size on hk serve (1M rows ingested first)
      profile              not a target: times the validation candidate stage by stage (where the time goes)
      export               raw tracking export, CSV and XLSX, vs streaming the same bytes (own options: see
                           ExportPair.cs)
      zip-library          a library zip writer (ZipArchive) deflating the XLSX sheet per request, for the zip
                           plumbing's header
      cold-start           a new hk serve process to its first summary vs downloading the snapshot blob and vs its
                           health-only start, at 1M and 10M rows; before (no blob) too (own options: see
                           ColdStartRun.cs)
      answers              the dashboard's answers at 1M rows, as JSON and compressed (Brotli, gzip): bytes and time
                           (not a target; see AnswerCompression.cs)
      full-report          the sample's full-report workbook vs ClosedXML building a 100k x 10 sheet (target < 0.1x)
      load                 the dashboard's requests on hk serve, 50 connections for 60 s (own options: see LoadTest.cs)
      customers            warm influencers view with vs without customer figures, 1M rows, and bytes per fact (see
                           CustomersPair.cs)
      plan                 the budget plan vs the summary view on one snapshot, fresh selections (args: ROWS REPS)
      publish              upload to dashboard: a 1M-row tracking file through hk serve until the summary shows it, vs
                           hk validate (see UploadToDashboard.cs)
      filters              three dashboard states, cold, at 100k/1M/10M rows vs DuckDB on the raw rows (see
                           FilterStatesPair.cs)
      scale                a simulated year through Azurite at 2M rows, and the engine alone at 20M (see ScaleRun.cs)
      --rows N             rows of the selected mode (validation 1,000,000; ingestion 200,000; dashboard 10,000,000;
                           snapshot-load and endpoint 1,000,000)
      --validation-rows N  rows of the validation pair (for 'all')
      --ingestion-rows N   rows of the ingestion pair (for 'all')
      --storage-rows N     tracking rows ingested into Azurite for snapshot-load and endpoint (for 'analytics', 'all')
      --dashboard-rows N   rows of the judged dashboard pair (for 'analytics', 'all'; a 1M informational run comes
                           first)
      --reps N             repetitions per side (validation 5, ingestion 3, dashboard 5, snapshot-load 5)
      --requests N         timed requests of each kind in the endpoint check (default 300)
      --parallelism N      transactions in flight on both ingestion sides (default 16 = Ingestion:Parallelism)
      --seed N             simulation seed (default 42)
      --no-breakdown       skip the breakdowns (each part of a candidate timed alone)
      --no-profile         do not run the validation profile when the validation target fails
    Exit code 0 when every target passes, 1 when one fails, 2 on bad arguments.
    """;

if (args is ["cold-start-child", ..])
{
    return await ColdStartPair.ChildAsync(args[1..]);
}

if (args is ["cold-start", ..])
{
    return await ColdStartRun.RunAsync(args[1..]);
}

if (args is ["answers", ..])
{
    return AnswerCompression.Run(args[1..]);
}

if (args is ["full-report", ..])
{
    return FullReportPair.Run();
}

if (args is ["zip-library", ..])
{
    return await ZipLibraryCheck.RunAsync();
}

if (args is ["export", ..])
{
    return await ExportPair.RunAsync(args[1..]);
}

if (args is ["load", ..])
{
    return await LoadTest.RunAsync(args[1..]);
}

if (args is ["customers", ..])
{
    return await CustomersPair.RunAsync(args[1..]);
}

if (args is ["plan", ..])
{
    return PlanTiming.Run(args[1..]);
}

if (args is ["publish", ..])
{
    return await UploadToDashboard.RunAsync(args[1..]);
}

if (args is ["filters", ..])
{
    return await FilterStatesPair.RunAsync(args[1..]);
}

if (args is ["scale", ..])
{
    return await ScaleRun.RunAsync(args[1..]);
}

var mode = "all";
long? rows = null, validationRows = null, ingestionRows = null, storageRows = null, dashboardRows = null;
int? reps = null;
int parallelism = 16, seed = 42, requests = 300;
var breakdown = true;
var profileOnFail = true;
try
{
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "validation" or "ingestion" or "all" or "profile" or "analytics" or "snapshot-load" or "dashboard"
                or "endpoint":
                mode = args[i]; break;
            case "--rows": rows = Number(args, ++i); break;
            case "--validation-rows": validationRows = Number(args, ++i); break;
            case "--ingestion-rows": ingestionRows = Number(args, ++i); break;
            case "--storage-rows": storageRows = Number(args, ++i); break;
            case "--dashboard-rows": dashboardRows = Number(args, ++i); break;
            case "--reps": reps = (int)Number(args, ++i); break;
            case "--requests": requests = (int)Number(args, ++i); break;
            case "--parallelism": parallelism = (int)Number(args, ++i); break;
            case "--seed": seed = (int)Number(args, ++i); break;
            case "--no-breakdown": breakdown = false; break;
            case "--no-profile": profileOnFail = false; break;
            case "-h" or "--help": Console.WriteLine(Usage); return 0;
            default: throw new ArgumentException($"unknown argument '{args[i]}'");
        }
    }
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

#if DEBUG
Console.WriteLine("WARNING: Debug build; run with -c Release for figures worth reporting.");
#endif
Console.WriteLine(
    $"HealthKart benchmarks {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC | {RuntimeInformation.FrameworkDescription} | " +
    $"{RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture} | " +
    $"{Environment.ProcessorCount} cores | " +
    $"GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");

if (mode == "profile")
{
    ValidationProfile.Run(rows ?? 1_000_000, reps ?? 5, seed);
    return 0;
}

var started = Stopwatch.StartNew();
var results = new List<PairResult>();
var checks = new List<TargetCheck>();
if (mode is "validation" or "all")
{
    var n = validationRows ?? (mode == "validation" ? rows : null) ?? 1_000_000;
    var result = await ValidationPair.RunAsync(n, reps ?? 5, seed);
    Harness.Report(result);
    results.Add(result);
    Console.WriteLine();
    if (!result.Passed && profileOnFail)
    {
        Console.WriteLine("validation target failed: profiling the candidate stage by stage (skip with --no-profile)");
        ValidationProfile.Run(n, 5, seed);
        Console.WriteLine();
    }
}

if (mode is "ingestion" or "all")
{
    var n = ingestionRows ?? (mode == "ingestion" ? rows : null) ?? 200_000;
    var result = await IngestionPair.RunAsync(n, reps ?? 3, seed, parallelism, breakdown);
    Harness.Report(result);
    results.Add(result);
    Console.WriteLine();
}

if (mode is "dashboard" or "analytics" or "all")
{
    var n = dashboardRows ?? (mode == "dashboard" ? rows : null) ?? 10_000_000;
    var scales = mode == "dashboard" || n <= 1_000_000 ? new[] { n } : [1_000_000, n];
    foreach (var scale in scales)
    {
        // The issue's target is on the largest scale; a smaller one is measured for information.
        var outcome = await DashboardPair.RunAsync(scale, reps ?? 5, seed, judged: scale == n, breakdown);
        results.Add(outcome.Pair);
        checks.Add(outcome.Memory.Check($"{scale:N0} tracking rows"));
        Console.WriteLine();
    }
}

if (mode is "snapshot-load" or "endpoint" or "analytics" or "all")
{
    var n = storageRows ?? (mode is "snapshot-load" or "endpoint" ? rows : null) ?? 1_000_000;
    await using var data = await IngestedDataset.CreateAsync(n, seed);
    Console.WriteLine();
    if (mode is not "endpoint")
    {
        results.Add(await SnapshotLoadPair.RunAsync(data, reps ?? 5, breakdown));
        Console.WriteLine();
    }

    if (mode is not "snapshot-load")
    {
        checks.Add((await EndpointLatency.RunAsync(data, requests)).Check);
        Console.WriteLine();
    }
}

Console.WriteLine($"== summary ({started.Elapsed.TotalMinutes:F1} min)");
foreach (var result in results)
{
    Console.WriteLine(
        $"   {result.Name,-14} baseline {result.BaselineMedian,12:N0} rows/s  candidate " +
        $"{result.CandidateMedian,12:N0} rows/s  " +
        $"ratio {result.Ratio:F3} " +
        (double.IsNaN(result.Target)
            ? "(no target)" : $"(target >= {result.Target:F2})  {(result.Passed ? "PASS" : "FAIL")}"));
}

foreach (var check in checks)
{
    Console.WriteLine($"   {check.Line}");
}

return results.All(r => r.Passed) && checks.All(c => c.Passed) ? 0 : 1;

static long Number(string[] args, int i) =>
    i < args.Length && long.TryParse(args[i].Replace("_", ""), NumberStyles.AllowThousands,
        CultureInfo.InvariantCulture, out var value) && value > 0
        ? value
        : throw new ArgumentException($"'{args[i - 1]}' needs a positive number");
