using HealthKart.Core.Analytics.Planning;

namespace HealthKart.Core.Tests.Analytics.Planning;

public sealed class ResponseCurveTests
{
    // V = ₹1,000 at S = ₹100 with n = 2 posts and theta = 2: the shape at the actual spend is 1 - e^-1 = 0.632121.
    private static readonly ResponseCurve Curve = new(Spend: 100, Posts: 2, Saturation: 2, Value: 1000);

    [Fact]
    public void Passes_through_the_origin_and_the_actual_point()
    {
        Assert.Equal(0, Curve.At(0), 9);
        Assert.Equal(1000, Curve.At(100), 9);
    }

    [Fact]
    public void Half_the_spend_buys_more_than_half_the_revenue()
    {
        // Half the spend buys one post: 1000 x (1 - e^-0.5) / (1 - e^-1) = 1000 x 0.393469 / 0.632121 = 622.46.
        Assert.Equal(622.46, Curve.At(50), 2);
        // Double buys four posts: 1000 x (1 - e^-2) / 0.632121 = 1000 x 0.864665 / 0.632121 = 1367.88, not 2000.
        Assert.Equal(1367.88, Curve.At(200), 2);
    }

    [Fact]
    public void The_marginal_roas_falls_and_inverts()
    {
        // dR/ds = V x n / (theta x S) x e^(-n s / (theta S)) / shape = 1000 x 0.01 x e^-1 / 0.632121 = 5.81977 at ₹100.
        Assert.Equal(5.81977, Curve.Marginal(100), 5);
        Assert.True(Curve.Marginal(150) < Curve.Marginal(100));
        Assert.Equal(100, Curve.SpendAtMarginal(5.81977), 3);
        // Above the slope at zero spend (1000 x 0.01 / 0.632121 = 15.82), nothing is worth spending.
        Assert.Equal(0, Curve.SpendAtMarginal(16));
    }

    [Fact]
    public void A_flat_curve_asks_for_no_spend() => Assert.Equal(0, (Curve with { Value = 0 }).SpendAtMarginal(0.5));
}
