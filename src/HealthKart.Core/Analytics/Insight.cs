namespace HealthKart.Core.Analytics;

/// <summary>
/// One rule-based finding: what kind it is, a headline, the reason in words, the figures it rests on, and for actions
/// the rupee value that ranks them (a projection where it says so, never presented as a measurement).
/// </summary>
public sealed record Insight(string Kind, string Title, string Reason, IReadOnlyDictionary<string, object?> Figures,
    decimal? Value = null);

/// <summary>
/// Headline KPIs against the previous period of equal length, the top and bottom five, and the three best actions.
/// </summary>
public sealed record ExecutiveSummary(
    SummaryView Current,
    SummaryView? Previous,
    IReadOnlyDictionary<string, double?> ChangePercent,
    IReadOnlyList<InfluencerItem> Top,
    IReadOnlyList<InfluencerItem> Bottom,
    IReadOnlyList<Insight> Actions);

public sealed record InsightsView(
    IReadOnlyList<Insight> Items, ExecutiveSummary ExecutiveSummary, string DatasetVersion,
    IncrementalityInfo Incrementality);
