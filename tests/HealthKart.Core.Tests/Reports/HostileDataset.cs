using HealthKart.Core.Analytics;
using HealthKart.Core.Validation;

namespace HealthKart.Core.Tests.Reports;

/// <summary>
/// Names an attacker (or a careless spreadsheet) could put in an upload: a formula for an influencer name, campaigns,
/// a category and a product starting with + - @, a tab and a line break inside values. Numbers are hostile too:
/// <code>
///   INF001 "=HYPERLINK(...)"  +Monsoon    2 orders ₹3,000.00, paid ₹1,000.00   ROI (3,000 - 1,000) / 1,000 = 200 %
///   INF002 "Line one\r\nLine two" -Clearance 1 order ₹500.00, paid ₹2,000.00    ROI (500 - 2,000) / 2,000 = -75 %
///   INF003 @admin             @Diwali    3 orders ₹2,400.00 less a refund of 2 orders ₹5,000.00 = 1 order -₹2,600.00,
///                                        paid ₹1,500.00                        ROI (-2,600 - 1,500) / 1,500 =
///                                        -273.3333 %
/// </code>
/// </summary>
internal static class HostileDataset
{
    public const string Formula = "=HYPERLINK(\"http://x\",\"y\")";
    public const string TwoLines = "Line one\r\nLine two";
    public const string Tabbed = "Fit\tness";

    public static readonly DateOnly Today = new(2025, 8, 12);

    private const string Influencers =
        "ID,name,category,gender,follower_count,platform\r\n"
        + "INF001,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",Fitness,Female,40000,Instagram\r\n"
        + "INF002,\"Line one\r\nLine two\",\"Fit\tness\",Male,150000,YouTube\r\n"
        + "INF003,@admin,-Nutrition,Female,300000,Twitter\r\n";

    private const string Posts =
        "influencer_id,platform,date,URL,caption,reach,likes,comments,campaign,product\r\n"
        + "INF001,Instagram,2025-07-01,https://instagram.com/p/1,+Whey day,10000,800,200,+Monsoon,MuscleBlaze Whey\r\n"
        + "INF002,YouTube,2025-07-02,https://youtube.com/watch?v=2,-Whey " +
            "review,20000,1500,500,-Clearance,\"@Gritzo \"\"Milk\"\"\"\r\n"
        + "INF003,Twitter,2025-07-03,https://x.com/i/3,@Omega,30000,600,300,@Diwali,HKVitals Fish Oil\r\n";

    private const string Tracking =
        "source,campaign,influencer_id,user_id,product,date,orders,revenue,status\r\n"
        + "Instagram,+Monsoon,INF001,U01,MuscleBlaze Whey,2025-07-02,2,3000.00,completed\r\n"
        + "YouTube,-Clearance,INF002,U02,\"@Gritzo \"\"Milk\"\"\",2025-07-03,1,500.00,completed\r\n"
        + "Twitter,@Diwali,INF003,U03,HKVitals Fish Oil,2025-07-04,3,2400.00,completed\r\n"
        + "Twitter,@Diwali,INF003,U04,HKVitals Fish Oil,2025-07-05,2,5000.00,refunded\r\n";

    private const string Payouts =
        "influencer_id,basis,rate,orders,total_payout,date,campaign\r\n"
        + "INF001,order,500.00,2,1000.00,,\r\n"
        + "INF002,order,2000.00,1,2000.00,,\r\n"
        + "INF003,order,500.00,3,1500.00,,\r\n";

    public static readonly Snapshot Snapshot = SnapshotBuilder.Build("hostile-v1",
        [Source("influencers.csv", Influencers), Source("posts.csv", Posts), Source("tracking_data.csv", Tracking),
            Source("payouts.csv", Payouts)],
        new AnalyticsOptions());

    public static SnapshotSource Source(string fileName, string csv)
    {
        var outcome = UploadValidator.Validate(fileName, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)),
            ValidationContext.None);
        Assert.True(outcome.Report.Accepted, string.Join("; ", outcome.Report.Errors));
        return new SnapshotSource(fileName, outcome.Facts!);
    }
}
