namespace HealthKart.Core.Analytics.Lift;

/// <summary>
/// The prepost estimates of one snapshot (computed once, like every other view of it), and the rule that shares them:
/// a product's incremental revenue is credited to the influencer sales of that product on its active days, in
/// proportion to their attributed revenue. So any selection (an influencer, a campaign, a platform, a week) gets the
/// lift of the attributed sales it holds, and the figures add up to the product-level estimates. Attributed sales on a
/// quiet day (no post of the product in the window) get no credit: no post can have caused them.
/// </summary>
public sealed class LiftModel
{
    private readonly PrePostOptions _options;
    private readonly ProductDays _series;
    private readonly bool[] _active;
    private readonly ProductLift?[] _byProduct;
    private bool _anyMeasured;

    /// <summary>Incremental rupees per attributed rupee on active days, per product (0 when not measured).</summary>
    private readonly double[] _ratio;

    /// <summary>The product estimate's variance over its attributed revenue on active days, squared.</summary>
    private readonly double[] _relativeVariance;

    private LiftModel(PrePostOptions options, ProductDays series)
    {
        _options = options;
        _series = series;
        _active = new bool[series.Total.Length];
        _byProduct = new ProductLift?[series.Products];
        _ratio = new double[series.Products];
        _relativeVariance = new double[series.Products];
    }

    public PrePostOptions Options => _options;

    /// <summary>Every product with sales or posts, best-selling first.</summary>
    public IReadOnlyList<ProductLift> Products { get; private set; } = [];

    public static LiftModel Of(Snapshot snapshot) => snapshot.Memo("lift-model", () => Build(snapshot));

    private static LiftModel Build(Snapshot snapshot)
    {
        var series = ProductDays.From(snapshot);
        var model = new LiftModel(snapshot.Options.PrePost, series);
        var control = Controls(series);
        var revenue = new double[series.Products];
        for (var p = 0; p < series.Products; p++)
        {
            revenue[p] = Sum(series.Of(series.Total, p));
            if (revenue[p] != 0 || series.Posted(p))
            {
                var active = new bool[series.Days];
                model._byProduct[p] = ProductLiftEstimator.Estimate(snapshot.Products[p], series, p, control,
                    model._options, active);
                active.CopyTo(model._active, p * series.Days);
            }
        }

        model.Share(snapshot.Sales);
        model.Products = model._byProduct.Select((lift, p) => (lift, p)).Where(x => x.lift is not null)
            .OrderByDescending(x => revenue[x.p]).Select(x => x.lift!).ToList();
        return model;
    }

    /// <summary>
    /// Daily revenue of the products no post promoted, when there are any: shocks they share with the rest show there.
    /// </summary>
    private static double[]? Controls(ProductDays series)
    {
        double[]? control = null;
        for (var p = 0; p < series.Products; p++)
        {
            if (!series.Posted(p) && series.HasOrganicBaseline(p))
            {
                control ??= new double[series.Days];
                var total = series.Of(series.Total, p);
                for (var d = 0; d < series.Days; d++)
                {
                    control[d] += total[d];
                }
            }
        }

        return control;
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        var total = 0.0;
        foreach (var value in values)
        {
            total += value;
        }

        return total;
    }

    private void Share(SalesColumns sales)
    {
        var attributed = new double[_series.Products];
        for (var i = 0; i < sales.Count; i++)
        {
            var cell = _series.Cell(sales.Product[i], sales.Day[i] - _series.FirstDay);
            attributed[sales.Product[i]] += _active[cell] ? sales.Revenue[i] / 100.0 : 0;
        }

        _anyMeasured = Enumerable.Range(0, _series.Products).Any(Measured);
        for (var p = 0; p < _series.Products; p++)
        {
            if (_byProduct[p] is { IncrementalRevenue: { } incremental, Verdict: not Verdicts.InsufficientData } lift
                && attributed[p] > 0)
            {
                _ratio[p] = (double)incremental / attributed[p];
                _relativeVariance[p] = lift.Variance / (attributed[p] * attributed[p]);
            }
        }
    }

    /// <summary>Whether the product's lift was measured (any verdict but insufficient data).</summary>
    public bool Measured(int product) => _byProduct[product] is { Verdict: not Verdicts.InsufficientData };

    /// <summary>Incremental rupees per attributed rupee on the product's active days (0 when not measured).</summary>
    public double Ratio(int product) => _ratio[product];

    /// <summary>The variance of <see cref="Ratio"/>, stated for the normal critical value.</summary>
    public double RatioVariance(int product) => _relativeVariance[product];

    /// <summary>Whether any product's lift was measured at all.</summary>
    public bool AnyMeasured => _anyMeasured;

    /// <summary>
    /// The attributed rupees of each group of the selection's sales that the sharing rule credits (sales on their
    /// product's active days), indexed <c>group * products + product</c>.
    /// </summary>
    public double[] Credit(Selection selection, int groups, GroupKey sales)
    {
        var products = _series.Products;
        var credit = new double[groups * products];
        var s = selection.Snapshot.Sales;
        foreach (var i in selection.Sales)
        {
            var g = sales.Of(i);
            if (g >= 0 && _active[_series.Cell(s.Product[i], s.Day[i] - _series.FirstDay)])
            {
                credit[g * products + s.Product[i]] += s.Revenue[i] / 100.0;
            }
        }

        return credit;
    }

    /// <summary>
    /// The incremental revenue of each group of the selection's attributed sales, with its interval and verdict.
    /// </summary>
    public IncrementalEstimate[] Estimate(Selection selection, int groups, GroupKey sales)
    {
        var products = _series.Products;
        var credit = Credit(selection, groups, sales);
        var critical = StudentT.NormalQuantile(1 - (1 - _options.Level) / 2);
        var estimates = new IncrementalEstimate[groups];
        for (var g = 0; g < groups; g++)
        {
            double incremental = 0, variance = 0, covered = 0, total = 0;
            for (var p = 0; p < products; p++)
            {
                var c = credit[g * products + p];
                total += c;
                if (c != 0 && Measured(p))
                {
                    covered += c;
                    incremental += c * _ratio[p];
                    variance += c * c * _relativeVariance[p];
                }
            }

            estimates[g] = !_anyMeasured || (total > 0 && covered < _options.MinCoverage * total)
                ? IncrementalEstimate.Insufficient
                : IncrementalEstimate.From(incremental, critical * Math.Sqrt(variance), _options.Level);
        }

        return estimates;
    }
}

/// <summary>
/// An incremental figure in paise with its interval and verdict; no figure at all when the data is insufficient.
/// </summary>
public readonly record struct IncrementalEstimate(long? Paise, IncrementalityInterval? Interval, string Verdict)
{
    public static readonly IncrementalEstimate Insufficient = new(null, null, Verdicts.InsufficientData);

    public static IncrementalEstimate From(double rupees, double halfWidth, double level)
    {
        var low = Math.Round((decimal)(rupees - halfWidth), 2, MidpointRounding.AwayFromZero);
        var high = Math.Round((decimal)(rupees + halfWidth), 2, MidpointRounding.AwayFromZero);
        return new((long)Math.Round(rupees * 100, MidpointRounding.AwayFromZero),
            new IncrementalityInterval(low, high, level), Verdicts.Of(low));
    }
}
