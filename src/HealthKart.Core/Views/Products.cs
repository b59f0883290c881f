using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Views;

public static partial class ViewCatalog
{
    /// <summary>Products, and the same selection by brand.</summary>
    private static readonly AnalyticsView Products = new("products", "Products", (s, _) => AnalyticsEngine.Products(s),
    [
        ViewSheet.Table<ProductBreakdown, ProductItem>("Products", "items", KpiFields.After(
            ViewSheet.Key<ProductItem>("product", "Product", 28, i => i.Product),
            ViewSheet.Key<ProductItem>("brand", "Brand", 14, i => i.Brand)),
            v => v.Items),
        ViewSheet.Table<ProductBreakdown, BrandItem>("Brands", "brands",
            KpiFields.After(ViewSheet.Key<BrandItem>("brand", "Brand", 14, i => i.Brand)), v => v.Brands),
    ]);
}
