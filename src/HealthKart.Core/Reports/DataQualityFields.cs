using HealthKart.Core.Analytics;
using Kind = HealthKart.Core.Reports.ColumnKind;

namespace HealthKart.Core.Reports;

/// <summary>One kind of cross-file data-quality warning, with its count and a few examples.</summary>
internal static class DataQualityFields
{
    public static readonly ReportField<DataQualityWarning>[] All =
    [
        new("kind", "Kind", Kind.Text, 24, w => w.Kind),
        new("message", "Message", Kind.Text, 80, w => w.Message),
        new("count", "Count", Kind.Integer, 10, w => w.Count),
        new("examples", "Examples", Kind.Text, 90, w => ReportText.List(w.Examples)),
    ];
}
