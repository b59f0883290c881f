using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Views;

public static partial class ViewCatalog
{
    /// <summary>By brand (MuscleBlaze, HKVitals, Gritzo...).</summary>
    private static readonly AnalyticsView Brands = new("brands", "Brands", (s, _) => AnalyticsEngine.Brands(s),
        [ViewSheet.Items("Brands", ViewSheet.Key<BrandItem>("brand", "Brand", 14, i => i.Brand))]);
}
