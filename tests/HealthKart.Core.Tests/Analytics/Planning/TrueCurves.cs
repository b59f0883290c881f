using HealthKart.Simulation;

namespace HealthKart.Core.Tests.Analytics.Planning;

/// <summary>
/// The simulator's true response curves (ground_truth.json's <c>responseCurves</c>), read by linear interpolation as
/// the issue prescribes, and the best split they allow under given bounds: an independent answer to compare plans with.
/// </summary>
internal sealed class TrueCurves(IReadOnlyDictionary<string, decimal[][]> curves)
{
    public double At(string influencerId, double spend)
    {
        var points = curves[influencerId];
        for (var k = 1; k < points.Length; k++)
        {
            var (x0, y0, x1, y1) = ((double)points[k - 1][0], (double)points[k - 1][1], (double)points[k][0], (double)points[k][1]);
            if (spend <= x1 || k == points.Length - 1)
            {
                return x1 == x0 ? y1 : y0 + (y1 - y0) * (spend - x0) / (x1 - x0);
            }
        }

        return 0;
    }

    /// <summary>The true gain of moving from <paramref name="current"/> to <paramref name="proposed"/> spend.</summary>
    public double Gain(IEnumerable<(string Id, double Current, double Proposed)> moves) =>
        moves.Sum(m => At(m.Id, m.Proposed) - At(m.Id, m.Current));

    /// <summary>
    /// The best true gain under the same bounds and budget: the curves are piecewise linear and concave, so starting
    /// everyone at their lower bound and buying the steepest remaining segments first is optimal.
    /// </summary>
    public double OptimumGain(IReadOnlyList<(string Id, double Current, double Low, double High)> bounds, double budget)
    {
        var segments = new List<(double Slope, double Width)>();
        var spent = 0.0;
        foreach (var (id, _, low, high) in bounds)
        {
            spent += low;
            var points = curves[id];
            for (var k = 1; k < points.Length; k++)
            {
                var (x0, x1) = (Math.Max((double)points[k - 1][0], low), Math.Min((double)points[k][0], high));
                if (x1 > x0)
                {
                    segments.Add(((At(id, x1) - At(id, x0)) / (x1 - x0), x1 - x0));
                }
            }
        }

        var value = bounds.Sum(b => At(b.Id, b.Low));
        var left = budget - spent;
        foreach (var (slope, width) in segments.OrderByDescending(s => s.Slope))
        {
            var take = Math.Min(width, left);
            value += slope * take;
            left -= take;
            if (left <= 0)
            {
                break;
            }
        }

        return value - bounds.Sum(b => At(b.Id, b.Current));
    }

    public static TrueCurves Of(GroundTruth truth) => new(truth.ResponseCurves);
}
