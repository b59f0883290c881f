using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Views;

public static partial class ViewCatalog
{
    /// <summary>Category x platform, and the same selection by gender and by tier.</summary>
    private static readonly AnalyticsView Personas = new("personas", "Personas", (s, _) => AnalyticsEngine.Personas(s),
    [
        ViewSheet.Table<PersonaBreakdown, PersonaItem>("Personas", "items", KpiFields.After(
            ViewSheet.Key<PersonaItem>("category", "Category", 16, i => i.Category),
            ViewSheet.Key<PersonaItem>("platform", "Platform", 14, i => i.Platform)),
            v => v.Items),
        ViewSheet.Table<PersonaBreakdown, GenderItem>("Personas by gender", "byGender",
            KpiFields.After(ViewSheet.Key<GenderItem>("gender", "Gender", 10, i => i.Gender)), v => v.ByGender),
        ViewSheet.Table<PersonaBreakdown, TierItem>("Personas by tier", "byTier",
            KpiFields.After(ViewSheet.Key<TierItem>("tier", "Tier", 10, i => i.Tier)), v => v.ByTier),
    ]);
}
