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
            var design = Design(evidence);
            var start = new double[evidence[0].Covariates.Length + 1];
            var fits = grid.Select(theta => Fit(design, evidence, theta, start)).ToArray();
            var least = fits.Min(f => f.Deviance);
            var best = Array.FindIndex(fits, f => f.Deviance == least);
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

    /// <summary>
    /// The design matrix, one row of <c>k</c> values per influencer: 1 for the intercept, then the covariates, centred
    /// for a well-conditioned fit.
    /// </summary>
    private static double[] Design(IReadOnlyList<SaturationEvidence> evidence)
    {
        var k = evidence[0].Covariates.Length + 1;
        var means = Enumerable.Range(0, k - 1).Select(c => evidence.Average(e => e.Covariates[c])).ToArray();
        var x = new double[evidence.Count * k];
        for (var i = 0; i < evidence.Count; i++)
        {
            x[i * k] = 1;
            for (var c = 1; c < k; c++)
            {
                x[i * k + c] = evidence[i].Covariates[c - 1] - means[c - 1];
            }
        }

        return x;
    }

    /// <summary>
    /// The quasi-Poisson fit of revenue = e^(a + b . x) x (1 - e^(-posts/theta)) by Newton's method: on the revenue
    /// scale, so influencers without sales count and small ones are not biased by logs. Returns the deviance and the
    /// Pearson statistic.
    /// </summary>
    /// <param name="x">The design matrix (<see cref="Design"/>), <c>beta.Length</c> values a row.</param>
    /// <param name="beta">The starting coefficients (the neighbouring theta's fit), left at this fit's.</param>
    private static (double Deviance, double Pearson) Fit(double[] x, IReadOnlyList<SaturationEvidence> evidence,
        double theta, double[] beta)
    {
        var (k, n) = (beta.Length, evidence.Count);
        var shapes = new double[n];
        var revenue = new double[n];
        double mean = 0, shape = 0;
        for (var i = 0; i < n; i++)
        {
            mean += revenue[i] = evidence[i].Revenue;
            shape += shapes[i] = ResponseCurve.Shape(evidence[i].Posts, theta);
        }

        if (beta.All(b => b == 0))
        {
            beta[0] = Math.Log(Math.Max(mean, 1e-9) / shape);
        }

        var gradient = new double[k];
        var hessian = new double[k, k];
        var lower = new double[k * k];
        for (var iteration = 0; iteration < 30; iteration++)
        {
            Array.Clear(gradient);
            Array.Clear(lower);
            for (var i = 0; i < n; i++)
            {
                var row = i * k;
                var mu = Mu(x, row, beta, shapes[i]);
                for (var r = 0; r < k; r++)
                {
                    gradient[r] += (revenue[i] - mu) * x[row + r];
                    var weighted = mu * x[row + r];
                    for (var c = 0; c <= r; c++)
                    {
                        lower[r * k + c] += weighted * x[row + c];
                    }
                }
            }

            for (var r = 0; r < k; r++)
            {
                for (var c = 0; c <= r; c++)
                {
                    hessian[r, c] = hessian[c, r] = lower[r * k + c];
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
        for (var i = 0; i < n; i++)
        {
            var mu = Mu(x, i * k, beta, shapes[i]);
            deviance += 2 * ((revenue[i] > 0 ? revenue[i] * Math.Log(revenue[i] / mu) : 0) - (revenue[i] - mu));
            pearson += (revenue[i] - mu) * (revenue[i] - mu) / mu;
        }

        return (deviance, pearson);
    }

    /// <summary>Expected revenue of the design row at <paramref name="row"/> under the coefficients.</summary>
    private static double Mu(double[] x, int row, double[] beta, double shape)
    {
        var eta = 0.0;
        for (var c = 0; c < beta.Length; c++)
        {
            eta += beta[c] * x[row + c];
        }

        return Math.Exp(Math.Min(eta, 700)) * shape;
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
