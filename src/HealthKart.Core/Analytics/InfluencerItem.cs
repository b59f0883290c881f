namespace HealthKart.Core.Analytics;

/// <summary>
/// One influencer's row in the rankings. Unpaid influencers (no spend in the selection) have no ROI, ROAS or score:
/// they are listed and flagged, never ranked (the original gave them infinite ROI and the top ranks).
/// </summary>
public sealed record InfluencerItem(
    string InfluencerId, string Name, string Category, string Gender, string Platform, long Followers, string Tier,
    bool Known) : Kpis
{
    public bool Paid { get; init; }
    public double? RevenuePerFollower { get; init; }
    public double? EfficiencyScore { get; init; }
    public int? Rank { get; init; }
    public bool Poor { get; init; }
}
