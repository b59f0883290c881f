namespace HealthKart.Core.Analytics.Lift;

/// <summary>
/// The prepost estimate for one product: how it was measured, the incremental revenue over the whole history with its
/// interval (rupees), and the verdict. <see cref="Lift"/> is incremental over counterfactual revenue on active days.
/// </summary>
public sealed record ProductLift(
    string Product,
    string? Verdict,
    string? Method,
    string Reason,
    int Days,
    int ActiveDays,
    int QuietDays,
    decimal? IncrementalRevenue,
    decimal? Low,
    decimal? High,
    double? Lift)
{
    /// <summary>
    /// The estimate's variance in rupees squared, stated for the normal critical value: a small sample's wider t
    /// interval is folded in, so a sum of products' estimates keeps each one's width.
    /// </summary>
    internal double Variance { get; init; }
}

/// <summary>What an incremental figure is worth, in words a marketer reads.</summary>
public static class Verdicts
{
    public const string Incremental = "incremental";
    public const string NotSignificant = "not significant";
    public const string InsufficientData = "insufficient data";

    /// <summary>Incremental only when the whole interval is above zero.</summary>
    public static string Of(decimal low) => low > 0 ? Incremental : NotSignificant;
}

public static class LiftMethods
{
    public const string QuietDays = "quiet-day baseline";
    public const string Regression = "adstock regression";
}
