using HealthKart.Core.Analytics;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>
/// Builds the expected items of a view from hand-worked figures, so a whole list compares in one assertion.
/// </summary>
internal static class Expected
{
    /// <summary>
    /// An item with its figures: money in rupees, ROI in percent, null where the denominator is zero.
    /// </summary>
    public static T With<T>(
        this T item, decimal revenue, long orders, decimal spend, double? roi, double? roas,
        decimal? incrementalRevenue, double? incrementalRoas, decimal? costPerOrder, long posts, long reach,
        double? engagementRate) where T : Kpis => item with
        {
            Revenue = revenue,
            Orders = orders,
            Spend = spend,
            Roi = roi,
            Roas = roas,
            IncrementalRevenue = incrementalRevenue,
            IncrementalRoas = incrementalRoas,
            CostPerOrder = costPerOrder,
            Posts = posts,
            Reach = reach,
            EngagementRate = engagementRate,

            // The hand-worked snapshot keeps no customer rows, so no order comes from a returning customer.
            ReturningOrderShare = orders > 0 ? 0 : null,
        };

    /// <summary>
    /// Just the metrics of a view (a summary, a period), to compare with <see cref="With{T}"/> on a plain <see
    /// cref="Kpis"/>.
    /// </summary>
    public static Kpis FiguresOf(Kpis view) => new Kpis().With(view.Revenue, view.Orders, view.Spend, view.Roi,
        view.Roas, view.IncrementalRevenue, view.IncrementalRoas, view.CostPerOrder, view.Posts, view.Reach,
        view.EngagementRate);

    /// <summary>Spend that has nothing to show but the spend itself (the undated, unattributed payout).</summary>
    public static T SpendOnly<T>(this T item, decimal spend) where T : Kpis =>
        item.With(0m, 0, spend, -100, 0, 0m, 0, null, 0, 0, null);

    public static InfluencerItem Influencer(
        string id, string name, string category, string gender, string platform, long followers, string tier) =>
        new(id, name, category, gender, platform, followers, tier, Known: true);
}
