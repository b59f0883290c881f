namespace HealthKart.Core.Analytics;

/// <summary>
/// The metrics of one group, by docs/metrics.md#the-metrics: money in rupees, ROI in percent, ratios null (never
/// infinity or 0) where their denominator is zero. Every breakdown item derives from this, so all views use the same
/// names.
/// </summary>
public record Kpis
{
    public decimal Revenue { get; init; }
    public long Orders { get; init; }
    public decimal Spend { get; init; }
    public double? Roi { get; init; }
    public double? Roas { get; init; }
    /// <summary>Null when the prepost method has insufficient data: never a made-up number.</summary>
    public decimal? IncrementalRevenue { get; init; }

    /// <summary>
    /// The prepost method's interval around <see cref="IncrementalRevenue"/>; null under the flat assumption.
    /// </summary>
    public IncrementalityInterval? IncrementalInterval { get; init; }

    /// <summary>
    /// The prepost verdict (incremental, not significant, insufficient data); null under the flat assumption.
    /// </summary>
    public string? IncrementalVerdict { get; init; }

    public double? IncrementalRoas { get; init; }
    public decimal? CostPerOrder { get; init; }
    public long Posts { get; init; }
    public long Reach { get; init; }
    public double? EngagementRate { get; init; }

    /// <summary>
    /// Customers first bought through this group's influencer rows in the period (docs/customers.md).
    /// </summary>
    public long NewCustomers { get; init; }

    /// <summary>Net revenue of the rows that acquired <see cref="NewCustomers"/>.</summary>
    public decimal NewCustomerRevenue { get; init; }

    /// <summary>
    /// Percent of the attributed net orders placed by customers who had first bought on an earlier day; null without
    /// orders.
    /// </summary>
    public double? ReturningOrderShare { get; init; }

    /// <summary>
    /// Net revenue, any source, of the new customers' purchases 1 to FollowOnDays days later; mature windows only.
    /// </summary>
    public decimal FollowOnRevenue { get; init; }

    /// <summary>
    /// Percent of <see cref="NewCustomers"/> whose follow-on window runs past the data (not in follow-on revenue).
    /// </summary>
    public double? ImmatureShare { get; init; }

    /// <summary>Allocated spend per new customer; null when there are none.</summary>
    public decimal? CostPerNewCustomer { get; init; }

    /// <summary>
    /// Sets the metric properties of a derived item (a campaign, an influencer, ...) from its totals, and its
    /// incremental revenue from the prepost <paramref name="lift"/> when there is one, else by the flat assumption.
    /// </summary>
    public static T Fill<T>(T item, in Totals t, AnalyticsOptions options, Lift.IncrementalEstimate? lift =
        null) where T : Kpis
    {
        var incremental = IncrementalPaise(t, options, lift);
        return item with
        {
            Revenue = Rupees(t.Revenue),
            Orders = t.Orders,
            Spend = Rupees(t.Spend),
            Roi = t.Spend == 0 ? null : Round((double)(t.Revenue - t.Spend) / t.Spend * 100),
            Roas = t.Spend == 0 ? null : Round((double)t.Revenue / t.Spend),
            IncrementalRevenue = incremental is { } paise ? Rupees(paise) : null,
            IncrementalInterval = lift?.Interval,
            IncrementalVerdict = lift?.Verdict,
            IncrementalRoas = IncrementalRoasOf(incremental, t.Spend),
            CostPerOrder = t.Orders <= 0 ? null : Math.Round(t.Spend / 100m / t.Orders, 2,
                MidpointRounding.AwayFromZero),
            Posts = t.Posts,
            Reach = t.Reach,
            EngagementRate = t.Reach == 0 ? null : Round((double)t.Engagements / t.Reach * 100),
            NewCustomers = t.NewCustomers,
            NewCustomerRevenue = Rupees(t.NewCustomerRevenue),
            ReturningOrderShare = t.Orders <= 0 ? null : Round((double)t.ReturningOrders / t.Orders * 100),
            FollowOnRevenue = Rupees(t.FollowOnRevenue),
            ImmatureShare = t.NewCustomers == 0
                ? null : Round((double)(t.NewCustomers - t.MatureNewCustomers) / t.NewCustomers * 100),
            CostPerNewCustomer = t.NewCustomers == 0 ? null : Math.Round(t.Spend / 100m / t.NewCustomers, 2,
                MidpointRounding.AwayFromZero),
        };
    }

    /// <summary>
    /// Incremental revenue in paise: the prepost <paramref name="lift"/>'s when there is one (null when it had too
    /// little data), else by the flat assumption.
    /// </summary>
    public static long? IncrementalPaise(in Totals t, AnalyticsOptions options, Lift.IncrementalEstimate? lift) =>
        lift is { } l ? l.Paise : Incrementality.FlatIncrementalPaise(t.Revenue, options);

    /// <summary>Incremental revenue per rupee of spend; null without spend or without an incremental figure.</summary>
    public static double? IncrementalRoasOf(long? incrementalPaise, long spendPaise) =>
        spendPaise == 0 || incrementalPaise is null ? null : Round((double)incrementalPaise / spendPaise);

    public static decimal Rupees(long paise) => paise / 100m;

    /// <summary>Four decimals: enough for any chart or card, without 0.30000000000000004 in the JSON.</summary>
    public static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
