using HealthKart.Core.Analytics;

namespace HealthKart.Core.Reports;

/// <summary>
/// The insights' executive summary as a reader wants it: one row per headline metric, this period against the previous
/// one of equal length and the change in percent. The column mixes kinds, so each cell carries its metric's kind.
/// </summary>
internal static class ExecutiveSummarySheet
{
    /// <summary>
    /// The metrics the summary compares (the keys of <see cref="ExecutiveSummary.ChangePercent"/>), as the KPI columns
    /// name them.
    /// </summary>
    private static readonly ReportField<SummaryView>[] Metrics =
        [.. new[] { "revenue", "spend", "orders", "incrementalRevenue", "roi", "roas", "incrementalRoas" }
            .Select(name => KpiFields.For<SummaryView>().Single(f => f.JsonName == name))];

    public static readonly ViewSheet Sheet = new(
        "Executive summary",
        "executiveSummary",
        [new("Metric", ColumnKind.Text, 24), new("This period", ColumnKind.Money, 18),
            new("Previous period", ColumnKind.Money, 18), new("Change %", ColumnKind.Percent, 11)],
        [new("", "Metric"), new("current", "This period"), new("previous", "Previous period"),
            new("changePercent", "Change %")],
        view => Rows(((InsightsView)view).ExecutiveSummary),
        [.. Metrics.Select(m => new ColumnMap(m.JsonName, m.Header))]);

    private static IEnumerable<object?[]> Rows(ExecutiveSummary summary) => Metrics.Select(metric => new object?[]
    {
        metric.Header,
        new ReportCell(metric.Value(summary.Current), metric.Kind),
        new ReportCell(summary.Previous is { } previous ? metric.Value(previous) : null, metric.Kind),
        summary.ChangePercent.GetValueOrDefault(metric.JsonName),
    });
}
