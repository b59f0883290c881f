namespace HealthKart.Core.Analytics;

/// <summary>
/// The metrics of one group, by DESIGN §4: money in rupees, ROI in percent, ratios null (never infinity or 0) where
/// their denominator is zero. Every breakdown item derives from this, so all views use the same names.
/// </summary>
public record Kpis
{
    public decimal Revenue { get; init; }
    public long Orders { get; init; }
    public decimal Spend { get; init; }
    public double? Roi { get; init; }
    public double? Roas { get; init; }
    public decimal IncrementalRevenue { get; init; }
    public double? IncrementalRoas { get; init; }
    public decimal? CostPerOrder { get; init; }
    public long Posts { get; init; }
    public long Reach { get; init; }
    public double? EngagementRate { get; init; }

    public static Kpis From(in Totals t, AnalyticsOptions options) => Fill(new Kpis(), t, options);

    /// <summary>Sets the metric properties of a derived item (a campaign, an influencer, ...) from its totals.</summary>
    public static T Fill<T>(T item, in Totals t, AnalyticsOptions options) where T : Kpis
    {
        var incremental = Incrementality.FlatIncrementalPaise(t.Revenue, options);
        return item with
        {
            Revenue = Rupees(t.Revenue),
            Orders = t.Orders,
            Spend = Rupees(t.Spend),
            Roi = t.Spend == 0 ? null : Round((double)(t.Revenue - t.Spend) / t.Spend * 100),
            Roas = t.Spend == 0 ? null : Round((double)t.Revenue / t.Spend),
            IncrementalRevenue = Rupees(incremental),
            IncrementalRoas = t.Spend == 0 ? null : Round((double)incremental / t.Spend),
            CostPerOrder = t.Orders <= 0 ? null : Math.Round(t.Spend / 100m / t.Orders, 2, MidpointRounding.AwayFromZero),
            Posts = t.Posts,
            Reach = t.Reach,
            EngagementRate = t.Reach == 0 ? null : Round((double)t.Engagements / t.Reach * 100),
        };
    }

    public static decimal Rupees(long paise) => paise / 100m;

    /// <summary>Four decimals: enough for any chart or card, without 0.30000000000000004 in the JSON.</summary>
    public static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
