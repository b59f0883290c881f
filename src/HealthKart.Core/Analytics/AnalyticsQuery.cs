namespace HealthKart.Core.Analytics;

/// <summary>
/// The filters of docs/filters.md#parameters as the caller gave them (values are matched case-insensitively against the snapshot),
/// plus the view options some endpoints take.
/// </summary>
public sealed record AnalyticsQuery
{
    public static readonly AnalyticsQuery All = new();

    public IReadOnlyList<string> Platforms { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> Campaigns { get; init; } = [];
    public IReadOnlyList<string> Products { get; init; } = [];
    public IReadOnlyList<string> Brands { get; init; } = [];
    public IReadOnlyList<string> Influencers { get; init; } = [];
    public IReadOnlyList<string> Genders { get; init; } = [];
    public IReadOnlyList<FollowerTier> Tiers { get; init; } = [];
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string Incrementality { get; init; } = Analytics.Incrementality.Flat;

    /// <summary>How many items <c>top</c> and <c>poor</c> return.</summary>
    public int N { get; init; } = 10;

    public Granularity Granularity { get; init; } = Granularity.Day;

    /// <summary>The budget planner's scenario, budget, target and bounds (the <c>plan</c> view).</summary>
    public Planning.PlanSettings Plan { get; init; } = new();

    public bool HasDateRange => From is not null || To is not null;
}

public enum Granularity
{
    Day,
    Week,
    Month,
}
