using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Views;

public static partial class ViewCatalog
{
    /// <summary>Spend, sales and posts by campaign.</summary>
    private static readonly AnalyticsView Campaigns =
        new("campaigns", "Campaigns", (s, _) => AnalyticsEngine.Campaigns(s),
        [ViewSheet.Items("Campaigns", ViewSheet.Key<CampaignItem>("campaign", "Campaign", 24, i => i.Campaign))]);
}
