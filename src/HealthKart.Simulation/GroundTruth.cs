namespace HealthKart.Simulation;

/// <summary>
/// What the simulator knows and an analyst must estimate: how much revenue the posts really caused. All revenue is net as the
/// analytics define it (a refunded or cancelled row subtracts its revenue), in rupees. Written to <c>ground_truth.json</c>.
/// </summary>
/// <param name="OrganicOrdersPerDay">The baseline volume actually used (solved from the row target when one was given).</param>
/// <param name="CounterfactualRevenue">Revenue of the world without posts: every baseline order, organic or credited.</param>
/// <param name="RevenueWithPosts">Revenue of all tracking rows: counterfactual plus true incremental.</param>
/// <param name="TrueIncrementalRevenue">Revenue of the orders that exist only because of posts.</param>
/// <param name="AttributedRevenue">Revenue of the rows credited to an influencer: what last-touch attribution claims.</param>
/// <param name="ReachedProductDays">Product-days on which at least one post of that product was working.</param>
/// <param name="LiftOnReachedDays">True incremental over counterfactual revenue of the reached product-days (about TrueLift).</param>
/// <param name="OverallLift">True incremental over the whole counterfactual revenue.</param>
/// <param name="ResponseCurves">
/// Per paid influencer, their true response curve over the period: <c>[spend, expected incremental revenue]</c> in
/// rupees at 0, 1/6, ..., 2 times their actual payout. Spending m times the payout buys m times their posts at the same
/// price, and n posts are worth <see cref="DemandModel.PostEquivalents"/>(n) first posts (audience saturation), so the
/// curve is <c>expected x PostEquivalents(m x posts) / PostEquivalents(posts)</c>: concave, 0 at no spend, flat at 0
/// when posts add nothing. A plan's true gain is read off it by linear interpolation.
/// </param>
public sealed record GroundTruth(
    int Seed,
    SimulationOptions Options,
    string Model,
    double OrganicOrdersPerDay,
    decimal CounterfactualRevenue,
    decimal RevenueWithPosts,
    decimal TrueIncrementalRevenue,
    decimal AttributedRevenue,
    int ReachedProductDays,
    decimal CounterfactualRevenueOnReachedDays,
    double LiftOnReachedDays,
    double OverallLift,
    IReadOnlyList<ProductTruth> Products,
    IReadOnlyList<InfluencerTruth> Influencers,
    [property: System.Text.Json.Serialization.JsonPropertyName("responseCurves")]
    IReadOnlyDictionary<string, decimal[][]> ResponseCurves);
