namespace HealthKart.Benchmarks;

/// <summary>Latency percentiles of a set of timed requests, in microseconds (nearest-rank).</summary>
public sealed record Percentiles(double P50, double P95, double P99, double Max, double Mean, int Count)
{
    public static Percentiles Of(IEnumerable<double> microseconds)
    {
        var sorted = microseconds.Order().ToArray();
        return new Percentiles(At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99), sorted[^1], sorted.Average(),
            sorted.Length);
    }

    private static double At(double[] sorted, double quantile) =>
        sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
