namespace HealthKart.Core.Analytics.Planning;

/// <summary>
/// The pooled saturation theta of every response curve, learned from how attributed revenue grows with posting volume
/// across influencers (docs/planner.md): for each theta on a grid from 0.25 to 64 posts, expected revenue
/// <c>e^(a + b ln(reach per post)) x (1 - e^(-posts/theta))</c> is fitted by quasi-Poisson regression, and theta is
/// weighted by its quasi-likelihood, <c>e^(-(deviance - least deviance) / (2 x dispersion))</c> (flat in ln theta).
/// The weights are a distribution: its median is the plan's theta, draws from it carry its uncertainty into the intervals.
/// With too few influencers the weights stay flat: the data says nothing about saturation, and the intervals show it.
/// </summary>
public sealed record SaturationFit(double[] Grid, double[] Weights, double Median, double Low, double High, int Evidence, bool Estimated)
{
    private const int GridPoints = 41;

    /// <param name="evidence">Per influencer with posts and reach: posts, reach per post, attributed revenue (rupees).</param>
    public static SaturationFit Estimate(IReadOnlyList<(double Posts, double ReachPerPost, double Revenue)> evidence, int minEvidence, double level)
    {
        var grid = new double[GridPoints];
        var logWeights = new double[GridPoints];
        for (var k = 0; k < GridPoints; k++)
        {
            grid[k] = 0.25 * Math.Pow(2, k / 5.0);
        }

        var estimated = evidence.Count >= minEvidence && evidence.Any(e => e.Revenue > 0);
        if (estimated)
        {
            var centre = evidence.Average(e => Math.Log(Math.Max(e.ReachPerPost, 1)));
            var centred = evidence.Select(e => (e.Posts, Math.Log(Math.Max(e.ReachPerPost, 1)) - centre, Math.Max(e.Revenue, 0))).ToList();
            var fits = grid.Select(theta => Fit(centred, theta)).ToArray();
            var best = Array.FindIndex(fits, f => f.Deviance == fits.Min(g => g.Deviance));
            var dispersion = Math.Max(fits[best].Pearson / Math.Max(evidence.Count - 3, 1), 1e-9);
            for (var k = 0; k < GridPoints; k++)
            {
                logWeights[k] = -(fits[k].Deviance - fits[best].Deviance) / (2 * dispersion);
            }
        }

        var max = logWeights.Max();
        var weights = logWeights.Select(w => Math.Exp(w - max)).ToArray();
        var total = weights.Sum();
        for (var k = 0; k < GridPoints; k++)
        {
            weights[k] /= total;
        }

        var tail = (1 - level) / 2;
        return new SaturationFit(grid, weights, Quantile(grid, weights, 0.5), Quantile(grid, weights, tail), Quantile(grid, weights, 1 - tail),
            evidence.Count, estimated);
    }

    /// <summary>A theta drawn from the weights, from a uniform number in [0, 1).</summary>
    public double Draw(double uniform) => Quantile(Grid, Weights, uniform);

    private static double Quantile(double[] grid, double[] weights, double p)
    {
        var cumulative = 0.0;
        for (var k = 0; k < grid.Length; k++)
        {
            cumulative += weights[k];
            if (cumulative >= p)
            {
                return grid[k];
            }
        }

        return grid[^1];
    }

    /// <summary>
    /// The quasi-Poisson fit of revenue = e^(a + b x) x (1 - e^(-posts/theta)), x the centred ln(reach per post), by
    /// Newton's method: on the revenue scale, so influencers without sales count and small ones are not biased by logs.
    /// Returns the deviance and the Pearson statistic.
    /// </summary>
    private static (double Deviance, double Pearson) Fit(IReadOnlyList<(double Posts, double X, double Revenue)> evidence, double theta)
    {
        double mean = 0, shape = 0;
        foreach (var (posts, _, revenue) in evidence)
        {
            mean += revenue;
            shape += ResponseCurve.Shape(posts, theta);
        }

        double a = Math.Log(Math.Max(mean, 1e-9) / shape), b = 0;
        for (var iteration = 0; iteration < 30; iteration++)
        {
            double g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
            foreach (var (posts, x, revenue) in evidence)
            {
                var mu = Math.Exp(a + b * x) * ResponseCurve.Shape(posts, theta);
                g0 += revenue - mu;
                g1 += (revenue - mu) * x;
                h00 += mu;
                h01 += mu * x;
                h11 += mu * x * x;
            }

            var det = h00 * h11 - h01 * h01;
            if (det <= 1e-12)
            {
                break;
            }

            var (da, db) = ((h11 * g0 - h01 * g1) / det, (h00 * g1 - h01 * g0) / det);
            a += Math.Clamp(da, -5, 5);
            b += Math.Clamp(db, -5, 5);
            if (Math.Abs(da) + Math.Abs(db) < 1e-10)
            {
                break;
            }
        }

        double deviance = 0, pearson = 0;
        foreach (var (posts, x, revenue) in evidence)
        {
            var mu = Math.Exp(a + b * x) * ResponseCurve.Shape(posts, theta);
            deviance += 2 * ((revenue > 0 ? revenue * Math.Log(revenue / mu) : 0) - (revenue - mu));
            pearson += (revenue - mu) * (revenue - mu) / mu;
        }

        return (deviance, pearson);
    }
}
