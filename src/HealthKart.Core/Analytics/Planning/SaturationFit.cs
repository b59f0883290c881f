namespace HealthKart.Core.Analytics.Planning;

/// <summary>
/// The pooled saturation theta of every response curve, learned from how attributed revenue grows with posting volume
/// across influencers (docs/planner.md): for each theta on a grid from 0.25 to 64 posts, expected revenue
/// <c>e^(a + b ln(reach per post) + c ln(product yield)) x (1 - e^(-posts/theta))</c> is fitted by quasi-Poisson
/// regression (product yield: what other creators' posts of the same products earned per post), and theta is
/// weighted by its quasi-likelihood, <c>e^(-(deviance - least deviance) / (2 x dispersion))</c> (flat in ln theta).
/// The weights are a distribution: its median is the plan's theta, draws from it carry its uncertainty into the
/// intervals. With too few influencers the weights stay flat: the data says nothing about saturation, and the intervals
/// show it.
/// </summary>
public sealed record SaturationFit(double[] Grid, double[] Weights, double Median, double Low, double High,
    int Evidence, bool Estimated)
{
    private const int GridPoints = 41;

    /// <param name="evidence">Per influencer with posts: posts, the
    /// covariates of their reach, attributed revenue (rupees).</param>
    public static SaturationFit Estimate(IReadOnlyList<SaturationEvidence> evidence, int minEvidence, double level)
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
            var centred = Centred(evidence);
            var start = new double[centred[0].Length + 1];
            var fits = grid.Select(theta => Fit(centred, evidence, theta, start)).ToArray();
            var best = Array.FindIndex(fits, f => f.Deviance == fits.Min(g => g.Deviance));
            var dispersion =
                Math.Max(Math.Max(fits[best].Pearson, fits[best].Deviance) / Math.Max(evidence.Count - 3, 1), 1e-9);
            for (var k = 0; k < GridPoints; k++)
            {
                var degrees = Math.Max(evidence.Count - 3, 1);
                logWeights[k] =
                    -degrees / 2.0 * Math.Log(1 + (fits[k].Deviance - fits[best].Deviance) / (degrees * dispersion));
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
        return new SaturationFit(grid, weights, Quantile(grid, weights, 0.5), Quantile(grid, weights, tail),
            Quantile(grid, weights, 1 - tail), evidence.Count, estimated);
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

    /// <summary>The covariates, centred, for a well-conditioned fit.</summary>
    private static double[][] Centred(IReadOnlyList<SaturationEvidence> evidence)
    {
        var columns = evidence[0].Covariates.Length;
        var means = Enumerable.Range(0, columns).Select(c => evidence.Average(e => e.Covariates[c])).ToArray();
        return [.. evidence.Select(e => e.Covariates.Select((x, c) => x - means[c]).ToArray())];
    }

    /// <summary>
    /// The quasi-Poisson fit of revenue = e^(a + b . x) x (1 - e^(-posts/theta)) by Newton's method: on the revenue
    /// scale, so influencers without sales count and small ones are not biased by logs. Returns the deviance and the
    /// Pearson statistic.
    /// </summary>
    /// <param name="beta">The starting coefficients (the neighbouring theta's fit), left at this fit's.</param>
    private static (double Deviance, double Pearson) Fit(double[][] x, IReadOnlyList<SaturationEvidence> evidence,
        double theta, double[] beta)
    {
        var k = beta.Length;
        double mean = 0, shape = 0;
        for (var i = 0; i < evidence.Count; i++)
        {
            mean += evidence[i].Revenue;
            shape += ResponseCurve.Shape(evidence[i].Posts, theta);
        }

        if (beta.All(b => b == 0))
        {
            beta[0] = Math.Log(Math.Max(mean, 1e-9) / shape);
        }
        double Mu(int i)
        {
            var eta = beta[0];
            for (var c = 1; c < k; c++)
            {
                eta += beta[c] * x[i][c - 1];
            }

            return Math.Exp(Math.Min(eta, 700)) * ResponseCurve.Shape(evidence[i].Posts, theta);
        }

        for (var iteration = 0; iteration < 30; iteration++)
        {
            var gradient = new double[k];
            var hessian = new double[k, k];
            for (var i = 0; i < evidence.Count; i++)
            {
                var mu = Mu(i);
                for (var r = 0; r < k; r++)
                {
                    var xr = r == 0 ? 1 : x[i][r - 1];
                    gradient[r] += (evidence[i].Revenue - mu) * xr;
                    for (var c = 0; c < k; c++)
                    {
                        hessian[r, c] += mu * xr * (c == 0 ? 1 : x[i][c - 1]);
                    }
                }
            }

            if (Solve(hessian, gradient) is not { } step)
            {
                break;
            }

            var size = 0.0;
            for (var r = 0; r < k; r++)
            {
                beta[r] += Math.Clamp(step[r], -5, 5);
                size += Math.Abs(step[r]);
            }

            if (size < 1e-8)
            {
                break;
            }
        }

        double deviance = 0, pearson = 0;
        for (var i = 0; i < evidence.Count; i++)
        {
            var (revenue, mu) = (evidence[i].Revenue, Mu(i));
            deviance += 2 * ((revenue > 0 ? revenue * Math.Log(revenue / mu) : 0) - (revenue - mu));
            pearson += (revenue - mu) * (revenue - mu) / mu;
        }

        return (deviance, pearson);
    }

    /// <summary>Gaussian elimination with partial pivoting; null when the system is singular.</summary>
    private static double[]? Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var v = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                pivot = Math.Abs(m[row, col]) > Math.Abs(m[pivot, col]) ? row : pivot;
            }

            if (Math.Abs(m[pivot, col]) < 1e-12)
            {
                return null;
            }

            for (var c = 0; c < n; c++)
            {
                (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
            }

            (v[col], v[pivot]) = (v[pivot], v[col]);
            for (var row = col + 1; row < n; row++)
            {
                var factor = m[row, col] / m[col, col];
                for (var c = col; c < n; c++)
                {
                    m[row, c] -= factor * m[col, c];
                }

                v[row] -= factor * v[col];
            }
        }

        var solution = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = v[row];
            for (var c = row + 1; c < n; c++)
            {
                sum -= m[row, c] * solution[c];
            }

            solution[row] = sum / m[row, row];
        }

        return solution;
    }
}

/// <summary>
/// One influencer's evidence about saturation: their posts in the period, their attributed revenue, and covariates
/// for what else makes one creator's posts sell more than another's (ln reach per post, and ln of what their products'
/// posts by other creators earned per post).
/// </summary>
public sealed record SaturationEvidence(double Posts, double[] Covariates, double Revenue);
