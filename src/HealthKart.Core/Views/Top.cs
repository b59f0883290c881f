using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Views;

public static partial class ViewCatalog
{
    /// <summary>The best paid influencers by efficiency score.</summary>
    private static readonly AnalyticsView Top = new("top", "Top performers", (s, _) => AnalyticsEngine.Top(s),
        [ViewSheet.Influencers("Top performers")])
    {
        Parameters = [ViewParameters.Count],
    };
}
