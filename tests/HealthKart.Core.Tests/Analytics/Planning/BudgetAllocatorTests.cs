using HealthKart.Core.Analytics.Planning;

namespace HealthKart.Core.Tests.Analytics.Planning;

public sealed class BudgetAllocatorTests
{
    // Both curves: S = ₹100, n = 2 posts, theta = 2, so the marginal is V x 0.01 x e^(-s/100) / 0.632121.
    private static ResponseCurve Curve(double value) => new(100, 2, 2, value);

    [Fact]
    public void Equal_marginals_split_an_unbounded_budget_to_the_paisa()
    {
        // V_A e^(-a/100) = V_B e^(-b/100) with V_A = 2 V_B: a - b = 100 ln 2 = 69.3147 and a + b = 200,
        // so a = ₹134.6574 and b = ₹65.3426: 13465.74 and 6534.26 paise; the leftover paisa goes to the larger
        // remainder.
        var spend = BudgetAllocator.MaxResponse([Curve(1000), Curve(500)], [0, 0], [100_000, 100_000], 20_000);

        Assert.Equal([13_466, 6_534], spend);
    }

    [Fact]
    public void Bounds_hold_when_one_influencer_is_far_better()
    {
        // At its upper bound (₹150) A still earns 10 x e^-1.5 / 0.632121 = 3.53 per rupee; B at its lower bound (₹50)
        // only 1 x e^-0.5 / 0.632121 = 0.96: A takes all it may, B keeps its floor.
        var spend = BudgetAllocator.MaxResponse([Curve(1000), Curve(100)], [5_000, 5_000], [15_000, 15_000], 20_000);

        Assert.Equal([15_000, 5_000], spend);
    }

    [Fact]
    public void The_next_rupee_returns_the_best_marginal_left_below_the_bounds()
    {
        // A (V = 1000) at ₹120 earns 1000 x 0.01 x e^-1.2 / 0.632121 = 4.7648 per rupee, but sits at its bound;
        // B (V = 500) at ₹50 earns 500 x 0.01 x e^-0.5 / 0.632121 = 4.7976, C (V = 100) at ₹10 earns 1.4314: B is the
        // best rupee left. With every curve at its bound there is none.
        Assert.Equal(4.7976, BudgetAllocator.NextRupee([Curve(1000), Curve(500), Curve(100)], [12_000, 5_000, 1_000],
            [12_000, 9_000, 9_000])!.Value, 4);
        Assert.Null(BudgetAllocator.NextRupee([Curve(1000), Curve(500)], [12_000, 9_000], [12_000, 9_000]));
    }

    [Fact]
    public void Curves_flat_at_zero_keep_their_spend()
    {
        var spend = BudgetAllocator.MaxResponse([Curve(0), Curve(0)], [5_000, 5_000], [15_000, 15_000], 20_000);

        Assert.Equal([10_000, 10_000], spend);
    }

    [Fact]
    public void A_target_stops_where_the_next_rupee_returns_the_target()
    {
        // A's marginal is 3.529944 at ₹150 (above), so A stops there; B's is at most 100 x 0.01 / 0.632121 = 1.58 (at
        // zero spend), below the target everywhere: it gets its floor.
        var spend = BudgetAllocator.TargetRoas([Curve(1000), Curve(100)], [5_000, 5_000], [30_000, 30_000], 3.529944,
            cap: null);

        Assert.InRange(spend[0], 14_999, 15_001);
        Assert.Equal(5_000, spend[1]);
    }
}
