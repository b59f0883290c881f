namespace HealthKart.Core.Analytics;

/// <summary>
/// Influencer size by followers: Micro &lt; 50K, Mid 50K to &lt; 200K, Macro 200K to &lt; 500K, Mega ≥ 500K
/// (configurable).
/// </summary>
public enum FollowerTier
{
    Micro,
    Mid,
    Macro,
    Mega,
}

public static class FollowerTiers
{
    public static FollowerTier Of(long followers, AnalyticsOptions options) =>
        followers >= options.MegaTierFrom ? FollowerTier.Mega
        : followers >= options.MacroTierFrom ? FollowerTier.Macro
        : followers >= options.MidTierFrom ? FollowerTier.Mid
        : FollowerTier.Micro;
}
