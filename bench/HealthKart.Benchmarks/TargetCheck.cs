using System.Globalization;

namespace HealthKart.Benchmarks;

/// <summary>
/// A target that is not a throughput pair: a figure held to a ceiling (bytes per fact, a latency ratio). It is still a
/// number measured in this run, against a reference measured in the same run where there is one.
/// </summary>
public sealed record TargetCheck(string Name, string Detail, double Value, double AtMost, string Unit)
{
    public bool Passed => Value <= AtMost;

    public string Line => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-22} {Value,10:F2} {Unit} (target <= {AtMost:F2})  {(Passed ? "PASS" : "FAIL")}  {Detail}");
}
