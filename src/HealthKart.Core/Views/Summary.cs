using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Views;

public static partial class ViewCatalog
{
    /// <summary>The headline KPIs of the selection, as one row.</summary>
    private static readonly AnalyticsView Summary = new("summary", "Summary", AnalyticsEngine.Summary,
        [ViewSheet.Table<SummaryView, SummaryView>("Summary", "", SummaryFields.All, v => [v])]);
}
