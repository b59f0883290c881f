using System.Globalization;

namespace HealthKart.Benchmarks;

/// <summary>
/// Issue 8's scale run, reported (no target): a year through the real path at a tenth of the design scale
/// (docs/README.md#the-scale-it-is-built-for; <see cref="ScaleStorage"/>,
/// 2M tracking rows into Azurite), then the engine alone at full scale (<see cref="ScaleEngine"/>, 20M rows in memory),
/// then the 2M figures extrapolated to 20M: ingestion linear in rows (it is bound by entity writes), the cold load
/// linear in facts (the engine run gives the facts at 20M).
///   dotnet run -c Release --project bench/HealthKart.Benchmarks -- scale [--rows N] [--engine-rows N] [--requests N] [--seed N] [--skip-storage] [--skip-engine]
/// </summary>
public static class ScaleRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        long rows = 2_000_000, engineRows = ScaleStorage.DesignTrackingRows;
        int requests = 300, seed = 42;
        bool storage = true, engine = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows": rows = long.Parse(args[++i].Replace("_", ""), CultureInfo.InvariantCulture); break;
                case "--engine-rows": engineRows = long.Parse(args[++i].Replace("_", ""), CultureInfo.InvariantCulture); break;
                case "--requests": requests = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--skip-storage": storage = false; break;
                case "--skip-engine": engine = false; break;
                default:
                    Console.Error.WriteLine(
                        $"unknown argument '{args[i]}'; usage: scale [--rows N] [--engine-rows N] [--requests N] [--seed N] [--skip-storage] [--skip-engine]");
                    return 2;
            }
        }

        // Azurite in memory holds every entity in Node's heap; its default ~4 GB cap is too small for millions of rows.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NODE_OPTIONS")))
        {
            Environment.SetEnvironmentVariable("NODE_OPTIONS", "--max-old-space-size=16384");
        }

        var real = storage ? await ScaleStorage.RunAsync(rows, seed, requests) : null;
        Console.WriteLine();
        var full = engine ? ScaleEngine.Run(engineRows, seed) : null;
        Console.WriteLine();
        if (real is not null)
        {
            Extrapolate(real, full);
        }

        return 0;
    }

    private static void Extrapolate(ScaleStorage.Outcome real, ScaleEngine.Outcome? full)
    {
        const long target = ScaleStorage.DesignTrackingRows;
        var factor = (double)target / real.TrackingRows;
        Console.WriteLine($"== scale, extrapolated to {target:N0} tracking rows from the real-path run at {real.TrackingRows:N0} (x {factor:F1})");
        Console.WriteLine(
            $"   ingestion (linear in rows written): {real.Ingestion.TotalMinutes * factor:F0} min at this run's rate; tracking alone at " +
            $"{real.TrackingRowsPerSecond:N0} rows/s: {target / real.TrackingRowsPerSecond / 60:F0} min");
        if (full is null)
        {
            Console.WriteLine("   cold load: needs the engine run (facts at full scale)");
            return;
        }

        var perFact = real.ColdLoad.TotalSeconds / real.Facts;
        Console.WriteLine(
            $"   cold snapshot load (linear in facts, {real.Facts:N0} -> {full.Facts:N0}): {perFact * full.Facts:F1} s " +
            $"(of which the CPU side measured at full scale: {(full.Decode + full.Build).TotalSeconds:F1} s)");
        Console.WriteLine(
            $"   fact columns: {real.ColumnBytes / (double)real.Facts * full.Facts / 1048576.0:N0} MB at the real path's B/fact, " +
            $"{full.ColumnBytes / 1048576.0:N0} MB measured at full scale (heap the snapshot keeps {full.RetainedHeapBytes / 1048576.0:N0} MB); " +
            $"peak working set while decoding and building at full scale {full.PeakWorkingSetBytes / 1048576.0:N0} MB " +
            $"(the real-path load at {real.TrackingRows:N0} rows peaked at {real.PeakWorkingSetBytes / 1048576.0:N0} MB)");
    }
}
