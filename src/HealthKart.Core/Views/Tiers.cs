using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Views;

public static partial class ViewCatalog
{
    /// <summary>By follower tier.</summary>
    private static readonly AnalyticsView Tiers = new("tiers", "Follower tiers", (s, _) => AnalyticsEngine.Tiers(s),
        [ViewSheet.Items("Tiers", ViewSheet.Key<TierItem>("tier", "Tier", 10, i => i.Tier))]);
}
