namespace HealthKart.Core.Analytics.Planning;

/// <summary>
/// One influencer's response curve over the selected period: incremental revenue (rupees) against spend (rupees), of
/// the negative-exponential form <c>R(s) = V x (1 - e^(-x(s)/theta)) / (1 - e^(-n/theta))</c> with <c>x(s) = n x s /
/// S</c> (docs/planner.md): spend buys posts at the influencer's current price per post, and each further post of the
/// period adds a fixed fraction <c>e^(-1/theta)</c> of what the one before it added (audience saturation). It passes
/// through the origin and through (S, V), is concave, and its slope falls toward zero as spend grows.
/// </summary>
/// <param name="Spend">The influencer's actual spend S in the period (rupees, above zero).</param>
/// <param name="Posts">Their posts n in the period (at least 1: a payout buys at least one post's worth).</param>
/// <param name="Saturation">theta, in posts: after theta posts the audience is about 63 % saturated.</param>
/// <param name="Value">V, the incremental revenue at their actual spend.</param>
public readonly record struct ResponseCurve(double Spend, double Posts, double Saturation, double Value)
{
    /// <summary>Incremental revenue at <paramref name="spend"/> as a multiple of <see cref="Value"/>.</summary>
    public double Ratio(double spend) => Shape(spend / Spend * Posts, Saturation) / Shape(Posts, Saturation);

    public double At(double spend) => Value * Ratio(spend);

    /// <summary>
    /// The marginal incremental ROAS: extra incremental revenue per extra rupee at <paramref name="spend"/>.
    /// </summary>
    public double Marginal(double spend) =>
        Value * Posts / (Saturation * Spend) * Math.Exp(-spend / Spend * Posts / Saturation) / Shape(Posts, Saturation);

    /// <summary>
    /// The spend at which the marginal incremental ROAS falls to <paramref name="marginal"/> (0 if it starts below it).
    /// </summary>
    public double SpendAtMarginal(double marginal) => SpendAtMarginal(MarginalAtZero, marginal);

    /// <summary>
    /// <see cref="SpendAtMarginal(double)"/> given the curve's <see cref="MarginalAtZero"/>, for a caller that asks at
    /// many levels.
    /// </summary>
    public double SpendAtMarginal(double atZero, double marginal) =>
        atZero <= marginal ? 0 : Spend * Saturation / Posts * Math.Log(atZero / marginal);

    /// <summary>The marginal incremental ROAS of the first rupee.</summary>
    public double MarginalAtZero => Value * Posts / (Saturation * Spend * Shape(Posts, Saturation));

    /// <summary>The saturating part, <c>1 - e^(-x/theta)</c>.</summary>
    public static double Shape(double posts, double saturation) => 1 - Math.Exp(-posts / saturation);
}
