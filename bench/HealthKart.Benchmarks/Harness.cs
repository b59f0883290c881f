using System.Diagnostics;
using System.Globalization;

namespace HealthKart.Benchmarks;

/// <summary>One timed run of one side: how many rows it handled, how long it took, what it allocated.</summary>
public sealed record Sample(long Rows, TimeSpan Elapsed, long AllocatedBytes, long PeakWorkingSetBytes)
{
    public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
}

/// <summary>
/// What a pair measured: every sample of both sides, in run order, and the target the ratio is held to.
/// </summary>
public sealed record PairResult(string Name, string Detail, double Target, IReadOnlyList<Sample> Baseline,
    IReadOnlyList<Sample> Candidate)
{
    public double BaselineMedian => Harness.Median(Baseline.Select(s => s.RowsPerSecond));
    public double CandidateMedian => Harness.Median(Candidate.Select(s => s.RowsPerSecond));

    /// <summary>Median candidate rows/s over median baseline rows/s.</summary>
    public double RatioOfMedians => CandidateMedian / BaselineMedian;

    /// <summary>
    /// Each repetition's candidate over the baseline run right next to it (same minute, same machine load).
    /// </summary>
    public IReadOnlyList<double> PairRatios => Baseline.Zip(Candidate, (b, c) => c.RowsPerSecond / b.RowsPerSecond)
        .ToList();

    /// <summary>
    /// The headline, judged against the target: the median of the paired ratios. On a shared, noisy machine a slow
    /// minute hits both runs of a pair, so pairing cancels it; the ratio of medians is printed too and agrees when the
    /// machine was quiet.
    /// </summary>
    public double Ratio => Harness.Median(PairRatios);

    /// <summary>A NaN target marks a pair measured for information only: it is reported, never judged.</summary>
    public bool Passed => double.IsNaN(Target) || Ratio >= Target;
}

/// <summary>
/// Runs a baseline and a candidate alternately in one process, so both see the same machine, the same page cache and
/// the same emulator. The order is B C, C B, B C, ... (each side goes first half the time), which cancels a slow drift
/// of the machine (thermal, a filling emulator) instead of charging it to one side.
/// </summary>
public static class Harness
{
    public static async Task<PairResult> RunPairAsync(
        string name,
        string detail,
        double target,
        int repetitions,
        Func<int, Task<Sample>> baseline,
        Func<int, Task<Sample>> candidate)
    {
        var b = new List<Sample>();
        var c = new List<Sample>();
        for (var rep = 0; rep < repetitions; rep++)
        {
            var baselineFirst = rep % 2 == 0;
            for (var turn = 0; turn < 2; turn++)
            {
                var isBaseline = baselineFirst == (turn == 0);
                var sample = isBaseline ? await baseline(rep) : await candidate(rep);
                (isBaseline ? b : c).Add(sample);
                Console.WriteLine(
                    $"  rep {rep + 1}/{repetitions} {(isBaseline ? "baseline " : "candidate")} " +
                    $"{sample.Rows,11:N0} rows  {sample.Elapsed.TotalSeconds,8:F3} s  " +
                    $"{sample.RowsPerSecond,12:N0} rows/s");
            }
        }

        return new PairResult(name, detail, target, b, c);
    }

    /// <summary>
    /// Times <paramref name="work"/> (which returns the rows it handled) after a full GC, with the bytes this process
    /// allocated meanwhile and, on Linux, the peak resident set (VmHWM, reset just before the run).
    /// </summary>
    public static async Task<Sample> MeasureAsync(Func<Task<long>> work)
    {
        ReturnFreeMemory();
        ResetPeakWorkingSet();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var rows = await work();
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new Sample(rows, clock.Elapsed, allocated, PeakWorkingSet());
    }

    /// <summary>
    /// A full, aggressive GC: also returns the free heap to the OS, so earlier garbage is not in the next peak.
    /// </summary>
    public static void ReturnFreeMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    public static Sample Measure(Func<long> work) => MeasureAsync(() => Task.FromResult(work()))
        .GetAwaiter().GetResult();

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static void Report(PairResult result)
    {
        var ratios = result.PairRatios;
        Console.WriteLine();
        Console.WriteLine($"== {result.Name}: {result.Detail}");
        Console.WriteLine(
            $"   {"side",-10} {"median rows/s",14} {"min rows/s",12} {"max rows/s",12} {"median s",9} " +
            $"{"alloc B/row",12} {"peak WS MB",11}");
        Line("baseline", result.Baseline);
        Line("candidate", result.Candidate);
        Console.WriteLine(
            $"   ratio candidate/baseline = {result.Ratio:F3} (median of per-rep ratios: " +
            string.Join(" ", ratios.Select(r => r.ToString("F3", CultureInfo.InvariantCulture))) +
            $"); ratio of medians {result.RatioOfMedians:F3}");
        Console.WriteLine(double.IsNaN(result.Target)
            ? "   no target (measured for information)"
            : $"   target >= {result.Target:F2}x  =>  {(result.Passed ? "PASS" : "FAIL")}");

        static void Line(string side, IReadOnlyList<Sample> samples)
        {
            var rates = samples.Select(s => s.RowsPerSecond).ToArray();
            Console.WriteLine(
                $"   {side,-10} {Median(rates),14:N0} {rates.Min(),12:N0} {rates.Max(),12:N0} " +
                $"{Median(samples.Select(s => s.Elapsed.TotalSeconds)),9:F3} " +
                $"{Median(samples.Select(s => (double)s.AllocatedBytes / s.Rows)),12:N1} " +
                $"{Median(samples.Select(s => s.PeakWorkingSetBytes / 1048576.0)),11:N0}");
        }
    }

    /// <summary>Linux: writing 5 to clear_refs resets VmHWM, so the next peak is this run's own.</summary>
    public static void ResetPeakWorkingSet()
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The process's peak resident set since the last reset (VmHWM on Linux).</summary>
    public static long PeakWorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64;
    }
}
