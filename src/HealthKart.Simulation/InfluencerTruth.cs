namespace HealthKart.Simulation;

/// <summary>
/// One influencer's share of the <see cref="GroundTruth"/>: revenue credited to them, the part of it their posts
/// really caused, and what they were paid, in rupees. True ROI is <c>TrueIncrementalRevenue / Payout</c>.
/// <see cref="ExpectedIncrementalRevenue"/> is what their posts cause on average (the realised figure is one draw of
/// it): the value at their actual payout of their response curve in <see cref="GroundTruth.ResponseCurves"/>.
/// </summary>
public sealed record InfluencerTruth(
    string InfluencerId,
    int Posts,
    decimal AttributedRevenue,
    decimal TrueIncrementalRevenue,
    decimal ExpectedIncrementalRevenue,
    decimal Payout);
