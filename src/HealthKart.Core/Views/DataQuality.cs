using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;
using Checks = HealthKart.Core.Analytics.DataQuality;

namespace HealthKart.Core.Views;

public static partial class ViewCatalog
{
    /// <summary>
    /// Cross-file warnings over the current dataset (they never block an upload); its own route, not a filterable view.
    /// </summary>
    private static readonly AnalyticsView DataQuality =
        new(DataQualityName, "Data quality", (s, _) => Checks.Check(s.Snapshot),
        [ViewSheet.Table<DataQualityView, DataQualityWarning>("Data quality", "items", DataQualityFields.All,
            v => v.Items)]);
}
