using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Views;

public static partial class ViewCatalog
{
    /// <summary>
    /// Insights and recommendations, with the executive summary (this period against the previous one).
    /// </summary>
    private static readonly AnalyticsView Insights = new("insights", "Insights and recommendations",
        InsightEngine.Insights,
    [
        ViewSheet.Table<InsightsView, Insight>("Insights", "items", InsightFields.All, v => v.Items),
        ExecutiveSummarySheet.Sheet,
        ViewSheet.Table<InsightsView, InfluencerItem>("Top 5", "executiveSummary.top", InfluencerFields.All,
            v => v.ExecutiveSummary.Top),
        ViewSheet.Table<InsightsView, InfluencerItem>("Bottom 5", "executiveSummary.bottom", InfluencerFields.All,
            v => v.ExecutiveSummary.Bottom),
        ViewSheet.Table<InsightsView, Insight>("Actions", "executiveSummary.actions", InsightFields.All,
            v => v.ExecutiveSummary.Actions),
    ]);
}
