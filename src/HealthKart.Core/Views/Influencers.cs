using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Views;

public static partial class ViewCatalog
{
    /// <summary>Every influencer of the selection, scored and ranked.</summary>
    private static readonly AnalyticsView Influencers =
        new("influencers", "Influencers", (s, _) => AnalyticsEngine.Influencers(s),
        [ViewSheet.Influencers("Influencers")]);
}
