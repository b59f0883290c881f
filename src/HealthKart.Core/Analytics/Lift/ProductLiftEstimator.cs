using System.Globalization;

namespace HealthKart.Core.Analytics.Lift;

/// <summary>
/// Estimates one product's incremental revenue from its total daily revenue (docs/incrementality.md). The
/// counterfactual baseline has a level, a linear trend, day-of-week effects and, when some products had no posts at
/// all, their revenue as a control for shocks common to the whole shop.
/// <list type="bullet">
/// <item>Sparse posting (enough quiet days): the baseline is fitted on the quiet days only and predicted for the active
/// days; incremental = the sum over active days of actual minus predicted.</item>
/// <item>Dense posting: daily revenue is regressed on the baseline terms plus the activity of the day and of each of
/// the window's earlier days (a distributed lag: the adstock's shape is measured, not assumed); incremental = what the
/// lag terms add up to.</item>
/// </list>
/// The interval comes from the residuals: the coefficients' uncertainty plus, for the quiet-day method, the day-to-day
/// noise of the active days' own counterfactual, widened when the residuals are serially correlated.
/// </summary>
internal static class ProductLiftEstimator
{
    public static ProductLift Estimate(string product, ProductDays series, int p, double[]? control,
        PrePostOptions options, bool[] active)
    {
        var days = series.Days;
        var y = series.Of(series.Total, p).ToArray();
        var activity = series.Of(series.Activity, p);
        var activeDays = MarkActive(activity, options.WindowDays, active);
        var quietDays = days - activeDays;
        ProductLift Result(string? verdict, string? method, string reason) =>
            new(product, verdict, method, reason, days, activeDays, quietDays, null, null, null, null);

        if (activeDays == 0)
        {
            var unpromoted = Result(null, null,
                "No post promoted it, so there is no lift to measure; its sales serve as a control.");
            return unpromoted with { IncrementalRevenue = 0 };
        }

        if (days < options.MinHistoryDays)
        {
            return Result(Verdicts.InsufficientData, null,
                Invariant($"Only {days} days of history; the baseline needs at least {options.MinHistoryDays}."));
        }

        if (!series.HasOrganicBaseline(p))
        {
            return Result(Verdicts.InsufficientData, null,
                Invariant($"Organic (non-influencer) sales on only {series.OrganicDays(p)} of {days} days: without ") +
                "them total revenue, and so a baseline, is unknown. Upload tracking data with its organic rows.");
        }

        var baseline = BaselineRows(series.FirstDay, days, control);
        var estimate = quietDays >= options.MinQuietDays
            ? QuietDayBaseline(y, baseline, active)
            : null;
        estimate ??= DistributedLagRegression(y, baseline, activity, options.WindowDays);
        if (estimate is not { } e || !double.IsFinite(e.Variance) || e.Variance < 0)
        {
            return Result(Verdicts.InsufficientData, null,
                "The baseline cannot be separated from the posting activity (too little variation).");
        }

        var half = StudentT.Critical(options.Level, e.DegreesOfFreedom) * Math.Sqrt(e.Variance);
        var low = Money(e.Incremental - half);
        var counterfactual = ActiveRevenue(y, active) - e.Incremental;
        var reason = e.Method == LiftMethods.QuietDays
            ? string.Create(CultureInfo.InvariantCulture,
                $"Baseline fitted on {quietDays} quiet days (no post in the previous {options.WindowDays} days), " +
                $"predicted for {activeDays} active days.")
            : string.Create(CultureInfo.InvariantCulture,
                $"{QuietDays(quietDays)}, so daily revenue was regressed on posting activity and its " +
                $"{options.WindowDays - 1} previous days over all {days} days.");
        return new ProductLift(product, Verdicts.Of(low), e.Method, reason, days, activeDays, quietDays,
            Money(e.Incremental), low, Money(e.Incremental + half), counterfactual > 0
                ? Math.Round(e.Incremental / counterfactual, 4) : null)
        {
            Variance = Math.Pow(half / StudentT.NormalQuantile(1 - (1 - options.Level) / 2), 2),
        };
    }

    private readonly record struct Fit(string Method, double Incremental, double Variance, int DegreesOfFreedom);

    private static Fit? QuietDayBaseline(double[] y, double[][] baseline, bool[] active)
    {
        var quiet = Enumerable.Range(0, y.Length).Where(d => !active[d]).ToArray();
        if (LeastSquares.Fit([.. quiet.Select(d => baseline[d])], [.. quiet.Select(d => y[d])]) is not { } fit)
        {
            return null;
        }

        var summed = new double[baseline[0].Length];
        var activeDays = 0;
        for (var d = 0; d < y.Length; d++)
        {
            if (active[d])
            {
                activeDays++;
                for (var j = 0; j < summed.Length; j++)
                {
                    summed[j] += baseline[d][j];
                }
            }
        }

        var incremental = ActiveRevenue(y, active) - fit.Predict(summed);
        var variance = fit.ResidualVariance * (fit.Leverage(summed) + activeDays) * fit.SerialInflation;
        return new Fit(LiftMethods.QuietDays, incremental, variance, fit.DegreesOfFreedom);
    }

    /// <summary>
    /// A distributed-lag regression: total revenue on the baseline terms plus the product's activity on the day and on
    /// each of the window's earlier days, every lag with its own coefficient, so the shape and length of a post's
    /// effect (the adstock) are measured rather than assumed. Incremental = what the lag terms add up to over the
    /// history. The variance is the larger of the classical and the Newey-West one.
    /// </summary>
    private static Fit? DistributedLagRegression(double[] y, double[][] baseline, ReadOnlySpan<double> activity,
        int window)
    {
        var scale = 0.0;
        foreach (var a in activity)
        {
            scale += a / activity.Length;
        }

        var k = baseline[0].Length;
        var rows = new double[y.Length][];
        var lagTotals = new double[k + window];
        for (var d = 0; d < y.Length; d++)
        {
            rows[d] = new double[k + window];
            baseline[d].CopyTo(rows[d], 0);
            for (var lag = 0; lag < window && lag <= d; lag++)
            {
                rows[d][k + lag] = activity[d - lag] / scale;
                lagTotals[k + lag] += rows[d][k + lag];
            }
        }

        if (LeastSquares.Fit(rows, y) is not { } fit)
        {
            return null;
        }

        var variance = Math.Max(fit.ResidualVariance * fit.Leverage(lagTotals),
            fit.NeweyWestVariance(rows, lagTotals, window));
        return new Fit(LiftMethods.Regression, fit.Predict(lagTotals), variance, fit.DegreesOfFreedom);
    }

    private static double ActiveRevenue(double[] y, bool[] active) => y.Where((_, d) => active[d]).Sum();

    /// <summary>Marks the days with a post of the product in the window ending that day; returns how many.</summary>
    private static int MarkActive(ReadOnlySpan<double> activity, int window, bool[] active)
    {
        var count = 0;
        var lastPost = int.MinValue / 2;
        for (var d = 0; d < activity.Length; d++)
        {
            lastPost = activity[d] > 0 ? d : lastPost;
            active[d] = d - lastPost < window;
            count += active[d] ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// Level, centred trend, six day-of-week indicators (Monday is the reference) and the control, if any.
    /// </summary>
    private static double[][] BaselineRows(int firstDay, int days, double[]? control)
    {
        var controlMean = control is null ? 1 : Math.Max(control.Average(), 1e-9);
        var rows = new double[days][];
        for (var d = 0; d < days; d++)
        {
            var row = new double[8 + (control is null ? 0 : 1)];
            row[0] = 1;
            row[1] = (d - (days - 1) / 2.0) / days;
            var weekday = ((int)DateOnly.FromDayNumber(firstDay + d).DayOfWeek + 6) % 7;
            if (weekday > 0)
            {
                row[1 + weekday] = 1;
            }

            if (control is not null)
            {
                row[8] = control[d] / controlMean;
            }

            rows[d] = row;
        }

        return rows;
    }

    private static decimal Money(double rupees) => Math.Round((decimal)rupees, 2, MidpointRounding.AwayFromZero);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>"No quiet days", "Only 1 quiet day", "Only 12 quiet days".</summary>
    private static string QuietDays(int count) => count switch
    {
        0 => "No quiet days",
        1 => "Only 1 quiet day",
        _ => Invariant($"Only {count} quiet days"),
    };
}
