using HealthKart.Core.Analytics.Lift;

namespace HealthKart.Core.Analytics;

/// <summary>
/// How incremental revenue was estimated; named in every response so nobody mistakes a haircut for a measurement.
/// </summary>
public sealed record IncrementalityInfo(string Method, double? BaselineRate = null, IncrementalityInterval? Interval =
    null, string? Verdict = null, string? Note = null)
{
    /// <summary>The prepost method's settings.</summary>
    public PrePostOptions? Settings { get; init; }

    /// <summary>The prepost estimate of every product the selection's figures rest on (summary only).</summary>
    public IReadOnlyList<ProductLift>? Products { get; init; }
}

public sealed record IncrementalityInterval(decimal Low, decimal High, double Level);

/// <summary>
/// The incrementality methods. <c>flat</c> (the default, the original's assumption): revenue x (1 - baseline rate), a
/// flat haircut, not a measurement. <c>prepost</c>: measured from total daily revenue per product (<see
/// cref="LiftModel"/>), with an interval and a verdict for every figure.
/// </summary>
public static class Incrementality
{
    public const string Flat = "flat";
    public const string PrePost = "prepost";
    public static readonly string[] Methods = [Flat, PrePost];

    private const string PrePostNote =
        "Measured: per product, total daily revenue (influencer and organic) against a baseline " +
        "with trend and day-of-week " +
        "effects, from quiet days when posting is sparse, else from a regression on posting " +
        "activity; each product's lift " +
        "is shared among the influencer sales on its active days by attributed revenue.";

    public static bool IsPrePost(AnalyticsQuery query) => query.Incrementality == PrePost;

    /// <summary>The method of a selection's figures, and under prepost the interval and verdict of its total.</summary>
    public static IncrementalityInfo Describe(Selection selection, bool withProducts = false)
    {
        var options = selection.Snapshot.Options;
        if (!IsPrePost(selection.Query))
        {
            return Assumed(options);
        }

        var total = Total(selection);
        return new(PrePost, Interval: total.Interval, Verdict: total.Verdict, Note: PrePostNote)
        {
            Settings = options.PrePost,
            Products = withProducts ? LiftModel.Of(selection.Snapshot).Products : null,
        };
    }

    /// <summary>The flat method's description.</summary>
    public static IncrementalityInfo Assumed(AnalyticsOptions options) =>
        new(Flat, options.BaselineRate,
            Note: "Flat assumption: attributed revenue less the baseline rate; not a measured lift.");

    /// <summary>
    /// Under prepost, the incremental estimate of each group of the selection's sales; null under flat.
    /// </summary>
    public static IncrementalEstimate[]? Estimates(Selection selection, int groups, GroupKey sales) =>
        IsPrePost(selection.Query) ? LiftModel.Of(selection.Snapshot).Estimate(selection, groups, sales) : null;

    /// <summary>The prepost estimate of the whole selection, computed once per selection.</summary>
    public static IncrementalEstimate Total(Selection selection) =>
        selection.Memo($"incremental-total|{selection.Query.Incrementality}",
            () => Estimates(selection, 1, GroupKey.Total) ?? [default])[0];

    /// <summary>Incremental revenue in paise under the flat method, rounded to the paisa.</summary>
    public static long FlatIncrementalPaise(long revenuePaise, AnalyticsOptions options) =>
        (long)Math.Round(revenuePaise * (1 - (decimal)options.BaselineRate), MidpointRounding.AwayFromZero);
}
