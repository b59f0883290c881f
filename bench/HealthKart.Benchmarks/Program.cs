using System.Globalization;
using System.Runtime.InteropServices;
using HealthKart.Benchmarks;

// Performance targets of the ingestion path, as ratios against a baseline measured in the same run (see README.md).
//   dotnet run -c Release --project bench/HealthKart.Benchmarks -- [validation|ingestion|all|profile] [options]
const string Usage = """
    usage: HealthKart.Benchmarks [validation|ingestion|all|profile] [options]
      profile              not a target: times the validation candidate stage by stage (where the time goes)
      --rows N             rows of the selected pair (validation default 1,000,000; ingestion default 200,000)
      --validation-rows N  rows of the validation pair (for 'all')
      --ingestion-rows N   rows of the ingestion pair (for 'all')
      --reps N             repetitions per side (validation default 5, ingestion default 3)
      --parallelism N      transactions in flight on both ingestion sides (default 16 = Ingestion:Parallelism)
      --seed N             simulation seed (default 42)
      --no-breakdown       skip the ingestion breakdown (each part of the candidate timed alone)
      --no-profile         do not run the validation profile when the validation target fails
    Exit code 0 when every target passes, 1 when one fails, 2 on bad arguments.
    """;

var mode = "all";
long? rows = null, validationRows = null, ingestionRows = null;
int? reps = null;
int parallelism = 16, seed = 42;
var breakdown = true;
var profileOnFail = true;
try
{
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "validation" or "ingestion" or "all" or "profile": mode = args[i]; break;
            case "--rows": rows = Number(args, ++i); break;
            case "--validation-rows": validationRows = Number(args, ++i); break;
            case "--ingestion-rows": ingestionRows = Number(args, ++i); break;
            case "--reps": reps = (int)Number(args, ++i); break;
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
    $"{RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture} | {Environment.ProcessorCount} cores | " +
    $"GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");

if (mode == "profile")
{
    ValidationProfile.Run(rows ?? 1_000_000, reps ?? 5, seed);
    return 0;
}

var results = new List<PairResult>();
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

Console.WriteLine("== summary");
foreach (var result in results)
{
    Console.WriteLine(
        $"   {result.Name,-11} baseline {result.BaselineMedian,12:N0} rows/s  candidate {result.CandidateMedian,12:N0} rows/s  " +
        $"ratio {result.Ratio:F3} (target >= {result.Target:F2})  {(result.Passed ? "PASS" : "FAIL")}");
}

return results.All(r => r.Passed) ? 0 : 1;

static long Number(string[] args, int i) =>
    i < args.Length && long.TryParse(args[i].Replace("_", ""), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) && value > 0
        ? value
        : throw new ArgumentException($"'{args[i - 1]}' needs a positive number");
