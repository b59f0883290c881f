using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Views;

public static partial class ViewCatalog
{
    /// <summary>By the influencer's gender.</summary>
    private static readonly AnalyticsView Genders = new("genders", "Genders", (s, _) => AnalyticsEngine.Genders(s),
        [ViewSheet.Items("Genders", ViewSheet.Key<GenderItem>("gender", "Gender", 10, i => i.Gender))]);
}
