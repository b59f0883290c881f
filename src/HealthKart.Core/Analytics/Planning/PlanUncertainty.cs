using HealthKart.Core.Analytics.Lift;

namespace HealthKart.Core.Analytics.Planning;

/// <summary>
/// The plan's interval (docs/planner.md): the fixed proposed split is valued again under many draws of what the data
/// leaves uncertain (each product's lift ratio from its prepost interval, each influencer's pooled rate from what is
/// left uncertain about it, and the saturation from its fitted weights), and the gain's interval is the middle of those
/// values. Given a draw of the lift ratios and the saturation, the influencers' own uncertainties are independent, so
/// their sum is drawn at once from its normal distribution rather than one by one. Draws come from a fixed seed, so a
/// plan is the same on every instance.
/// </summary>
internal sealed class PlanUncertainty
{
    private const int Seed = 4_3_2026;

    private readonly IReadOnlyList<InfluencerEvidence> _evidence;
    private readonly double[] _theta;
    private readonly double[][] _ratios;

    private PlanUncertainty(PlanGain gain, IReadOnlyList<InfluencerEvidence> evidence, double[] theta,
        double[][] ratios)
    {
        Gain = gain;
        _evidence = evidence;
        _theta = theta;
        _ratios = ratios;
    }

    public PlanGain Gain { get; }

    public static PlanUncertainty Draw(
        IReadOnlyList<InfluencerEvidence> evidence, IReadOnlyList<ResponseCurve> curves, long[] current,
        long[] proposed, SaturationFit saturation, LiftModel lift, int draws, PlanSettings settings, double level)
    {
        var random = new Random(Seed);
        var products = evidence.SelectMany(e => e.Mix).Select(m => m.Product).DefaultIfEmpty(-1).Max() + 1;
        var theta = new double[draws];
        var ratios = new double[draws][];
        var gains = new double[draws];
        var spendChange = (proposed.Sum() - current.Sum()) / 100.0;

        // Theta takes only the grid's values, so each influencer's change
        // per rupee of curve level is computed once per grid point.
        var grid = saturation.Grid;
        var change = new double[grid.Length][];
        for (var k = 0; k < grid.Length; k++)
        {
            change[k] = new double[evidence.Count];
            for (var i = 0; i < evidence.Count; i++)
            {
                var curve = curves[i] with { Saturation = grid[k], Value = 1 };
                change[k][i] = curve.At(proposed[i] / 100.0) - curve.At(current[i] / 100.0);
            }
        }

        for (var d = 0; d < draws; d++)
        {
            var k = Array.IndexOf(grid, saturation.Draw(random.NextDouble()));
            theta[d] = grid[k];
            var ratio = ratios[d] = new double[products];
            for (var p = 0; p < products; p++)
            {
                ratio[p] = lift.Ratio(p) + Math.Sqrt(lift.RatioVariance(p)) * Normal(random);
            }

            double mean = 0, variance = 0;
            for (var i = 0; i < evidence.Count; i++)
            {
                var e = evidence[i];
                var scale = e.Lift(ratio) * e.Spend * change[k][i];
                mean += scale * e.Roas;
                variance += scale * scale * e.RoasVariance;
            }

            var gain = mean + Math.Sqrt(variance) * Normal(random);
            gains[d] = settings.Scenario == PlanScenario.TargetRoas ? gain - settings.Target * spendChange : gain;
        }

        var point = 0.0;
        for (var i = 0; i < curves.Count; i++)
        {
            point += curves[i].At(proposed[i] / 100.0) - curves[i].At(current[i] / 100.0);
        }

        point = settings.Scenario == PlanScenario.TargetRoas ? point - settings.Target * spendChange : point;
        Array.Sort(gains);
        var (low, high) = (Quantile(gains, (1 - level) / 2), Quantile(gains, 1 - (1 - level) / 2));
        return new PlanUncertainty(new PlanGain(Money(point), Money(Math.Min(low, point)), Money(Math.Max(high, point)),
            level), evidence, theta, ratios);
    }

    /// <summary>
    /// The curve of influencer <paramref name="i"/> at 0 to 2x current spend, with its band over the draws.
    /// </summary>
    public IReadOnlyList<PlanCurvePoint> Band(int i, ResponseCurve curve)
    {
        const int Steps = 20;
        var e = _evidence[i];
        var random = new Random(Seed + i);
        var levels = new double[_theta.Length];
        for (var d = 0; d < levels.Length; d++)
        {
            levels[d] = e.Lift(_ratios[d]) * Math.Max(0, e.Roas + Math.Sqrt(e.RoasVariance) * Normal(random)) * e.Spend;
        }

        var points = new List<PlanCurvePoint>(Steps + 1);
        var values = new double[levels.Length];
        for (var step = 0; step <= Steps; step++)
        {
            var spend = curve.Spend * 2 * step / Steps;
            for (var d = 0; d < levels.Length; d++)
            {
                values[d] = (curve with { Saturation = _theta[d], Value = levels[d] }).At(spend);
            }

            Array.Sort(values);
            points.Add(new PlanCurvePoint(Money(spend), Money(curve.At(spend)), Money(Quantile(values, 0.025)),
                Money(Quantile(values, 0.975))));
        }

        return points;
    }

    private static double Quantile(double[] sorted, double p) => sorted.Length == 0
        ? 0 : sorted[Math.Clamp((int)Math.Round(p * (sorted.Length - 1)), 0, sorted.Length - 1)];

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static decimal Money(double rupees) => Math.Round((decimal)rupees, 2, MidpointRounding.AwayFromZero);
}
