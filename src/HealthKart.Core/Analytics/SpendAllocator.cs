using HealthKart.Core.DataContract;


namespace HealthKart.Core.Analytics;

/// <summary>
/// Spreads each payout row over the activity it paid for (docs/metrics.md#spend-allocation), in paise by largest
/// remainder, so every breakdown of spend adds up exactly to the payouts:
/// <list type="bullet">
/// <item>order basis: over the influencer's sales facts in proportion to net orders, landing on their day, campaign,
/// product, brand and platform;</item>
/// <item>post basis: equally over the influencer's posts, landing on the post's day and platform, then over the
/// influencer's revenue mix by campaign x product x brand for the whole period;</item>
/// <item>both restricted to the payout's month (its <c>date</c>) and <c>campaign</c> when the row has them (a post or
/// sale without a campaign matches any);</item>
/// <item>only positive weights count: a sales fact with zero or negative net orders, or a revenue-mix group with zero
/// or negative net revenue, gets no share (a post's share with no positive mix lands "(unattributed)" on its
/// day);</item>
/// <item>nothing to spread over: the whole amount stays with the influencer, undated, "(unattributed)"
/// elsewhere.</item>
/// </list>
/// </summary>
internal static class SpendAllocator
{
    public static SpendColumns Allocate(Snapshot snapshot)
    {
        var salesOf = GroupByInfluencer(snapshot.Sales.Influencer, snapshot.Sales.Count, snapshot.Influencers.Count);
        var postsOf = GroupByInfluencer(snapshot.Posts.Influencer, snapshot.Posts.Count, snapshot.Influencers.Count);
        var none = snapshot.Campaigns.Intern(Snapshot.None);
        var spend = new Dictionary<SpendKey, long>();
        foreach (var (influencer, payout, _) in snapshot.Payouts)
        {
            if (payout.TotalPayoutPaise == 0)
            {
                continue;
            }

            var campaign = payout.Campaign.Length == 0 ? (int?)null : snapshot.Campaigns.Intern(payout.Campaign);
            var month = payout.Date is { } date ? date.Year * 12 + date.Month : (int?)null;
            bool Matches(int day, int factCampaign) =>
                (month is null || MonthOf(day) == month)
                && (campaign is null || factCampaign == campaign || factCampaign == none);

            var spread = payout.Basis == PayoutBasis.Order
                ? ByOrders(snapshot, salesOf[influencer], payout.TotalPayoutPaise, Matches, spend)
                : ByPosts(snapshot, influencer, salesOf[influencer], postsOf[influencer], campaign,
                    payout.TotalPayoutPaise, Matches, spend);
            if (!spread)
            {
                var unattributed = snapshot.Campaigns.Intern(Snapshot.Unattributed);
                var key = new SpendKey(SpendColumns.Undated, influencer, campaign ?? unattributed,
                    snapshot.Products.Intern(Snapshot.Unattributed), snapshot.Brands.Intern(Snapshot.Unattributed),
                    snapshot.Platforms.Intern(Snapshot.Unattributed));
                spend[key] = spend.GetValueOrDefault(key) + payout.TotalPayoutPaise;
            }
        }

        var columns = new SpendColumns(spend.Count);
        foreach (var (key, amount) in spend.OrderBy(s => s.Key.Day).ThenBy(s => s.Key.Influencer))
        {
            columns.Add(key.Day, key.Influencer, key.Campaign, key.Product, key.Brand, key.Platform, amount);
        }

        return columns;
    }

    private static bool ByOrders(Snapshot snapshot, List<int> sales, long amount, Func<int, int, bool> matches,
        Dictionary<SpendKey, long> spend)
    {
        var s = snapshot.Sales;
        var targets = sales.Where(i => s.Orders[i] > 0 && matches(s.Day[i], s.Campaign[i])).ToList();
        if (targets.Count == 0)
        {
            return false;
        }

        var shares = LargestRemainder.Split(amount, targets.Select(i => (long)s.Orders[i]).ToList());
        for (var t = 0; t < targets.Count; t++)
        {
            var i = targets[t];
            Add(spend, new SpendKey(s.Day[i], s.Influencer[i], s.Campaign[i], s.Product[i], s.Brand[i], s.Platform[i]),
                shares[t]);
        }

        return true;
    }

    private static bool ByPosts(
        Snapshot snapshot, int influencer, List<int> sales, List<int> posts, int? campaign, long amount,
        Func<int, int, bool> matches, Dictionary<SpendKey, long> spend)
    {
        var p = snapshot.Posts;
        var targets = posts.Where(i => p.Posts[i] > 0 && matches(p.Day[i], p.Campaign[i])).ToList();
        if (targets.Count == 0)
        {
            return false;
        }

        var mix = RevenueMix(snapshot, sales, campaign);
        var postShares = LargestRemainder.Split(amount, targets.Select(i => (long)p.Posts[i]).ToList());
        for (var t = 0; t < targets.Count; t++)
        {
            var i = targets[t];
            var mixShares = LargestRemainder.Split(postShares[t], mix.Select(m => m.Revenue).ToList());
            for (var m = 0; m < mix.Count; m++)
            {
                Add(spend, new SpendKey(p.Day[i], influencer, mix[m].Campaign, mix[m].Product, mix[m].Brand,
                    p.Platform[i]), mixShares[m]);
            }
        }

        return true;
    }

    /// <summary>
    /// The influencer's revenue by campaign x product x brand over the whole period (within the payout's campaign when
    /// it names one); a single "(unattributed)" entry when they sold nothing there.
    /// </summary>
    private static List<(int Campaign, int Product, int Brand, long Revenue)> RevenueMix(Snapshot snapshot,
        List<int> sales, int? campaign)
    {
        var s = snapshot.Sales;
        var mix = sales.Where(i => campaign is null || s.Campaign[i] == campaign)
            .GroupBy(i => (s.Campaign[i], s.Product[i], s.Brand[i]))
            .Select(g => (g.Key.Item1, g.Key.Item2, g.Key.Item3, Revenue: g.Sum(i => s.Revenue[i])))
            .Where(m => m.Revenue > 0)
            .OrderBy(m => m.Item1).ThenBy(m => m.Item2).ThenBy(m => m.Item3)
            .ToList();
        if (mix.Count == 0)
        {
            var unattributed = snapshot.Campaigns.Intern(Snapshot.Unattributed);
            mix.Add((campaign ?? unattributed, snapshot.Products.Intern(Snapshot.Unattributed),
                snapshot.Brands.Intern(Snapshot.Unattributed), 1));
        }

        return mix;
    }

    private static void Add(Dictionary<SpendKey, long> spend, SpendKey key, long amount)
    {
        if (amount != 0)
        {
            spend[key] = spend.GetValueOrDefault(key) + amount;
        }
    }

    private static List<int>[] GroupByInfluencer(int[] influencer, int count, int influencers)
    {
        var groups = new List<int>[influencers];
        for (var i = 0; i < influencers; i++)
        {
            groups[i] = [];
        }

        for (var i = 0; i < count; i++)
        {
            groups[influencer[i]].Add(i);
        }

        return groups;
    }

    private static int MonthOf(int dayNumber)
    {
        var date = DateOnly.FromDayNumber(dayNumber);
        return date.Year * 12 + date.Month;
    }

    private readonly record struct SpendKey(int Day, int Influencer, int Campaign, int Product, int Brand,
        int Platform);
}
