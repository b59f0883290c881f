namespace HealthKart.Core.Analytics.Planning;

/// <summary>
/// What the data says about one paid influencer's curve level, after partial pooling (docs/planner.md).
/// <see cref="Roas"/> is their attributed revenue per rupee of spend, pulled toward their group's by how little data
/// they have (<see cref="OwnShare"/>: 1 = their own figure, 0 = the group's); <see cref="RoasVariance"/> is what is
/// left uncertain about it. <see cref="Mix"/> weighs the products whose measured lift turns attributed into incremental
/// revenue: their own sales' products, or their group's when their own products have no measured lift.
/// </summary>
public sealed record InfluencerEvidence(
    InfluencerItem Item,
    double Spend,
    double Posts,
    string Group,
    double OwnShare,
    double Roas,
    double RoasVariance,
    IReadOnlyList<(int Product, double Weight)> Mix,
    bool OwnLift)
{
    /// <summary>Incremental rupees per attributed rupee, for lift ratios indexed by product.</summary>
    public double Lift(double[] ratio)
    {
        var lift = 0.0;
        foreach (var (product, weight) in Mix)
        {
            lift += weight * ratio[product];
        }

        return lift;
    }
}
