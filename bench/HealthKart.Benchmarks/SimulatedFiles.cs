namespace HealthKart.Benchmarks;

/// <summary>The names the simulator writes (its own constants are internal to HealthKart.Core).</summary>
internal static class SimulatedFiles
{
    public const string Tracking = "tracking_data.csv";
    public const string Influencers = "influencers.csv";
}
