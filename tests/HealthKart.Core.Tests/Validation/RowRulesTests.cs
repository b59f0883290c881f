using HealthKart.Core.Validation;
using static HealthKart.Core.Tests.Validation.Uploads;

namespace HealthKart.Core.Tests.Validation;

/// <summary>Cross-row and cross-file checks: they warn, and a file with only warnings is still accepted.</summary>
public sealed class RowRulesTests
{
    private const string PostsHeader = "influencer_id,platform,date,URL,caption,reach,likes,comments";

    private static IEnumerable<RowIssue> WarningsAbout(ValidationReport report, string reasonFragment) =>
        report.Warnings.Where(w => w.Reason.Contains(reasonFragment, StringComparison.Ordinal));

    [Fact]
    public void WarnsWhenLikesPlusCommentsExceedReach()
    {
        var report = Validate("posts.csv", Lines(PostsHeader,
            "INF001,Instagram,2025-07-01,https://a/1,Shake,100,90,20",   // 90 + 20 = 110 > 100
            "INF001,Instagram,2025-07-02,https://a/2,Shake,100,90,10")) // 90 + 10 = 100, not more than reach
            .Report;

        Assert.True(report.Accepted);
        var warning = Assert.Single(WarningsAbout(report, "exceed reach"));
        Assert.Equal((2L, "reach", "100"), (warning.Row, warning.Column, warning.Value));
        Assert.Contains("(110)", warning.Reason);
    }

    [Fact]
    public void WarnsAboutADuplicatePostUrlNamingTheFirstRow()
    {
        var report = Validate("posts.csv", Lines(PostsHeader,
            "INF001,Instagram,2025-07-01,https://a/1,Shake,100,1,1",
            "INF002,Instagram,2025-07-01,https://a/2,Shake,100,1,1",
            "INF001,Instagram,2025-07-03,https://a/1,Shake again,100,1,1")).Report;

        Assert.True(report.Accepted);
        var warning = Assert.Single(WarningsAbout(report, "duplicate post URL"));
        Assert.Equal((4L, "URL", "https://a/1"), (warning.Row, warning.Column, warning.Value));
        Assert.Contains("first seen on row 2", warning.Reason);
    }

    [Fact]
    public void WarnsWhenAnOrderBasedPayoutIsNotRateTimesOrders()
    {
        var report = Validate("payouts.csv", Lines(
            "influencer_id,basis,rate,orders,total_payout",
            "INF001,order,120,25,3500",     // 120 x 25 = 3,000.00 but 3,500.00 recorded: 500 rupees apart
            "INF002,order,120,25,3001.00",  // 100 paise apart: rounding, tolerated
            "INF003,order,120,25,3001.01",  // 101 paise apart: reported
            "INF004,post,15000,40,99")      // per-post payouts are not checked against orders
            ).Report;

        Assert.True(report.Accepted);
        var warnings = WarningsAbout(report, "differs from rate x orders").ToList();
        Assert.Equal([2L, 4L], warnings.Select(w => w.Row));
        Assert.Equal(("total_payout", "₹3,500.00"), (warnings[0].Column, warnings[0].Value));
        Assert.Contains("₹3,000.00", warnings[0].Reason);
    }

    [Fact]
    public void WarnsOnceForEachUnknownInfluencer()
    {
        var context = Knowing(("INF001", 120_000));
        var report = Validate("tracking_data.csv", Lines(
            "source,campaign,influencer_id,user_id,product,date,orders,revenue",
            "Instagram,C1,INF001,U1,MuscleBlaze Whey,2025-07-01,1,100",
            "Instagram,C1,INF009,U2,MuscleBlaze Whey,2025-07-01,1,100",
            "Instagram,C1,inf009,U3,MuscleBlaze Whey,2025-07-02,1,100", // the same ID, whatever its case
            "YouTube,C1,INF010,U4,MuscleBlaze Whey,2025-07-02,1,100",
            "Instagram,C1,INF009,U5,MuscleBlaze Whey,2025-07-03,1,100",
            "organic,,,U6,MuscleBlaze Whey,2025-07-03,1,100"), context).Report; // baseline sales name nobody

        Assert.True(report.Accepted);
        var warnings = WarningsAbout(report, "not in the ingested influencers").ToList();
        Assert.Equal([(3L, "INF009"), (5L, "INF010")], warnings.Select(w => (w.Row, w.Value!)));
        Assert.Equal(2, report.WarningCount);
    }

    [Fact]
    public void SaysInfluencerIdsWereNotCheckedWhenNoInfluencersAreIngested()
    {
        var report = Validate("payouts.csv", Lines(
            "influencer_id,basis,rate,orders,total_payout",
            "INF404,post,15000,0,15000")).Report;

        var warning = Assert.Single(report.Warnings);
        Assert.Equal(0, warning.Row);
        Assert.Contains("were not checked", warning.Reason);
    }

    [Fact]
    public void WarnsWhenReachExceedsTheInfluencersFollowers()
    {
        var context = Knowing(("INF001", 1_000), ("INF002", 5_000));
        var report = Validate("posts.csv", Lines(PostsHeader,
            "INF001,Instagram,2025-07-01,https://a/1,Shake,1500,10,1", // 1,500 > 1,000 followers
            "INF001,Instagram,2025-07-02,https://a/2,Shake,1000,10,1", // equal: fine
            "INF002,Instagram,2025-07-02,https://a/3,Shake,4999,10,1"), context).Report;

        Assert.True(report.Accepted);
        var warning = Assert.Single(report.Warnings);
        Assert.Equal((2L, "reach", "1500"), (warning.Row, warning.Column, warning.Value));
        Assert.Contains("1000 followers", warning.Reason);
    }

    [Fact]
    public void RejectsADuplicateInfluencerIdButNotADuplicateName()
    {
        var report = Validate("influencers.csv", Lines(
            "ID,name,category,gender,follower_count,platform",
            "INF001,Asha Rao,Fitness,Female,120000,Instagram",
            "INF002,Asha Rao,Fitness,Female,80000,YouTube",  // two people may share a name
            "inf001,Asha R.,Fitness,Female,120000,Instagram")).Report; // IDs compare case-insensitively

        Assert.False(report.Accepted);
        var error = Assert.Single(report.Errors);
        Assert.Equal((4L, "ID", "inf001"), (error.Row, error.Column, error.Value));
    }
}
