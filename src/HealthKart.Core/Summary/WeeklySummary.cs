using HealthKart.Core.Analytics;

namespace HealthKart.Core.Summary;

/// <summary>
/// Everything the weekly e-mail says, computed once and rendered three ways (HTML, plain text, JSON preview), so the
/// parts can never disagree: the week against the week before, the top and bottom five, the three most valuable
/// actions, data-quality warnings, the week's uploads and signed links to the reports.
/// </summary>
public sealed record WeeklySummary
{
    public required IsoWeek Week { get; init; }
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public required DateOnly PreviousFrom { get; init; }
    public required DateOnly PreviousTo { get; init; }

    /// <summary>
    /// False when the week has no influencer sales, posts or dated spend: the e-mail then says so instead of showing
    /// zeros.
    /// </summary>
    public required bool HasActivity { get; init; }

    public required IReadOnlyList<HeadlineFigure> Headlines { get; init; }
    public required IReadOnlyList<InfluencerItem> Top { get; init; }
    public required IReadOnlyList<InfluencerItem> Bottom { get; init; }
    public required IReadOnlyList<Insight> Actions { get; init; }

    /// <summary>
    /// The week's customer observations (new customers per rupee, returning-customer orders), each with its rule.
    /// </summary>
    public IReadOnlyList<Insight> Observations { get; init; } = [];
    /// <summary>The budget plan's advice in words (docs/planner.md), also when it supports no reallocation.</summary>
    public string? BudgetAdvice { get; init; }

    /// <summary>
    /// How many of the week's days are within the maturity window (orders still coming in), and that window.
    /// </summary>
    public required int ImmatureDays { get; init; }
    public required int MaturityDays { get; init; }

    public required IReadOnlyList<DataQualityWarning> DataQuality { get; init; }
    public required IReadOnlyList<WeekUpload> Uploads { get; init; }
    public required IReadOnlyList<SummaryLink> Links { get; init; }

    /// <summary>
    /// The attached full-report workbook's file name; null when nothing is attached (a week without activity).
    /// </summary>
    public string? Attachment { get; init; }

    /// <summary>
    /// The first and last day of the whole dataset, so a week without activity can say where the data stops.
    /// </summary>
    public DateOnly? DataFrom { get; init; }
    public DateOnly? DataTo { get; init; }

    /// <summary>
    /// For a week without activity: the latest complete week that has some (else the latest week), to look at instead.
    /// </summary>
    public IsoWeek? LatestActiveWeek { get; init; }

    public required string DatasetVersion { get; init; }
    public required IncrementalityInfo Incrementality { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
}

/// <summary>
/// One headline KPI: this week, the week before and the change in percent (the analytics API's, null where it is not
/// defined). A metric that is itself a percentage (ROI) changes by <see cref="ChangePoints"/>, which is how it is
/// shown: "ROI -13.2 %, down 118.8 %" would read as nonsense.
/// </summary>
public sealed record HeadlineFigure(string Metric, string Label, FigureKind Kind, decimal? Current, decimal? Previous,
    double? ChangePercent)
{
    public decimal? ChangePoints => Kind == FigureKind.Percent && Current is { } now && Previous is { } before ? now
        - before : null;
}

public enum FigureKind
{
    Money,
    Count,
    Ratio,
    Percent,
}

/// <summary>An upload received during the week (IST), as the ledger shows it.</summary>
public sealed record WeekUpload(
    string Id, string FileName, string? Dataset, string Status, long Rows, long Errors, long Warnings,
    DateTimeOffset ReceivedAt);

/// <summary>A signed link to one export of the week, anonymous until it expires.</summary>
public sealed record SummaryLink(string Title, string Report, string Format, string Url, DateTimeOffset ExpiresAt);
