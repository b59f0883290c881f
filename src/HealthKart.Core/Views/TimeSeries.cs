using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;
using Series = HealthKart.Core.Analytics.TimeSeries;

namespace HealthKart.Core.Views;

public static partial class ViewCatalog
{
    /// <summary>Revenue, spend, orders and ROAS per day, week or month.</summary>
    private static readonly AnalyticsView TimeSeries =
        new("timeseries", "Time series", (s, _) => AnalyticsEngine.TimeSeries(s),
        [ViewSheet.Table<Series, PeriodItem>("Time series", "items",
            KpiFields.After(new ReportField<PeriodItem>("period", "Period", ColumnKind.Date, 12, i => i.Period)),
            v => v.Items)])
        {
            Parameters = [ViewParameters.Granularity],
            Notes = view => view is Series series
                ? [new("Periods", series.Granularity), new("Undated spend (₹), on no period", series.UndatedSpend,
                ColumnKind.Money)]
                : [],
        };
}
