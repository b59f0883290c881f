namespace HealthKart.Core.Analytics.Planning;

/// <summary>The two questions the planner answers (docs/planner.md).</summary>
public enum PlanScenario
{
    /// <summary>Split a fixed budget (default: the period's actual spend) for the most incremental revenue.</summary>
    MaxResponse,

    /// <summary>Spend on each influencer until the next rupee returns less than the target incremental ROAS.</summary>
    TargetRoas,
}

/// <summary>
/// The parameters of <c>GET /api/analytics/plan</c>: the scenario, the budget (null: the period's actual spend in
/// <c>max-response</c>, no cap in <c>target-roas</c>), the marginal incremental ROAS to stop at, and each influencer's
/// bounds as multiples of their actual spend.
/// </summary>
public sealed record PlanSettings
{
    public PlanScenario Scenario { get; init; } = PlanScenario.MaxResponse;
    public decimal? Budget { get; init; }
    public double Target { get; init; } = 1.0;
    public double MinShare { get; init; } = 0.5;
    public double MaxShare { get; init; } = 1.5;

    public static string Name(PlanScenario scenario) => scenario == PlanScenario.MaxResponse
        ? "max-response" : "target-roas";
}

/// <summary>Settings of the planner; bound from <c>Analytics:Planner</c>.</summary>
public sealed record PlannerOptions
{
    /// <summary>Simulated draws of the uncertain inputs behind every interval of a plan.</summary>
    public int Draws { get; init; } = 1000;

    /// <summary>
    /// A tier x platform group with fewer paid influencers than this pools toward the tier, then toward all.
    /// </summary>
    public int MinGroupSize { get; init; } = 3;

    /// <summary>
    /// Fewer influencers with posts and sales than this, and the saturation is not estimated: every value stays
    /// possible.
    /// </summary>
    public int MinSaturationEvidence { get; init; } = 8;

    /// <summary>
    /// An influencer is called pooled when less than this share of their curve's level rests on their own data.
    /// </summary>
    public double OwnDataShare { get; init; } = 0.5;
}
