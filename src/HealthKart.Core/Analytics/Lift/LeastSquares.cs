namespace HealthKart.Core.Analytics.Lift;

/// <summary>
/// An ordinary least-squares fit: coefficients, the inverse of X'X (their covariance up to the residual variance), the
/// residual variance with its degrees of freedom, and the lag-1 autocorrelation of the residuals in row order.
/// </summary>
internal sealed class LeastSquares
{
    private LeastSquares(double[] coefficients, double[,] inverse, double residualVariance, int degreesOfFreedom,
        double autocorrelation, double sse, double[] residuals)
    {
        Residuals = residuals;
        Coefficients = coefficients;
        Inverse = inverse;
        ResidualVariance = residualVariance;
        DegreesOfFreedom = degreesOfFreedom;
        Autocorrelation = autocorrelation;
        SumOfSquares = sse;
    }

    public double[] Coefficients { get; }

    /// <summary>(X'X)^-1.</summary>
    public double[,] Inverse { get; }

    public double ResidualVariance { get; }

    public int DegreesOfFreedom { get; }

    public double Autocorrelation { get; }

    public double SumOfSquares { get; }

    public double[] Residuals { get; }

    /// <summary>
    /// The Newey-West (HAC) variance of c'b for the coefficients b: robust to residuals that change in size and are
    /// correlated over up to <paramref name="lags"/> rows (Bartlett weights), with the n / (n - k) small-sample factor.
    /// </summary>
    public double NeweyWestVariance(double[][] x, ReadOnlySpan<double> c, int lags)
    {
        var k = Coefficients.Length;
        var g = new double[k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                g[i] += c[j] * Inverse[j, i];
            }
        }

        var n = Residuals.Length;
        var score = new double[n];
        for (var t = 0; t < n; t++)
        {
            var a = 0.0;
            for (var i = 0; i < k; i++)
            {
                a += g[i] * x[t][i];
            }

            score[t] = a * Residuals[t];
        }

        var variance = 0.0;
        for (var t = 0; t < n; t++)
        {
            variance += score[t] * score[t];
        }

        for (var lag = 1; lag <= lags && lag < n; lag++)
        {
            var weight = 1 - lag / (lags + 1.0);
            var sum = 0.0;
            for (var t = lag; t < n; t++)
            {
                sum += score[t] * score[t - lag];
            }

            variance += 2 * weight * sum;
        }

        return Math.Max(variance, 0) * n / (n - k);
    }

    /// <summary>
    /// Serial correlation makes a sum of residual-like errors vary more than independent ones would: for an AR(1)
    /// series with lag-1 correlation r the variance of a long sum grows by (1 + r) / (1 - r). Never below 1.
    /// </summary>
    public double SerialInflation => Autocorrelation <= 0
        ? 1 : (1 + Math.Min(Autocorrelation, 0.9)) / (1 - Math.Min(Autocorrelation, 0.9));

    /// <summary>
    /// x' (X'X)^-1 x: how uncertain a prediction at design row (or summed rows) x is, in units of the residual
    /// variance.
    /// </summary>
    public double Leverage(ReadOnlySpan<double> x)
    {
        double total = 0;
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = 0; j < x.Length; j++)
            {
                total += x[i] * Inverse[i, j] * x[j];
            }
        }

        return total;
    }

    public double Predict(ReadOnlySpan<double> x)
    {
        double total = 0;
        for (var i = 0; i < x.Length; i++)
        {
            total += x[i] * Coefficients[i];
        }

        return total;
    }

    /// <summary>
    /// Fits y on the rows of <paramref name="x"/> (n x k); null when X'X is singular or there are no spare rows.
    /// </summary>
    public static LeastSquares? Fit(double[][] x, double[] y)
    {
        var n = y.Length;
        var k = x.Length == 0 ? 0 : x[0].Length;
        if (k == 0 || n <= k)
        {
            return null;
        }

        var xtx = new double[k, k];
        var xty = new double[k];
        for (var r = 0; r < n; r++)
        {
            var row = x[r];
            for (var i = 0; i < k; i++)
            {
                xty[i] += row[i] * y[r];
                for (var j = 0; j < k; j++)
                {
                    xtx[i, j] += row[i] * row[j];
                }
            }
        }

        if (Invert(xtx) is not { } inverse)
        {
            return null;
        }

        var beta = new double[k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                beta[i] += inverse[i, j] * xty[j];
            }
        }

        double sse = 0, lagged = 0, previous = double.NaN;
        var residuals = new double[n];
        for (var r = 0; r < n; r++)
        {
            var residual = y[r];
            for (var i = 0; i < k; i++)
            {
                residual -= x[r][i] * beta[i];
            }

            residuals[r] = residual;
            sse += residual * residual;
            lagged += double.IsNaN(previous) ? 0 : residual * previous;
            previous = residual;
        }

        return new LeastSquares(beta, inverse, sse / (n - k), n - k, sse > 0 ? lagged / sse : 0, sse, residuals);
    }

    /// <summary>Gauss-Jordan with partial pivoting on a copy; null when the matrix is (numerically) singular.</summary>
    private static double[,]? Invert(double[,] matrix)
    {
        var k = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var inverse = new double[k, k];
        var scale = 0.0;
        for (var i = 0; i < k; i++)
        {
            inverse[i, i] = 1;
            scale = Math.Max(scale, Math.Abs(a[i, i]));
        }

        for (var column = 0; column < k; column++)
        {
            var pivot = column;
            for (var r = column + 1; r < k; r++)
            {
                if (Math.Abs(a[r, column]) > Math.Abs(a[pivot, column]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(a[pivot, column]) <= 1e-10 * Math.Max(scale, 1))
            {
                return null;
            }

            Swap(a, pivot, column);
            Swap(inverse, pivot, column);
            var divisor = a[column, column];
            for (var j = 0; j < k; j++)
            {
                a[column, j] /= divisor;
                inverse[column, j] /= divisor;
            }

            for (var r = 0; r < k; r++)
            {
                if (r == column || a[r, column] == 0)
                {
                    continue;
                }

                var factor = a[r, column];
                for (var j = 0; j < k; j++)
                {
                    a[r, j] -= factor * a[column, j];
                    inverse[r, j] -= factor * inverse[column, j];
                }
            }
        }

        return inverse;
    }

    private static void Swap(double[,] m, int a, int b)
    {
        if (a == b)
        {
            return;
        }

        for (var j = 0; j < m.GetLength(1); j++)
        {
            (m[a, j], m[b, j]) = (m[b, j], m[a, j]);
        }
    }
}
