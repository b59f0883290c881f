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
            var design = new Design(evidence);
            var start = new double[Design.Columns];
            var fits = grid.Select(theta => design.Fit(theta, start)).ToArray();
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
    /// The regression's data: each influencer's revenue and posts, and their two covariates centred for a
    /// well-conditioned fit (the design's columns are 1 for the intercept, then these two).
    /// </summary>
    private sealed class Design
    {
        public const int Columns = 3;

        private readonly double[] _revenue;
        private readonly double[] _posts;
        private readonly double[] _reach;
        private readonly double[] _yield;
        private readonly double[] _shapes;

        public Design(IReadOnlyList<SaturationEvidence> evidence)
        {
            _revenue = [.. evidence.Select(e => e.Revenue)];
            _posts = [.. evidence.Select(e => e.Posts)];
            var reach = evidence.Average(e => e.LnReachPerPost);
            var yield = evidence.Average(e => e.LnProductYield);
            _reach = [.. evidence.Select(e => e.LnReachPerPost - reach)];
            _yield = [.. evidence.Select(e => e.LnProductYield - yield)];
            _shapes = new double[evidence.Count];
        }

        /// <summary>
        /// The quasi-Poisson fit of revenue = e^(a + b . x) x (1 - e^(-posts/theta)) by Newton's method: on the
        /// revenue scale, so influencers without sales count and small ones are not biased by logs. Returns the
        /// deviance and the Pearson statistic.
        /// </summary>
        /// <param name="beta">The starting coefficients (the neighbouring theta's fit), left at this fit's.</param>
        public (double Deviance, double Pearson) Fit(double theta, double[] beta)
        {
            var (revenue, shapes, n) = (_revenue, _shapes, _revenue.Length);
            double mean = 0, shape = 0;
            for (var i = 0; i < n; i++)
            {
                mean += revenue[i];
                shape += shapes[i] = ResponseCurve.Shape(_posts[i], theta);
            }

            if (beta.All(b => b == 0))
            {
                beta[0] = Math.Log(Math.Max(mean, 1e-9) / shape);
            }

            // The gradient and the lower triangle of the Hessian, in the design's three columns: the intercept's
            // column is 1, so its products are the sums themselves.
            var hessian = new double[Columns * Columns];
            var gradient = new double[Columns];
            var step = new double[Columns];
            for (var iteration = 0; iteration < 30; iteration++)
            {
                double g0 = 0, g1 = 0, g2 = 0, h00 = 0, h10 = 0, h11 = 0, h20 = 0, h21 = 0, h22 = 0;
                for (var i = 0; i < n; i++)
                {
                    var (x1, x2) = (_reach[i], _yield[i]);
                    var mu = Mu(beta, x1, x2, shapes[i]);
                    var residual = revenue[i] - mu;
                    g0 += residual;
                    g1 += residual * x1;
                    g2 += residual * x2;
                    var (w1, w2) = (mu * x1, mu * x2);
                    h00 += mu;
                    h10 += w1;
                    h11 += w1 * x1;
                    h20 += w2;
                    h21 += w2 * x1;
                    h22 += w2 * x2;
                }

                (hessian[0], hessian[1], hessian[2]) = (h00, h10, h20);
                (hessian[3], hessian[4], hessian[5]) = (h10, h11, h21);
                (hessian[6], hessian[7], hessian[8]) = (h20, h21, h22);
                (gradient[0], gradient[1], gradient[2]) = (g0, g1, g2);
                if (!Solve(hessian, gradient, step))
                {
                    break;
                }

                var size = 0.0;
                for (var r = 0; r < Columns; r++)
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
                var mu = Mu(beta, _reach[i], _yield[i], shapes[i]);
                deviance += 2 * ((revenue[i] > 0 ? revenue[i] * Math.Log(revenue[i] / mu) : 0) - (revenue[i] - mu));
                pearson += (revenue[i] - mu) * (revenue[i] - mu) / mu;
            }

            return (deviance, pearson);
        }

        /// <summary>Expected revenue of an influencer with these centred covariates, under the coefficients.</summary>
        private static double Mu(double[] beta, double x1, double x2, double shape) =>
            Math.Exp(Math.Min(beta[0] + beta[1] * x1 + beta[2] * x2, 700)) * shape;
    }

    /// <summary>
    /// Gaussian elimination with partial pivoting of the <c>n x n</c> system <paramref name="a"/> (row-major) and
    /// <paramref name="b"/>, both overwritten; false when the system is singular.
    /// </summary>
    private static bool Solve(double[] a, double[] b, double[] solution)
    {
        var n = b.Length;
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                pivot = Math.Abs(a[row * n + col]) > Math.Abs(a[pivot * n + col]) ? row : pivot;
            }

            if (Math.Abs(a[pivot * n + col]) < 1e-12)
            {
                return false;
            }

            for (var c = 0; c < n; c++)
            {
                (a[col * n + c], a[pivot * n + c]) = (a[pivot * n + c], a[col * n + c]);
            }

            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (var row = col + 1; row < n; row++)
            {
                var factor = a[row * n + col] / a[col * n + col];
                for (var c = col; c < n; c++)
                {
                    a[row * n + c] -= factor * a[col * n + c];
                }

                b[row] -= factor * b[col];
            }
        }

        for (var row = n - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var c = row + 1; c < n; c++)
            {
                sum -= a[row * n + c] * solution[c];
            }

            solution[row] = sum / a[row * n + row];
        }

        return true;
    }
}

/// <summary>
/// One influencer's evidence about saturation: their posts in the period, their attributed revenue, and covariates
/// for what else makes one creator's posts sell more than another's: ln reach per post, and ln of what their products'
/// posts by other creators earned per post (the product yield).
/// </summary>
public sealed record SaturationEvidence(double Posts, double LnReachPerPost, double LnProductYield, double Revenue);
