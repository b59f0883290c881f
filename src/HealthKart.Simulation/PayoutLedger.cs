namespace HealthKart.Simulation;

/// <summary>
/// Decides how each influencer is paid and writes <c>payouts.csv</c>, one row per influencer x campaign. A row pays for
/// the whole campaign, so its <c>date</c> is left empty: a date would restrict the spend to that month
/// (docs/metrics.md#what-a-payout-row-may-be-spread-over),
/// and the campaign's later sales and posts would carry none of it.
/// <list type="bullet">
/// <item>Order basis: <c>rate</c> per attributed order (₹50-₹300), <c>orders</c> the influencer's completed attributed
/// units in that campaign, <c>total_payout = rate x orders</c>. Campaigns without attributed orders get no row.</item>
/// <item>Post basis: <c>rate</c> per post (₹2,000-₹50,000, growing with followers), <c>orders</c> always 0 because
/// the fee does not depend on sales, <c>total_payout = rate x</c> the influencer's posts in that campaign.</item>
/// <item>Unpaid: influencers without posts, and a few barter deals with posts but no cash.</item>
/// </list>
/// </summary>
internal static class PayoutLedger
{
    public const string FileName = "payouts.csv";
    public const string Header = "influencer_id,basis,rate,orders,total_payout,date,campaign";

    private const double BarterShare = 0.06;
    private const double PostBasisShare = 0.44;

    /// <summary>Writes the payouts; returns the row count and the total paid to each influencer, in paise.</summary>
    public static (long Rows, long[] PaidPerInfluencer) Write(
        string path,
        SimulationOptions options,
        IReadOnlyList<SimulatedInfluencer> roster,
        IReadOnlyList<SimulatedPost> posts,
        SalesTally tally,
        Random random)
    {
        var campaigns = PostCalendar.Campaigns;
        var postsByInfluencer = new List<SimulatedPost>[roster.Count];
        for (var i = 0; i < roster.Count; i++)
        {
            postsByInfluencer[i] = [];
        }

        foreach (var post in posts)
        {
            postsByInfluencer[post.Influencer].Add(post);
        }

        var paid = new long[roster.Count];
        using var csv = new CsvRowWriter(path, Header);
        for (var i = 0; i < roster.Count; i++)
        {
            var own = postsByInfluencer[i];
            var deal = random.NextDouble();
            if (own.Count == 0 || deal < BarterShare)
            {
                continue;
            }

            var perPost = deal < BarterShare + PostBasisShare;
            var ratePaise = 100 * (perPost ? PostRate(roster[i].FollowerCount, random) : OrderRate(roster[i].HomeBrand, random));
            var seen = new HashSet<int>();
            foreach (var first in own)
            {
                if (!seen.Add(first.Campaign))
                {
                    continue;
                }

                long orders = 0, quantity = 0;
                if (perPost)
                {
                    foreach (var post in own)
                    {
                        quantity += post.Campaign == first.Campaign ? 1 : 0;
                    }
                }
                else
                {
                    orders = quantity = tally.AttributedOrders[i * tally.Campaigns + first.Campaign];
                    if (orders == 0)
                    {
                        continue;
                    }
                }

                var total = ratePaise * quantity;
                paid[i] += total;
                csv.Text(roster[i].Id)
                    .Text(perPost ? "post" : "order")
                    .Money(ratePaise)
                    .Integer(orders)
                    .Money(total)
                    .Text("")
                    .Text(campaigns[first.Campaign].Name)
                    .EndRow();
            }
        }

        return (csv.Rows, paid);
    }

    /// <summary>A per-post fee in rupees: ₹2,000 for the smallest accounts up to ₹50,000 for the biggest, ±15 %.</summary>
    private static long PostRate(long followers, Random random)
    {
        var position = Math.Clamp((Math.Log10(followers) - Math.Log10(3_000)) / (Math.Log10(5_000_000) - Math.Log10(3_000)), 0, 1);
        var fee = (2_000 + 48_000 * Math.Pow(position, 1.6)) * random.Uniform(0.85, 1.15);
        return Math.Clamp((long)Math.Round(fee / 100) * 100, 2_000, 50_000);
    }

    /// <summary>A per-order commission in rupees, in steps of ₹10: higher for the pricier MuscleBlaze range.</summary>
    private static long OrderRate(Brand homeBrand, Random random)
    {
        var (low, high) = homeBrand == ProductCatalog.MuscleBlaze ? (120, 300) : homeBrand == ProductCatalog.HKVitals ? (60, 200) : (50, 180);
        return 10 * random.Next(low / 10, high / 10 + 1);
    }
}
