using HealthKart.Core.Analytics;
using Kind = HealthKart.Core.Reports.ColumnKind;

namespace HealthKart.Core.Reports;

/// <summary>The metric columns every view shares (docs/metrics.md#the-metrics), in the order of <see cref="Kpis"/>, with the JSON names of its properties.</summary>
internal static class KpiFields
{
    public static ReportField<T>[] For<T>() where T : Kpis =>
    [
        new("revenue", "Revenue (₹)", Kind.Money, 16, k => k.Revenue),
        new("orders", "Orders", Kind.Integer, 10, k => k.Orders),
        new("spend", "Spend (₹)", Kind.Money, 16, k => k.Spend),
        new("roi", "ROI %", Kind.Percent, 10, k => k.Roi),
        new("roas", "ROAS", Kind.Ratio, 9, k => k.Roas),
        new("incrementalRevenue", "Incremental revenue (₹)", Kind.Money, 18, k => k.IncrementalRevenue),
        new("incrementalInterval.low", "Incremental revenue, interval low (₹)", Kind.Money, 18, k => k.IncrementalInterval?.Low),
        new("incrementalInterval.high", "Incremental revenue, interval high (₹)", Kind.Money, 18, k => k.IncrementalInterval?.High),
        new("incrementalVerdict", "Incrementality verdict", Kind.Text, 16, k => k.IncrementalVerdict),
        new("incrementalRoas", "Incremental ROAS", Kind.Ratio, 11, k => k.IncrementalRoas),
        new("costPerOrder", "Cost per order (₹)", Kind.Money, 14, k => k.CostPerOrder),
        new("posts", "Posts", Kind.Integer, 8, k => k.Posts),
        new("reach", "Reach", Kind.Integer, 13, k => k.Reach),
        new("engagementRate", "Engagement rate %", Kind.Percent, 12, k => k.EngagementRate),
        new("newCustomers", "New customers", Kind.Integer, 10, k => k.NewCustomers),
        new("newCustomerRevenue", "New-customer revenue (₹)", Kind.Money, 16, k => k.NewCustomerRevenue),
        new("returningOrderShare", "Orders from returning customers %", Kind.Percent, 12, k => k.ReturningOrderShare),
        new("followOnRevenue", "Follow-on revenue (₹)", Kind.Money, 16, k => k.FollowOnRevenue),
        new("immatureShare", "New customers with follow-on still open %", Kind.Percent, 12, k => k.ImmatureShare),
        new("costPerNewCustomer", "Cost per new customer (₹)", Kind.Money, 14, k => k.CostPerNewCustomer),
    ];

    /// <summary>Key columns first (campaign, platform, ...), then the metrics.</summary>
    public static ReportField<T>[] After<T>(params ReportField<T>[] keys) where T : Kpis => [.. keys, .. For<T>()];
}
