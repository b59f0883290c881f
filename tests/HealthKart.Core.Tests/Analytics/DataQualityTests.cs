using HealthKart.Core.Analytics;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>The cross-file warnings of the data-quality check, on small files worked out by hand.</summary>
public sealed class DataQualityTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("hk-dq-");

    public void Dispose() => _directory.Delete(recursive: true);

    /// <summary>
    /// INF001 posted on 5 March (campaign MB-A), 10 March (no campaign), 20 March (MB-B) and 2 April (MB-A), one post
    /// each. A post-basis payout counts the posts in its month (if it has a date) and of its campaign (if it names one;
    /// a post without a campaign counts for any):
    /// <list type="bullet">
    /// <item>₹1,000 a post, March, MB-A: 5 and 10 March, 2 posts = ₹2,000; recorded ₹2,000: fine.</item>
    /// <item>₹1,000 a post, no date, "mb-a" (any case): 5 March, 10 March, 2 April = ₹3,000; recorded ₹5,000: a
    /// mismatch.</item>
    /// <item>₹500 a post, April, no campaign: 2 April only = ₹500; recorded ₹500.50: within ₹1, fine.</item>
    /// <item>Order basis, ₹100 x 10 orders = ₹1,000; recorded ₹1,002: ₹2 off, a mismatch.</item>
    /// </list>
    /// </summary>
    [Fact]
    public void Flags_payouts_whose_total_differs_from_rate_times_the_activity_in_their_month_and_campaign()
    {
        Write("influencers.csv",
            "ID,name,category,gender,follower_count,platform,brand_fit",
            "INF001,Asha Rao,Fitness,Female,50000,Instagram,0.8");
        Write("posts.csv",
            "post_id,influencer_id,platform,date,URL,caption,reach,likes,comments,campaign,product",
            "P1,INF001,Instagram,2025-03-05,https://x.test/1,a,1000,10,1,MB-A,MuscleBlaze Whey",
            "P2,INF001,Instagram,2025-03-10,https://x.test/2,b,1000,10,1,,MuscleBlaze Whey",
            "P3,INF001,Instagram,2025-03-20,https://x.test/3,c,1000,10,1,MB-B,MuscleBlaze Whey",
            "P4,INF001,Instagram,2025-04-02,https://x.test/4,d,1000,10,1,MB-A,MuscleBlaze Whey");
        Write("tracking_data.csv",
            "source,campaign,influencer_id,user_id,product,date,orders,revenue,brand,order_id,status",
            "influencer,MB-A,INF001,U1,MuscleBlaze Whey,2025-03-06,1,2899.00,MuscleBlaze,O1,completed");
        Write("payouts.csv",
            "influencer_id,basis,rate,orders,total_payout,date,campaign",
            "INF001,post,1000.00,0,2000.00,2025-03-01,MB-A",
            "INF001,post,1000.00,0,5000.00,,mb-a",
            "INF001,post,500.00,0,500.50,2025-04-15,",
            "INF001,order,100.00,10,1002.00,,");

        var snapshot = SnapshotBuilder.Build("dq", SimulatedSources.Read(_directory.FullName), new AnalyticsOptions());
        var mismatch = Assert.Single(DataQuality.Check(snapshot).Items, w => w.Kind == "payout-mismatch");

        Assert.Equal(2, mismatch.Count);
        Assert.Contains(mismatch.Examples,
            e => e.Contains("x 3 = ₹3,000.00, recorded ₹5,000.00", StringComparison.Ordinal));
        Assert.Contains(mismatch.Examples,
            e => e.Contains("x 10 = ₹1,000.00, recorded ₹1,002.00", StringComparison.Ordinal));
    }

    private void Write(string name, params string[] lines) =>
        File.WriteAllLines(Path.Combine(_directory.FullName, name), lines);
}
