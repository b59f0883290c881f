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

        // Theta takes only the grid's values. Given a grid point, the gain's mean and variance are a linear and a
        // quadratic form in the drawn lift ratios (an influencer's lift is their mix's weighted sum of the ratios), so
        // their coefficients are summed over the influencers once per grid point drawn (GainForm), and a draw then
        // costs products^2 operations rather than a pass over every influencer.
        // The draws first (the forms take no random numbers, so the sequence is as if drawn one by one), then the forms
        // of the grid points drawn, each on any free core, then the gains.
        var grid = saturation.Grid;
        var points = new int[draws];
        var noise = new double[draws];
        for (var d = 0; d < draws; d++)
        {
            points[d] = Array.IndexOf(grid, saturation.Draw(random.NextDouble()));
            theta[d] = grid[points[d]];
            var ratio = ratios[d] = new double[products];
            for (var p = 0; p < products; p++)
            {
                ratio[p] = lift.Ratio(p) + Math.Sqrt(lift.RatioVariance(p)) * Normal(random);
            }

            noise[d] = Normal(random);
        }

        var forms = new GainForm?[grid.Length];
        var mixes = new MixTable(evidence);
        Parallel.ForEach(points.Distinct(), k =>
            forms[k] = GainForm.Of(evidence, mixes, curves, current, proposed, grid[k], products));
        for (var d = 0; d < draws; d++)
        {
            var (mean, variance) = forms[points[d]]!.At(ratios[d]);
            var gain = mean + Math.Sqrt(Math.Max(variance, 0)) * noise[d];
            gains[d] = settings.Scenario == PlanScenario.TargetRoas ? gain - settings.Target * spendChange : gain;
        }

        var point = 0.0;
        for (var i = 0; i < curves.Count; i++)
        {
            point += curves[i].At(proposed[i] / 100.0) - curves[i].At(current[i] / 100.0);
        }

        point = settings.Scenario == PlanScenario.TargetRoas ? point - settings.Target * spendChange : point;
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

            points.Add(new PlanCurvePoint(Money(spend), Money(curve.At(spend)), Money(Quantile(values, 0.025)),
                Money(Quantile(values, 0.975))));
        }

        return points;
    }

    /// <summary>The value at rank round(p x (n - 1)) of the values (reordered, not sorted: a selection).</summary>
    private static double Quantile(double[] values, double p) => values.Length == 0
        ? 0
        : OrderStatistics.Select(values, Math.Clamp((int)Math.Round(p * (values.Length - 1)), 0, values.Length - 1));

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static decimal Money(double rupees) => Math.Round((decimal)rupees, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Every influencer's product mix in three flat arrays (influencer i's run is Start[i] to Start[i + 1]).
/// </summary>
internal sealed class MixTable
{
    public MixTable(IReadOnlyList<InfluencerEvidence> evidence)
    {
        Start = new int[evidence.Count + 1];
        for (var i = 0; i < evidence.Count; i++)
        {
            Start[i + 1] = Start[i] + evidence[i].Mix.Count;
        }

        (Product, Weight) = (new int[Start[^1]], new double[Start[^1]]);
        for (var i = 0; i < evidence.Count; i++)
        {
            for (var m = 0; m < evidence[i].Mix.Count; m++)
            {
                (Product[Start[i] + m], Weight[Start[i] + m]) = evidence[i].Mix[m];
            }
        }
    }

    public int[] Start { get; }
    public int[] Product { get; }
    public double[] Weight { get; }
}

/// <summary>
/// The gain of the plan's change at one saturation, as forms in the lift ratios r: its mean is
/// <c>sum_p r_p Mean_p</c>, and the uncertainty of the influencers' pooled rates adds the variance
/// <c>sum_pq r_p r_q Variance_pq</c>; an influencer with mix weights w, spend S, curve change per rupee of level c,
/// pooled rate R and its variance V adds <c>w_p S c R</c> to the first and <c>w_p w_q (S c)^2 V</c> to the second.
/// </summary>
internal sealed class GainForm(double[] mean, double[] variance)
{
    public static GainForm Of(IReadOnlyList<InfluencerEvidence> evidence, MixTable mixes,
        IReadOnlyList<ResponseCurve> curves, long[] current, long[] proposed, double saturation, int products)
    {
        var mean = new double[products];
        var variance = new double[products * products];
        for (var i = 0; i < evidence.Count; i++)
        {
            var e = evidence[i];
            // The curve's change per rupee of level, At(proposed) - At(current) of a curve of level 1, with its
            // denominator's exponential taken once.
            var curve = curves[i];
            var atActual = ResponseCurve.Shape(curve.Posts, saturation);
            var change = ResponseCurve.Shape(proposed[i] / 100.0 / curve.Spend * curve.Posts, saturation) / atActual
                - ResponseCurve.Shape(current[i] / 100.0 / curve.Spend * curve.Posts, saturation) / atActual;
            var scale = e.Spend * change;
            var spread = scale * scale * e.RoasVariance;
            for (var m = mixes.Start[i]; m < mixes.Start[i + 1]; m++)
            {
                var (p, wp) = (mixes.Product[m], mixes.Weight[m]);
                mean[p] += wp * scale * e.Roas;
                for (var n = mixes.Start[i]; n < mixes.Start[i + 1]; n++)
                {
                    variance[p * products + mixes.Product[n]] += wp * mixes.Weight[n] * spread;
                }
            }
        }

        return new GainForm(mean, variance);
    }

    public (double Mean, double Variance) At(double[] ratio)
    {
        double m = 0, v = 0;
        for (var p = 0; p < mean.Length; p++)
        {
            m += ratio[p] * mean[p];
            var row = 0.0;
            for (var q = 0; q < mean.Length; q++)
            {
                row += variance[p * mean.Length + q] * ratio[q];
            }

            v += ratio[p] * row;
        }

        return (m, v);
    }
}
