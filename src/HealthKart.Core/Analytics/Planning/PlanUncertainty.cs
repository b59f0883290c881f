using HealthKart.Core.Analytics.Lift;

namespace HealthKart.Core.Analytics.Planning;

/// <summary>
/// The plan's interval (docs/planner.md): the fixed proposed split is valued again under many draws of what the data
/// leaves uncertain (each product's lift ratio from its prepost interval, each influencer's pooled rate from what is
/// left uncertain about it, and the saturation from its fitted weights), and the gain's interval is the middle of those
/// values. Draws come from a fixed seed, so a plan is the same on every instance.
/// </summary>
internal sealed class PlanUncertainty
{
    private const int Seed = 4_3_2026;

    private readonly double[] _theta;
    private readonly double[][] _value;

    private PlanUncertainty(PlanGain gain, double[] theta, double[][] value)
    {
        Gain = gain;
        _theta = theta;
        _value = value;
    }

    public PlanGain Gain { get; }

    public static PlanUncertainty Draw(
        IReadOnlyList<InfluencerEvidence> evidence, IReadOnlyList<ResponseCurve> curves, long[] current, long[] proposed,
        SaturationFit saturation, LiftModel lift, int draws, PlanSettings settings, double level)
    {
        var random = new Random(Seed);
        var products = evidence.SelectMany(e => e.Mix).Select(m => m.Product).DefaultIfEmpty(-1).Max() + 1;
        var ratio = new double[products];
        var theta = new double[draws];
        var value = new double[draws][];
        var gains = new double[draws];
        var spendChange = (proposed.Sum() - current.Sum()) / 100.0;
        for (var d = 0; d < draws; d++)
        {
            theta[d] = saturation.Draw(random.NextDouble());
            for (var p = 0; p < products; p++)
            {
                ratio[p] = lift.Ratio(p) + Math.Sqrt(lift.RatioVariance(p)) * Normal(random);
            }

            value[d] = new double[evidence.Count];
            var gain = 0.0;
            for (var i = 0; i < evidence.Count; i++)
            {
                var e = evidence[i];
                var roas = Math.Max(0, e.Roas + Math.Sqrt(e.RoasVariance) * Normal(random));
                var v = value[d][i] = e.Lift(p => ratio[p]) * roas * e.Spend;
                var curve = curves[i] with { Saturation = theta[d], Value = v };
                gain += curve.At(proposed[i] / 100.0) - curve.At(current[i] / 100.0);
            }

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
        return new PlanUncertainty(new PlanGain(Money(point), Money(Math.Min(low, point)), Money(Math.Max(high, point)), level), theta, value);
    }

    /// <summary>The curve of influencer <paramref name="i"/> at 0 to 2x current spend, with its band over the draws.</summary>
    public IReadOnlyList<PlanCurvePoint> Band(int i, ResponseCurve curve)
    {
        const int Steps = 20;
        var points = new List<PlanCurvePoint>(Steps + 1);
        var values = new double[_theta.Length];
        for (var k = 0; k <= Steps; k++)
        {
            var spend = curve.Spend * 2 * k / Steps;
            for (var d = 0; d < _theta.Length; d++)
            {
                values[d] = (curve with { Saturation = _theta[d], Value = _value[d][i] }).At(spend);
            }

            Array.Sort(values);
            points.Add(new PlanCurvePoint(Money(spend), Money(curve.At(spend)), Money(Quantile(values, 0.025)), Money(Quantile(values, 0.975))));
        }

        return points;
    }

    private static double Quantile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Round(p * (sorted.Length - 1)), 0, sorted.Length - 1)];

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static decimal Money(double rupees) => Math.Round((decimal)rupees, 2, MidpointRounding.AwayFromZero);
}
