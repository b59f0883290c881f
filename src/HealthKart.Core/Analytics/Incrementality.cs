namespace HealthKart.Core.Analytics;

/// <summary>How incremental revenue was estimated; named in every response so nobody mistakes a haircut for a measurement.</summary>
public sealed record IncrementalityInfo(string Method, double? BaselineRate = null, IncrementalityInterval? Interval = null, string? Verdict = null, string? Note = null);

public sealed record IncrementalityInterval(decimal Low, decimal High, double Level);

/// <summary>
/// The incrementality methods. <c>flat</c> (the default, the original's assumption): revenue x (1 - baseline rate), a
/// flat haircut, not a measurement. A data-driven <c>prepost</c> method plugs in here (its own issue).
/// </summary>
public static class Incrementality
{
    public const string Flat = "flat";
    public const string PrePost = "prepost";
    public static readonly string[] Methods = [Flat, PrePost];

    public static IncrementalityInfo Describe(AnalyticsOptions options) =>
        new(Flat, options.BaselineRate, Note: "Flat assumption: attributed revenue less the baseline rate; not a measured lift.");

    /// <summary>Incremental revenue in paise under the flat method, rounded to the paisa.</summary>
    public static long FlatIncrementalPaise(long revenuePaise, AnalyticsOptions options) =>
        (long)Math.Round(revenuePaise * (1 - (decimal)options.BaselineRate), MidpointRounding.AwayFromZero);
}
