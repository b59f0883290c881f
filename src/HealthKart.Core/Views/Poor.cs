using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Views;

public static partial class ViewCatalog
{
    /// <summary>Paid influencers under the ROI or ROAS thresholds, worst ROI first.</summary>
    private static readonly AnalyticsView Poor = new("poor", "Poor performers", (s, _) => AnalyticsEngine.Poor(s),
        [ViewSheet.Influencers("Poor performers")])
    {
        Parameters = [ViewParameters.Count],
    };
}
