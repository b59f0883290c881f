using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Views;

public static partial class ViewCatalog
{
    /// <summary>By the influencer's category.</summary>
    private static readonly AnalyticsView Categories =
        new("categories", "Categories", (s, _) => AnalyticsEngine.Categories(s),
        [ViewSheet.Items("Categories", ViewSheet.Key<CategoryItem>("category", "Category", 16, i => i.Category))]);
}
