namespace HealthKart.Core.Analytics;

/// <summary>The knobs of the metrics (docs/metrics.md), with the original's defaults.</summary>
public sealed record AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>The flat method's share of attributed revenue assumed to happen anyway (the original's "2 %").</summary>
    public double BaselineRate { get; init; } = 0.02;

    /// <summary>Poor performer: ROI (percent) below this, or ROAS below <see cref="PoorRoasBelow"/>.</summary>
    public double PoorRoiBelow { get; init; } = 50;

    public double PoorRoasBelow { get; init; } = 2;

    /// <summary>Lower bounds (inclusive) of Mid, Macro and Mega; Micro is below Mid.</summary>
    public long MidTierFrom { get; init; } = 50_000;

    public long MacroTierFrom { get; init; } = 200_000;
    public long MegaTierFrom { get; init; } = 500_000;

    /// <summary>Efficiency-score weights: incremental ROAS, revenue per follower, engagement rate, cost per order (inverted).</summary>
    public double IncrementalRoasWeight { get; init; } = 0.4;

    public double RevenuePerFollowerWeight { get; init; } = 0.2;
    public double EngagementRateWeight { get; init; } = 0.2;
    public double CostPerOrderWeight { get; init; } = 0.2;

    /// <summary>
    /// The longest daily time series one request may ask for (about ten years): a request's cost grows with its
    /// periods, so a longer span asks for weeks or months instead (a 400 that says so).
    /// </summary>
    public int MaxDailyPeriods { get; init; } = 3_660;

    /// <summary>Orders lag posts: the most recent days are still maturing and are flagged as such.</summary>
    public int MaturityDays { get; init; } = 7;

    /// <summary>The settings of the data-driven <c>prepost</c> incrementality method.</summary>
    public PrePostOptions PrePost { get; init; } = new();

    /// <summary>The settings of the budget planner (docs/planner.md).</summary>
    public Planning.PlannerOptions Planner { get; init; } = new();
}

/// <summary>Settings of the <c>prepost</c> method (docs/incrementality.md); bound from <c>Analytics:PrePost</c>.</summary>
public sealed record PrePostOptions
{
    /// <summary>A post works on its product for this many days (its own day included); a day with no post of the product in the window is quiet.</summary>
    public int WindowDays { get; init; } = 14;

    /// <summary>The quiet-day baseline needs at least this many quiet days; with fewer the adstock regression is used.</summary>
    public int MinQuietDays { get; init; } = 28;

    /// <summary>Fewer days of history than this (or fewer days with organic sales than half of them) is insufficient data.</summary>
    public int MinHistoryDays { get; init; } = 56;

    /// <summary>Confidence level of every interval.</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>Below this share of the attributed revenue in measured products, a figure is insufficient data rather than partial.</summary>
    public double MinCoverage { get; init; } = 0.8;
}
