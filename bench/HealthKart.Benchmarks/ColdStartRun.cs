using System.Globalization;

namespace HealthKart.Benchmarks;

/// <summary>
/// <c>cold-start [--rows N[,N...]] [--reps N] [--seed N]</c>: <see cref="ColdStartPair"/> at each scale (default 1M and
/// 10M tracking rows, 5 repetitions), each on an Azurite of its own; exit code 0 when every target passes.
/// </summary>
public static class ColdStartRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        long[] scales = [1_000_000, 10_000_000];
        var (repetitions, seed) = (5, 42);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows": scales = [.. args[++i].Split(',').Select(n => long.Parse(n.Replace("_", ""), CultureInfo.InvariantCulture))]; break;
                case "--reps": repetitions = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown argument '{args[i]}' (cold-start takes --rows N[,N] --reps N --seed N)"); return 2;
            }
        }

        var checks = new List<TargetCheck>();
        foreach (var rows in scales)
        {
            checks.AddRange(await ColdStartPair.RunAsync(rows, seed, repetitions));
        }

        Console.WriteLine();
        Console.WriteLine("== summary");
        foreach (var check in checks)
        {
            Console.WriteLine($"   {check.Line}");
        }

        return checks.All(c => c.Passed) ? 0 : 1;
    }
}
