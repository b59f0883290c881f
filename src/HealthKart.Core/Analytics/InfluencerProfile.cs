namespace HealthKart.Core.Analytics;

/// <summary>
/// An influencer as the analytics see them. <see cref="Known"/> is false for an ID that appears in posts, sales or
/// payouts but not in the influencers data: it still counts, labelled "(unknown)".
/// </summary>
public sealed record InfluencerProfile(
    string Id, string Name, string Category, string Gender, long Followers, string Platform, FollowerTier Tier,
    bool Known)
{
    public const string Unknown = "(unknown)";
}
