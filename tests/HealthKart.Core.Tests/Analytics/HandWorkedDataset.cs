using HealthKart.Core.Analytics;
using HealthKart.Core.Validation;
using static HealthKart.Core.Tests.Validation.Uploads;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>
/// Four small CSV files whose every KPI is worked out by hand below (docs/metrics.md#the-metrics,
/// docs/metrics.md#spend-allocation). The tests in this folder assert
/// the engine returns exactly these numbers; none of them was copied from the engine's output.
/// <code>
/// INFLUENCERS                                    tier (Micro &lt; 50K, Mid &lt; 200K, Macro &lt; 500K, Mega)
///   INF001 Asha Rao      Fitness      Female   40,000 Instagram   Micro
///   INF002 Bharat Singh  Bodybuilding Male    150,000 YouTube     Mid
///   INF003 Chitra Iyer   Nutrition    Female  300,000 Twitter     Macro
///   INF004 Dev Malhotra  Wellness     Male    800,000 TikTok      Mega   (never paid)
///
/// NET SALES FACTS (day x influencer x campaign x product x source; organic rows left out; paise)
///   brand from the product name: Whey = MuscleBlaze, Fish Oil = HKVitals, SuperMilk = Gritzo
///   F1  07-02 INF001 Summer  Whey      Instagram  2 orders  300,000
///   F2  07-03 INF002 Summer  Whey      YouTube    1         150,000
///   F3  07-04 INF003 Summer  Fish Oil  Twitter    3         240,000
///   F4  07-05 INF001 Summer  Fish Oil  Instagram  1          80,000
///   F5  07-10 INF002 Summer  Whey      YouTube    2         300,000
///   F6  07-18 INF003 Summer  Fish Oil  Twitter    2-1 = 1   160,000 - 80,000 (cancelled row) = 80,000
///   F7  07-20 INF001 Monsoon Whey      YouTube    3         450,000   (source YouTube, not her own Instagram)
///   F8  07-22 INF004 Monsoon SuperMilk TikTok     4         240,000
///   F9  07-25 INF003 Monsoon Fish Oil  Twitter    2         160,000
///   F10 08-02 INF004 Monsoon SuperMilk TikTok     1          60,000
///   F11 08-03 INF001 Monsoon Whey      Instagram  2-1 = 1   300,000 - 150,000 (refunded row) = 150,000
///   F12 08-05 INF002 Monsoon SuperMilk YouTube    1          60,000
///   F13 08-06 INF002 Monsoon Fish Oil  YouTube    1          80,000   (empty source: her own platform, YouTube)
///   F14 08-08 INF003 Summer  SuperMilk Twitter    1          60,000
///   F15 08-12 INF001 Monsoon SuperMilk Instagram  2         120,000
///   The two organic rows (07-02 5 x Whey 7,500.00, 08-05 2 x SuperMilk 1,200.00) count nowhere.
///   Total: 26 orders, 2,530,000 paise = 25,300.00.
///   INF001 F1+F4+F7+F11+F15 = 9 orders 1,100,000   INF002 F2+F5+F12+F13 = 5 orders 590,000
///   INF003 F3+F6+F9+F14     = 7 orders   540,000   INF004 F8+F10        = 5 orders 300,000
///
/// POSTS (reach / likes+comments = engagements)
///   p1  07-01 INF001 Instagram Summer  Whey      10,000 / 800+200  = 1,000
///   p2  07-19 INF001 Instagram Monsoon Whey       8,000 / 500+100  =   600
///   p3  08-01 INF001 Instagram Monsoon SuperMilk  6,000 / 300+60   =   360
///   p4  07-02 INF002 YouTube   Summer  Whey      20,000 / 1500+500 = 2,000
///   p5  07-09 INF002 YouTube   Summer  Whey      15,000 / 900+300  = 1,200
///   p6  08-04 INF002 YouTube   Monsoon SuperMilk 12,000 / 700+140  =   840
///   p7  07-03 INF003 Twitter   Summer  Fish Oil  30,000 / 600+300  =   900
///   p8  07-24 INF003 Twitter   Monsoon Fish Oil  25,000 / 400+100  =   500
///   p9  07-21 INF004 TikTok    Monsoon SuperMilk 50,000 / 4000+1000 = 5,000
///   p10 08-01 INF004 TikTok    Monsoon SuperMilk 40,000 / 3000+600 = 3,600
///   Total 10 posts, reach 216,000, engagements 16,000.
///
/// SPEND ALLOCATION (docs/metrics.md#rounding-whole-paise-largest-remainder; largest remainder: floor(amount x weight /
/// total weight), then the paise left over go to the largest remainders, ties to the earlier target)
///   P1 INF001 order 3,000.01 = 300,001 paise, month 2025-07, any campaign: F1 (2), F4 (1), F7 (3); weights total 6
///      F1 300,001x2 = 600,002 / 6 = 100,000 r 2      F4 300,001 / 6 = 50,000 r 1      F7 900,003 / 6 = 150,000 r 3
///      floors 300,000, 1 paisa left -> F7 (largest remainder 3): F1 100,000  F4 50,000  F7 150,001
///   P2 INF001 order 1,000.00 = 100,000, month 2025-08: F11 (1), F15 (2); total 3
///      F11 100,000 / 3 = 33,333 r 1   F15 200,000 / 3 = 66,666 r 2   1 left -> F15: F11 33,333  F15 66,667
///   P3 INF002 post 1,000.00 = 100,000, no month or campaign: posts p4, p5, p6 one each
///      100,000 / 3 = 33,333 r 1 each, 1 left, tie -> earliest p4: p4 33,334  p5 33,333  p6 33,333
///      each post's share then follows INF002's whole-period revenue mix: Summer/Whey 450,000 (F2+F5),
///      Monsoon/SuperMilk 60,000 (F12), Monsoon/Fish Oil 80,000 (F13), i.e. 45 : 6 : 8 of 59
///      p4 33,334: 1,500,030/59 = 25,424 r 14   200,004/59 = 3,389 r 53   266,672/59 = 4,519 r 51
///                 floors 33,332, 2 left -> r 53 and r 51: 25,424 / 3,390 / 4,520
///      p5, p6 33,333: 1,499,985/59 = 25,423 r 28   199,998/59 = 3,389 r 47   266,664/59 = 4,519 r 43
///                 floors 33,331, 2 left -> r 47 and r 43: 25,423 / 3,390 / 4,520
///      all on the post's day and platform (YouTube)
///   P4 INF002 order 450.03 = 45,003, whole period: F2 (1), F5 (2), F12 (1), F13 (1); total 5
///      F2 45,003/5 = 9,000 r 3   F5 90,006/5 = 18,001 r 1   F12 9,000 r 3   F13 9,000 r 3
///      floors 45,001, 2 left, tie of r 3 -> the earliest two, F2 and F12: 9,001  18,001  9,001  9,000
///   P5 INF003 order 2,000.02 = 200,002, month 2025-07, campaign Summer: F3 (3), F6 (1) (F9 is Monsoon); total 4
///      F3 600,006/4 = 150,001 r 2   F6 200,002/4 = 50,000 r 2   1 left, tie -> F3: 150,002 and 50,000
///   P6 INF003 order 1,000.00 = 100,000, month 2025-09: nothing there -> undated, "(unattributed)" campaign,
///      product, brand and platform
///   Spend facts (day influencer campaign product platform: paise)
///      S1  07-02 INF001 Summer  Whey      Instagram 100,000   S11 07-09 INF002 Monsoon Fish Oil  YouTube 4,520
///      S2  07-05 INF001 Summer  Fish Oil  Instagram  50,000   S12 08-04 INF002 Summer  Whey      YouTube 25,423
///      S3  07-20 INF001 Monsoon Whey      YouTube   150,001   S13 08-04 INF002 Monsoon SuperMilk YouTube 3,390
///      S4  08-03 INF001 Monsoon Whey      Instagram  33,333   S14 08-04 INF002 Monsoon Fish Oil  YouTube 4,520
///      S5  08-12 INF001 Monsoon SuperMilk Instagram  66,667   S15 07-03 INF002 Summer  Whey      YouTube 9,001
///      S6  07-02 INF002 Summer  Whey      YouTube    25,424   S16 07-10 INF002 Summer  Whey      YouTube 18,001
///      S7  07-02 INF002 Monsoon SuperMilk YouTube     3,390   S17 08-05 INF002 Monsoon SuperMilk YouTube 9,001
///      S8  07-02 INF002 Monsoon Fish Oil  YouTube     4,520   S18 08-06 INF002 Monsoon Fish Oil  YouTube 9,000
///      S9  07-09 INF002 Summer  Whey      YouTube    25,423   S19 07-04 INF003 Summer  Fish Oil  Twitter 150,002
///      S10 07-09 INF002 Monsoon SuperMilk YouTube     3,390   S20 07-18 INF003 Summer  Fish Oil  Twitter  50,000
///      S21 undated INF003 (unattributed) 100,000
///   Per influencer: INF001 300,001 + 100,000 = 400,001   INF002 100,000 + 45,003 = 145,003
///                   INF003 200,002 + 100,000 = 300,002   INF004 0
///   Total 845,006 paise = 8,450.06 = the six total_payout values added up.
///
/// METRICS: ROI = (revenue - spend) / spend x 100, ROAS = revenue / spend, incremental revenue = revenue x 0.98
/// (flat, 2 %), incremental ROAS = that / spend, cost per order = spend / orders (to the paisa), engagement rate =
/// engagements / reach x 100, revenue per follower = revenue / followers; ratios to 4 decimals, half away from zero.
/// </code>
/// </summary>
internal static class HandWorkedDataset
{
    /// <summary>
    /// A day before "today" is still maturing when it is among the last 7 days (MaturityDays default).
    /// </summary>
    public static readonly DateOnly Today = new(2025, 8, 12);

    public const string Influencers = """
        ID,name,category,gender,follower_count,platform
        INF001,Asha Rao,Fitness,Female,40000,Instagram
        INF002,Bharat Singh,Bodybuilding,Male,150000,YouTube
        INF003,Chitra Iyer,Nutrition,Female,300000,Twitter
        INF004,Dev Malhotra,Wellness,Male,800000,TikTok
        """;

    public const string Posts = """
        influencer_id,platform,date,URL,caption,reach,likes,comments,campaign,product
        INF001,Instagram,2025-07-01,https://instagram.com/p/1,Whey day,10000,800,200,Summer,MuscleBlaze Whey
        INF001,Instagram,2025-07-19,https://instagram.com/p/2,Whey again,8000,500,100,Monsoon,MuscleBlaze Whey
        INF001,Instagram,2025-08-01,https://instagram.com/p/3,Milk for kids,6000,300,60,Monsoon,Gritzo SuperMilk
        INF002,YouTube,2025-07-02,https://youtube.com/watch?v=4,Whey review,20000,1500,500,Summer,MuscleBlaze Whey
        INF002,YouTube,2025-07-09,https://youtube.com/watch?v=5,Whey review 2,15000,900,300,Summer,MuscleBlaze Whey
        INF002,YouTube,2025-08-04,https://youtube.com/watch?v=6,Milk for kids,12000,700,140,Monsoon,Gritzo SuperMilk
        INF003,Twitter,2025-07-03,https://x.com/i/7,Omega 3,30000,600,300,Summer,HKVitals Fish Oil
        INF003,Twitter,2025-07-24,https://x.com/i/8,Omega 3 again,25000,400,100,Monsoon,HKVitals Fish Oil
        INF004,TikTok,2025-07-21,https://tiktok.com/v/9,Milk dance,50000,4000,1000,Monsoon,Gritzo SuperMilk
        INF004,TikTok,2025-08-01,https://tiktok.com/v/10,Milk dance 2,40000,3000,600,Monsoon,Gritzo SuperMilk
        """;

    public const string Tracking = """
        source,campaign,influencer_id,user_id,product,date,orders,revenue,status
        Instagram,Summer,INF001,U01,MuscleBlaze Whey,2025-07-02,2,3000.00,completed
        organic,,,U17,MuscleBlaze Whey,2025-07-02,5,7500.00,completed
        YouTube,Summer,INF002,U07,MuscleBlaze Whey,2025-07-03,1,1500.00,completed
        Twitter,Summer,INF003,U11,HKVitals Fish Oil,2025-07-04,3,2400.00,completed
        Instagram,Summer,INF001,U02,HKVitals Fish Oil,2025-07-05,1,800.00,completed
        YouTube,Summer,INF002,U08,MuscleBlaze Whey,2025-07-10,2,3000.00,completed
        Twitter,Summer,INF003,U12,HKVitals Fish Oil,2025-07-18,2,1600.00,completed
        Twitter,Summer,INF003,U19,HKVitals Fish Oil,2025-07-18,1,800.00,cancelled
        YouTube,Monsoon,INF001,U03,MuscleBlaze Whey,2025-07-20,3,4500.00,completed
        TikTok,Monsoon,INF004,U15,Gritzo SuperMilk,2025-07-22,4,2400.00,completed
        Twitter,Monsoon,INF003,U13,HKVitals Fish Oil,2025-07-25,2,1600.00,completed
        TikTok,Monsoon,INF004,U16,Gritzo SuperMilk,2025-08-02,1,600.00,completed
        Instagram,Monsoon,INF001,U04,MuscleBlaze Whey,2025-08-03,2,3000.00,completed
        Instagram,Monsoon,INF001,U05,MuscleBlaze Whey,2025-08-03,1,1500.00,refunded
        YouTube,Monsoon,INF002,U09,Gritzo SuperMilk,2025-08-05,1,600.00,completed
        organic,,,U18,Gritzo SuperMilk,2025-08-05,2,1200.00,completed
        ,Monsoon,INF002,U10,HKVitals Fish Oil,2025-08-06,1,800.00,
        Twitter,Summer,INF003,U14,Gritzo SuperMilk,2025-08-08,1,600.00,completed
        Instagram,Monsoon,INF001,U06,Gritzo SuperMilk,2025-08-12,2,1200.00,completed
        """;

    public const string Payouts = """
        influencer_id,basis,rate,orders,total_payout,date,campaign
        INF001,order,500.00,6,3000.01,2025-07-01,
        INF001,order,500.00,2,1000.00,2025-08-15,
        INF002,post,333.33,3,1000.00,,
        INF002,order,90.00,5,450.03,,
        INF003,order,500.00,4,2000.02,2025-07-15,Summer
        INF003,order,500.00,2,1000.00,2025-09-01,
        """;

    /// <summary>
    /// The figures of docs/metrics.md, worked by hand below. The customer figures (docs/customers.md) are left out of
    /// this snapshot (its tracking source keeps no customer rows), so each expected item states only what it was worked
    /// out for; they are checked against an independent recomputation in
    /// <see cref="Customers.CustomerRecomputationTests"/>.
    /// </summary>
    public static readonly Snapshot Snapshot = SnapshotBuilder.Build("hand-v1",
        [Source("influencers.csv", Influencers), Source("posts.csv", Posts),
            WithoutCustomers(Source("tracking_data.csv", Tracking)), Source("payouts.csv", Payouts)],
        new AnalyticsOptions());

    /// <summary>
    /// The same four files with the tracking source's customer rows kept (U01 to U19, each one customer).
    /// </summary>
    public static Snapshot WithCustomers() => SnapshotBuilder.Build("hand-v1",
        [Source("influencers.csv", Influencers), Source("posts.csv", Posts), Source("tracking_data.csv", Tracking),
            Source("payouts.csv", Payouts)],
        new AnalyticsOptions());

    private static SnapshotSource WithoutCustomers(SnapshotSource source) =>
        source with { Facts = source.Facts with { Customers = HealthKart.Core.Facts.CustomerRows.None } };

    /// <summary>A selection for a query string such as <c>platform=youtube,instagram&amp;campaign=Summer</c>.</summary>
    public static Selection Select(string queryString = "") => new(Snapshot, Parse(queryString));

    /// <summary>
    /// Parses like the HTTP host: names compared case-insensitively, a repeated name's values together.
    /// </summary>
    public static AnalyticsQuery Parse(string queryString) => AnalyticsQueryParser.Parse(
        queryString.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .GroupBy(pair => pair[0], StringComparer.OrdinalIgnoreCase)
            .Select(g =>
                KeyValuePair.Create(g.Key, g.Select(pair => (string?)Uri.UnescapeDataString(pair[1])).ToArray())),
        ViewParameters.Count, ViewParameters.Granularity);

    /// <summary>One file validated as an upload is, into the source a snapshot is built from.</summary>
    public static SnapshotSource Source(string fileName, string csv)
    {
        var outcome = UploadValidator.Validate(fileName,
            new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Lines(csv))), ValidationContext.None);
        Assert.True(outcome.Report.Accepted, string.Join("; ", outcome.Report.Errors));
        return new SnapshotSource(fileName, outcome.Facts!);
    }
}
