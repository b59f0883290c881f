namespace HealthKart.Core.Analytics.Planning;

/// <summary>
/// <c>GET /api/analytics/plan</c>: for the selected period re-run with the proposed split, each paid influencer's
/// current and proposed spend and expected incremental revenue, the roll-ups, and the expected gain with its interval.
/// <see cref="Advised"/> is false when that interval includes zero (or there is nothing to plan with): then
/// <see cref="Advice"/> says that the data supports no reallocation. <see cref="MarginalRoas"/> is what the next rupee
/// of the proposed split returns in incremental revenue (<see cref="BudgetAllocator.NextRupee"/>); below 1 the advice
/// says the budget's last rupees earn less than they cost. Money in rupees.
/// </summary>
public sealed record PlanView(
    string Scenario,
    decimal Budget,
    decimal CurrentSpend,
    double Target,
    double MinShare,
    double MaxShare,
    bool Advised,
    string Advice,
    PlanGain ExpectedGain,
    decimal? CurrentIncrementalRevenue,
    decimal? ProposedIncrementalRevenue,
    decimal? TotalIncrementalRevenue,
    double? MarginalRoas,
    IReadOnlyList<PlanAllocation> Allocations,
    IReadOnlyList<PlanGroup> ByTier,
    IReadOnlyList<PlanGroup> ByPlatform,
    IReadOnlyList<PlanGroup> ByCampaign,
    IReadOnlyList<PlanCurve> Curves,
    PlanSaturation Saturation,
    string DatasetVersion,
    IncrementalityInfo Incrementality);

/// <summary>
/// The plan's expected gain and its interval: in <c>max-response</c> the change in incremental revenue; in
/// <c>target-roas</c> the change in incremental revenue less target x the change in spend (what the split earns beyond
/// the return the target asks of every rupee). Never above the period's total incremental revenue.
/// </summary>
public sealed record PlanGain(decimal Value, decimal Low, decimal High, double Level);

/// <param name="OwnDataShare">How much of the curve's level rests on
/// the influencer's own data (1) rather than their group's (0).</param>
/// <param name="Curve">Where the curve comes from, in words.</param>
public sealed record PlanAllocation(
    string InfluencerId,
    string Name,
    string Tier,
    string Platform,
    long Posts,
    decimal CurrentSpend,
    decimal ProposedSpend,
    decimal MinSpend,
    decimal MaxSpend,
    decimal? CurrentIncrementalRevenue,
    decimal? ProposedIncrementalRevenue,
    double? CurrentMarginalRoas,
    double? ProposedMarginalRoas,
    double OwnDataShare,
    string Curve);

/// <summary>
/// A roll-up of the allocations (tier, platform or campaign; an influencer's spend splits over campaigns as it does
/// now).
/// </summary>
public sealed record PlanGroup(
    string Name, decimal CurrentSpend, decimal ProposedSpend, decimal? CurrentIncrementalRevenue,
    decimal? ProposedIncrementalRevenue);

/// <summary>A mover's response curve for the chart, with its band, and the current and proposed points.</summary>
public sealed record PlanCurve(string InfluencerId, string Name, decimal CurrentSpend, decimal ProposedSpend,
    IReadOnlyList<PlanCurvePoint> Points);

public sealed record PlanCurvePoint(decimal Spend, decimal IncrementalRevenue, decimal Low, decimal High);

/// <summary>
/// The pooled saturation theta (posts after which an audience is about 63 % saturated) and how it was found.
/// </summary>
public sealed record PlanSaturation(double Posts, double Low, double High, int Influencers, bool Estimated,
    string Note);
