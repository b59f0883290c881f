namespace HealthKart.Core.Simulation;

/// <summary>
/// One influencer's share of the <see cref="GroundTruth"/>: revenue credited to them, the part of it their posts
/// really caused, and what they were paid, in rupees. True ROI is <c>TrueIncrementalRevenue / Payout</c>.
/// </summary>
public sealed record InfluencerTruth(
    string InfluencerId,
    int Posts,
    decimal AttributedRevenue,
    decimal TrueIncrementalRevenue,
    decimal Payout);
