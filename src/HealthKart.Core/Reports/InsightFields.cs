using HealthKart.Core.Analytics;
using Kind = HealthKart.Core.Reports.ColumnKind;

namespace HealthKart.Core.Reports;

/// <summary>
/// An insight or recommended action: its kind, headline, reason, rupee value and the figures it rests on.
/// </summary>
internal static class InsightFields
{
    public static readonly ReportField<Insight>[] All =
    [
        new("kind", "Kind", Kind.Text, 16, i => i.Kind),
        new("title", "Title", Kind.Text, 50, i => i.Title),
        new("reason", "Reason", Kind.Text, 80, i => i.Reason),
        new("value", "Value (₹)", Kind.Money, 14, i => i.Value),
        new("figures", "Figures", Kind.Text, 70, i => ReportText.Figures(i.Figures)),
    ];
}
