using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Views;

public static partial class ViewCatalog
{
    /// <summary>Spend, sales and posts by platform.</summary>
    private static readonly AnalyticsView Platforms =
        new("platforms", "Platforms", (s, _) => AnalyticsEngine.Platforms(s),
        [ViewSheet.Items("Platforms", ViewSheet.Key<PlatformItem>("platform", "Platform", 14, i => i.Platform))]);
}
