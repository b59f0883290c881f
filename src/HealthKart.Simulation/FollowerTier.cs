namespace HealthKart.Simulation;

/// <summary>
/// The follower tiers every roster spans: Micro below 50K, Mid 50K to below 200K, Macro 200K to below 500K, Mega
/// 500K and above. <see cref="RosterShare"/> is the tier's share of a simulated roster.
/// </summary>
internal sealed record FollowerTier(string Name, long MinFollowers, long MaxFollowers, double RosterShare)
{
    public static IReadOnlyList<FollowerTier> All { get; } =
    [
        new("Micro", 3_000, 49_999, 0.40),
        new("Mid", 50_000, 199_999, 0.30),
        new("Macro", 200_000, 499_999, 0.18),
        new("Mega", 500_000, 5_000_000, 0.12),
    ];
}
