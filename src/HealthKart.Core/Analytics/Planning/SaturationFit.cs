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
            var revenue = evidence.Select(e => e.Revenue).ToArray();
            var posts = evidence.Select(e => e.Posts).ToArray();
            var shapes = new double[evidence.Count];
            var fits = grid.Select(theta => Fit(design, revenue, posts, theta, start, shapes)).ToArray();
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
    /// <param name="revenue">Each influencer's attributed revenue.</param>
    /// <param name="posts">Each influencer's posts.</param>
    /// <param name="beta">The starting coefficients (the neighbouring theta's fit), left at this fit's.</param>
    /// <param name="shapes">Room for each influencer's saturating part at this theta (every fit reuses it).</param>
    private static (double Deviance, double Pearson) Fit(double[] x, double[] revenue, double[] posts, double theta,
        double[] beta, double[] shapes)
    {
        var (k, n) = (beta.Length, revenue.Length);
        double mean = 0, shape = 0;
        for (var i = 0; i < n; i++)
        {
            mean += revenue[i];
            shape += shapes[i] = ResponseCurve.Shape(posts[i], theta);
        }

        if (beta.All(b => b == 0))
        {
            beta[0] = Math.Log(Math.Max(mean, 1e-9) / shape);
        }

        var gradient = new double[k];
        var hessian = new double[k * k];
        var lower = new double[k * k];
        var step = new double[k];
        for (var iteration = 0; iteration < 30; iteration++)
        {
            Array.Clear(gradient);
            Array.Clear(lower);
            for (var i = 0; i < n; i++)
            {
                var row = new ReadOnlySpan<double>(x, i * k, k);
                var mu = Mu(row, beta, shapes[i]);
                var residual = revenue[i] - mu;
                for (var r = 0; r < row.Length; r++)
                {
                    gradient[r] += residual * row[r];
                    var weighted = mu * row[r];
                    var sums = new Span<double>(lower, r * k, r + 1);
                    for (var c = 0; c < sums.Length; c++)
                    {
                        sums[c] += weighted * row[c];
                    }
                }
            }

            for (var r = 0; r < k; r++)
            {
                for (var c = 0; c <= r; c++)
                {
                    hessian[r * k + c] = hessian[c * k + r] = lower[r * k + c];
                }
            }

            if (!Solve(hessian, gradient, step))
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
            var mu = Mu(new ReadOnlySpan<double>(x, i * k, k), beta, shapes[i]);
            deviance += 2 * ((revenue[i] > 0 ? revenue[i] * Math.Log(revenue[i] / mu) : 0) - (revenue[i] - mu));
            pearson += (revenue[i] - mu) * (revenue[i] - mu) / mu;
        }

        return (deviance, pearson);
    }

    /// <summary>Expected revenue of a design row under the coefficients.</summary>
    private static double Mu(ReadOnlySpan<double> row, ReadOnlySpan<double> beta, double shape)
    {
        var eta = 0.0;
        for (var c = 0; c < row.Length; c++)
        {
            eta += beta[c] * row[c];
        }

        return Math.Exp(Math.Min(eta, 700)) * shape;
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
/// for what else makes one creator's posts sell more than another's (ln reach per post, and ln of what their products'
/// posts by other creators earned per post).
/// </summary>
public sealed record SaturationEvidence(double Posts, double[] Covariates, double Revenue);
