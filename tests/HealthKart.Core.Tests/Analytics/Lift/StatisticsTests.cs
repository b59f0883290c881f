using HealthKart.Core.Analytics.Lift;

namespace HealthKart.Core.Tests.Analytics.Lift;

/// <summary>The two numerical pieces of the interval, against published tables and a fit worked by hand.</summary>
public sealed class StatisticsTests
{
    [Theory]
    [InlineData(0.95, 5, 2.5706)] // Student t tables, two-sided 95 %
    [InlineData(0.95, 10, 2.2281)]
    [InlineData(0.95, 48, 2.0106)]
    [InlineData(0.90, 30, 1.6973)]
    [InlineData(0.95, 100_000, 1.9600)]
    public void Critical_values_match_the_t_tables(double level, int degreesOfFreedom, double expected) =>
        Assert.InRange(StudentT.Critical(level, degreesOfFreedom), expected - 0.001, expected + 0.001);

    [Fact]
    public void A_line_through_four_points_is_fitted_with_its_residual_variance()
    {
        // y = 1, 3, 2, 5 at x = 0, 1, 2, 3. Sums: n 4, x 6, x^2 14, y 11, xy 0 + 3 + 4 + 15 = 22.
        // slope = (4 x 22 - 6 x 11) / (4 x 14 - 36) = 22 / 20 = 1.1; intercept = (11 - 1.1 x 6) / 4 = 1.1.
        // fitted 1.1, 2.2, 3.3, 4.4; residuals -0.1, 0.8, -1.3, 0.6; SSE 0.01 + 0.64 + 1.69 + 0.36 = 2.7; s^2 = 2.7 /
        // 2. (X'X)^-1 = [[14, -6], [-6, 4]] / 20, so the slope's variance is 1.35 x 4 / 20 = 0.27.
        var fit = LeastSquares.Fit([[1, 0], [1, 1], [1, 2], [1, 3]], [1, 3, 2, 5])!;

        Assert.Equal(1.1, fit.Coefficients[0], 10);
        Assert.Equal(1.1, fit.Coefficients[1], 10);
        Assert.Equal((2.7, 1.35, 2), (Math.Round(fit.SumOfSquares, 10), Math.Round(fit.ResidualVariance, 10),
            fit.DegreesOfFreedom));
        Assert.Equal(0.27, fit.ResidualVariance * fit.Leverage([0, 1]), 10);
        // Lag-1 autocorrelation: (0.8 x -0.1 + -1.3 x 0.8 + 0.6 x -1.3) / 2.7 = -1.9 / 2.7.
        Assert.Equal(-1.9 / 2.7, fit.Autocorrelation, 10);
    }

    [Fact]
    public void A_design_that_cannot_be_separated_is_refused() =>
        Assert.Null(LeastSquares.Fit([[1, 2], [1, 2], [1, 2]], [1, 2, 3]));
}
