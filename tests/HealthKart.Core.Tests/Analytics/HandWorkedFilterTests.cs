using HealthKart.Core.Analytics;
using static HealthKart.Core.Tests.Analytics.Expected;
using static HealthKart.Core.Tests.Analytics.HandWorkedDataset;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>The hand-worked dataset (see <see cref="HandWorkedDataset"/>) under filters (docs/filters.md).</summary>
public sealed class HandWorkedFilterTests
{
    private static readonly InfluencerItem Asha = Influencer("INF001", "Asha Rao", "Fitness", "Female", "Instagram", 40_000, "Micro");
    private static readonly InfluencerItem Bharat = Influencer("INF002", "Bharat Singh", "Bodybuilding", "Male", "YouTube", 150_000, "Mid");
    private static readonly InfluencerItem Chitra = Influencer("INF003", "Chitra Iyer", "Nutrition", "Female", "Twitter", 300_000, "Macro");
    private static readonly InfluencerItem Dev = Influencer("INF004", "Dev Malhotra", "Wellness", "Male", "TikTok", 800_000, "Mega");

    private const string July = "from=2025-07-01&to=2025-07-31";

    // July: sales F1..F9, posts p1 p2 p4 p5 p7 p8 p9, dated spend of July only (P2 is August, P6 undated).
    //   INF001 F1+F4+F7 = 830,000 (6 orders); spend S1+S2+S3 = 300,001; posts p1 p2: reach 18,000, eng 1,600
    //          ROI 5,299.99/3,000.01 = 176.6657 %, ROAS 2.766657 -> 2.7667, incr. 8,134.00 -> 2.711324 -> 2.7113,
    //          CPO 500.0017 -> 500.00, ER 8.8889, revenue per follower 8,300/40,000 = 0.2075
    //   INF002 F2+F5 = 450,000 (3); spend p4 33,334 + p5 33,333 + S15 9,001 + S16 18,001 = 93,669; p4 p5: 35,000 / 3,200
    //          ROI 3,563.31/936.69 = 380.4151 %, ROAS 4.8042, incr. 4,410.00 -> 4.7081, CPO 312.23, ER 9.1429, RPF 0.03
    //   INF003 F3+F6+F9 = 480,000 (6); spend S19+S20 = 200,002; p7 p8: 55,000 / 1,400
    //          ROI 2,799.98/2,000.02 = 139.9976 %, ROAS 2.39998 -> 2.4 (no longer poor without the undated P6),
    //          incr. 4,704.00 -> 2.352, CPO 333.3367 -> 333.34, ER 2.5455, RPF 0.016
    //   INF004 F8 = 240,000 (4); no spend; p9: 50,000 / 5,000 -> ER 10; RPF 0.003
    //   Total 2,000,000 (19), spend 300,001 + 93,669 + 200,002 = 593,672, 7 posts, reach 158,000, eng 11,200.
    [Fact]
    public void DateRangeLeavesOutTheUndatedSpendAndEverythingOutsideIt()
    {
        var selection = Select(July);
        var summary = AnalyticsEngine.Summary(selection, Today);

        // ROI (20,000 - 5,936.72) / 5,936.72 x 100 = 236.8864, ROAS 3.3689, incr. 19,600 -> 3.3015, CPO 312.4589 -> 312.46,
        // ER 11,200 / 158,000 = 7.0886. 31 days, none within 7 days of 08-12.
        Assert.Equal(new Kpis().With(20_000m, 19, 5_936.72m, 236.8864, 3.3689, 19_600m, 3.3015, 312.46m, 7, 158_000, 7.0886),
            FiguresOf(summary));
        Assert.Equal((4, 3, 1, 0, 0m), (summary.InfluencerCount, summary.PaidInfluencerCount, summary.UnpaidInfluencerCount,
            summary.PoorPerformerCount, summary.UndatedSpend));
        Assert.Equal(new PeriodInfo(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 31), 31, 0, 7), summary.Period);

        // Score: incr. ROAS 2.7113 / 4.7081 / 2.352, range 2.3561 -> 0.3593/2.3561 = 0.152498 / 1 / 0
        //        revenue per follower 0.2075 / 0.03 / 0.016, range 0.1915 -> 1 / 0.014/0.1915 = 0.073107 / 0
        //        engagement 8.8889 / 9.1429 / 2.5455, range 6.5974 -> 6.3434/6.5974 = 0.961500 / 1 / 0
        //        cost per order 500.00 / 312.23 / 333.34, range 187.77 -> 0 / 1 / 1 - 21.11/187.77 = 0.887575
        //   INF001 100 x (0.4 x 0.152498 + 0.2 + 0.2 x 0.9615) = 45.3299 -> 45.33
        //   INF002 100 x (0.4 + 0.2 x 0.073107 + 0.2 + 0.2)     = 81.4621 -> 81.46
        //   INF003 100 x (0.2 x 0.887575)                       = 17.7515 -> 17.75
        Assert.Equal(
            [
                Bharat.With(4_500m, 3, 936.69m, 380.4151, 4.8042, 4_410m, 4.7081, 312.23m, 2, 35_000, 9.1429)
                    with { Paid = true, RevenuePerFollower = 0.03, EfficiencyScore = 81.46, Rank = 1 },
                Asha.With(8_300m, 6, 3_000.01m, 176.6657, 2.7667, 8_134m, 2.7113, 500.00m, 2, 18_000, 8.8889)
                    with { Paid = true, RevenuePerFollower = 0.2075, EfficiencyScore = 45.33, Rank = 2 },
                Chitra.With(4_800m, 6, 2_000.02m, 139.9976, 2.4, 4_704m, 2.352, 333.34m, 2, 55_000, 2.5455)
                    with { Paid = true, RevenuePerFollower = 0.016, EfficiencyScore = 17.75, Rank = 3 },
                Dev.With(2_400m, 4, 0m, null, null, 2_352m, null, 0.00m, 1, 50_000, 10) with { RevenuePerFollower = 0.003 },
            ],
            AnalyticsEngine.Influencers(selection).Items);
        Assert.Empty(AnalyticsEngine.Poor(selection).Items);

        // Summer: F1..F6 = 1,150,000 (10); spend S1 S2 150,000 + S6 S9 50,847 + S15 S16 27,002 + S19 S20 200,002 = 427,851;
        //   posts p1 p4 p5 p7: 75,000 / 5,100. ROI 7,221.49/4,278.51 = 168.7852 %, ROAS 2.6879, incr. 11,270 -> 2.6341,
        //   CPO 427.851 -> 427.85, ER 6.8
        // Monsoon: F7 F8 F9 = 850,000 (9); spend S3 150,001 + S7 S10 6,780 + S8 S11 9,040 = 165,821; posts p2 p8 p9:
        //   83,000 / 6,100. ROI 6,841.79/1,658.21 = 412.6009 %, ROAS 5.126, incr. 8,330 -> 5.0235, CPO 184.2456 -> 184.25,
        //   ER 7.3494. No "(unattributed)" item: the undated spend is out.
        Assert.Equal(
            [
                new CampaignItem("Summer").With(11_500m, 10, 4_278.51m, 168.7852, 2.6879, 11_270m, 2.6341, 427.85m, 4, 75_000, 6.8),
                new CampaignItem("Monsoon").With(8_500m, 9, 1_658.21m, 412.6009, 5.126, 8_330m, 5.0235, 184.25m, 3, 83_000, 7.3494),
            ],
            AnalyticsEngine.Campaigns(selection).Items);

        // YouTube: F2 F5 F7 = 900,000 (6); spend S3 150,001 + INF002's July 93,669 = 243,670; p4 p5.
        //   ROI 6,563.30/2,436.70 = 269.3520 %, ROAS 3.6935, incr. 8,820 -> 3.6196, CPO 406.1167 -> 406.12, ER 9.1429
        // Twitter = INF003's July; Instagram: F1 F4 = 380,000 (3), spend S1 S2 = 150,000, p1 p2: ROI 153.3333, ROAS 2.5333,
        //   incr. 3,724 -> 2.4827, CPO 500.00, ER 1,600/18,000 = 8.8889; TikTok = INF004's July.
        Assert.Equal(
            [
                new PlatformItem("YouTube").With(9_000m, 6, 2_436.70m, 269.352, 3.6935, 8_820m, 3.6196, 406.12m, 2, 35_000, 9.1429),
                new PlatformItem("Twitter").With(4_800m, 6, 2_000.02m, 139.9976, 2.4, 4_704m, 2.352, 333.34m, 2, 55_000, 2.5455),
                new PlatformItem("Instagram").With(3_800m, 3, 1_500m, 153.3333, 2.5333, 3_724m, 2.4827, 500.00m, 2, 18_000, 8.8889),
                new PlatformItem("TikTok").With(2_400m, 4, 0m, null, null, 2_352m, null, 0.00m, 1, 50_000, 10),
            ],
            AnalyticsEngine.Platforms(selection).Items);
    }

    [Fact]
    public void AFromDateAloneAlsoLeavesOutTheUndatedSpend()
    {
        // Everything is dated on or after 07-01 except P6: 8,450.06 - 1,000.00 = 7,450.06.
        var summary = AnalyticsEngine.Summary(Select("from=2025-07-01"), Today);

        Assert.Equal((25_300m, 7_450.06m, 0m), (summary.Revenue, summary.Spend, summary.UndatedSpend));
    }

    [Fact]
    public void TimeSeriesOfAMonthByWeekStartsOnMondayAndKeepsEmptyWeeks()
    {
        // 2025-07-01 is a Tuesday, so the weeks start 06-30, 07-07, 07-14, 07-21 and 07-28 (only 07-28..07-31 in range).
        //   06-30: F1 F2 F3 F4 = 770,000 (7); spend 07-02 133,334 (S1 100,000 + p4's 33,334) + 07-03 9,001 + 07-04 150,002
        //          + 07-05 50,000 = 342,337; posts p1 p4 p7: reach 60,000, eng 3,900
        //          ROI 4,276.63/3,423.37 = 124.9246 %, ROAS 2.2492, incr. 7,546 -> 2.2043, CPO 489.0529 -> 489.05, ER 6.5
        //   07-07: F5 = 300,000 (2); spend 07-09 33,333 + 07-10 18,001 = 51,334; p5: 15,000 / 1,200
        //          ROI 2,486.66/513.34 = 484.4080 %, ROAS 5.8441, incr. 2,940 -> 5.7272, CPO 256.67, ER 8
        //   07-14: F6 F7 = 530,000 (4); spend 07-18 50,000 + 07-20 150,001 = 200,001; p2: 8,000 / 600
        //          ROI 3,299.99/2,000.01 = 164.9987 %, ROAS 2.649987 -> 2.65, incr. 5,194 -> 2.597, CPO 500.0025 -> 500.00, ER 7.5
        //   07-21: F8 F9 = 400,000 (6); no spend; p8 p9: 75,000 / 5,500 -> ER 7.3333; CPO 0.00
        //   07-28: nothing.
        // Weeks add up: 770,000 + 300,000 + 530,000 + 400,000 = 2,000,000; 342,337 + 51,334 + 200,001 = 593,672.
        var series = AnalyticsEngine.TimeSeries(Select(July + "&granularity=WEEK"));

        Assert.Equal(
            [
                new PeriodItem(new DateOnly(2025, 6, 30)).With(7_700m, 7, 3_423.37m, 124.9246, 2.2492, 7_546m, 2.2043, 489.05m, 3, 60_000, 6.5),
                new PeriodItem(new DateOnly(2025, 7, 7)).With(3_000m, 2, 513.34m, 484.408, 5.8441, 2_940m, 5.7272, 256.67m, 1, 15_000, 8),
                new PeriodItem(new DateOnly(2025, 7, 14)).With(5_300m, 4, 2_000.01m, 164.9987, 2.65, 5_194m, 2.597, 500.00m, 1, 8_000, 7.5),
                new PeriodItem(new DateOnly(2025, 7, 21)).With(4_000m, 6, 0m, null, null, 3_920m, null, 0.00m, 2, 75_000, 7.3333),
                new PeriodItem(new DateOnly(2025, 7, 28)).With(0m, 0, 0m, null, null, 0m, null, null, 0, 0, null),
            ],
            series.Items);
        Assert.Equal(("week", 0m), (series.Granularity, series.UndatedSpend));
    }

    [Fact]
    public void TimeSeriesOfAMonthByMonthIsTheMonthsTotal()
    {
        var series = AnalyticsEngine.TimeSeries(Select(July + "&granularity=month"));

        Assert.Equal(
            [new PeriodItem(new DateOnly(2025, 7, 1)).With(20_000m, 19, 5_936.72m, 236.8864, 3.3689, 19_600m, 3.3015, 312.46m, 7, 158_000, 7.0886)],
            series.Items);
    }

    [Fact]
    public void TimeSeriesOfAMonthByDayHasEveryDayEvenTheEmptyOnes()
    {
        // Days with anything (sales F, spend S, posts p) and their figures; the other 17 days of July are all zero.
        //   07-01 p1 10,000/1,000 (ER 10)                07-02 F1 300,000 (2), spend 133,334, p4 20,000/2,000
        //     07-02: ROI 1,666.66/1,333.34 = 124.9989 %, ROAS 2.249989 -> 2.25, incr. 2,940 -> 2.205, CPO 666.67
        //   07-03 F2 150,000 (1), S15 9,001, p7 30,000/900: ROI 1,409.99/90.01 = 1,566.4815 %, ROAS 16.6648,
        //     incr. 1,470 -> 16.3315, CPO 90.01, ER 3
        //   07-04 F3 240,000 (3), S19 150,002: ROI 899.98/1,500.02 = 59.9979 %, ROAS 1.6, incr. 2,352 -> 1.568, CPO 500.0067 -> 500.01
        //   07-05 F4 80,000 (1), S2 50,000: ROI 60, ROAS 1.6, incr. 784 -> 1.568, CPO 500.00
        //   07-09 p5's 33,333 and p5 15,000/1,200, no sales: ROI -100, ROAS 0, ER 8
        //   07-10 F5 300,000 (2), S16 18,001: ROI 2,819.99/180.01 = 1,566.5741 %, ROAS 16.6657, incr. 2,940 -> 16.3324, CPO 90.005 -> 90.01
        //   07-18 F6 80,000 (1), S20 50,000: as 07-05      07-19 p2 8,000/600 (ER 7.5)
        //   07-20 F7 450,000 (3), S3 150,001: ROI 2,999.99/1,500.01 = 199.998 %, ROAS 2.99998 -> 3, incr. 4,410 -> 2.93998 -> 2.94,
        //     CPO 500.0033 -> 500.00
        //   07-21 p9 50,000/5,000 (ER 10)   07-22 F8 240,000 (4), no spend   07-24 p8 25,000/500 (ER 2)   07-25 F9 160,000 (2)
        var empty = new Kpis().With(0m, 0, 0m, null, null, 0m, null, null, 0, 0, null);
        var days = new Dictionary<int, Kpis>
        {
            [1] = empty.With(0m, 0, 0m, null, null, 0m, null, null, 1, 10_000, 10),
            [2] = empty.With(3_000m, 2, 1_333.34m, 124.9989, 2.25, 2_940m, 2.205, 666.67m, 1, 20_000, 10),
            [3] = empty.With(1_500m, 1, 90.01m, 1_566.4815, 16.6648, 1_470m, 16.3315, 90.01m, 1, 30_000, 3),
            [4] = empty.With(2_400m, 3, 1_500.02m, 59.9979, 1.6, 2_352m, 1.568, 500.01m, 0, 0, null),
            [5] = empty.With(800m, 1, 500m, 60, 1.6, 784m, 1.568, 500.00m, 0, 0, null),
            [9] = empty.With(0m, 0, 333.33m, -100, 0, 0m, 0, null, 1, 15_000, 8),
            [10] = empty.With(3_000m, 2, 180.01m, 1_566.5741, 16.6657, 2_940m, 16.3324, 90.01m, 0, 0, null),
            [18] = empty.With(800m, 1, 500m, 60, 1.6, 784m, 1.568, 500.00m, 0, 0, null),
            [19] = empty.With(0m, 0, 0m, null, null, 0m, null, null, 1, 8_000, 7.5),
            [20] = empty.With(4_500m, 3, 1_500.01m, 199.998, 3, 4_410m, 2.94, 500.00m, 0, 0, null),
            [21] = empty.With(0m, 0, 0m, null, null, 0m, null, null, 1, 50_000, 10),
            [22] = empty.With(2_400m, 4, 0m, null, null, 2_352m, null, 0.00m, 0, 0, null),
            [24] = empty.With(0m, 0, 0m, null, null, 0m, null, null, 1, 25_000, 2),
            [25] = empty.With(1_600m, 2, 0m, null, null, 1_568m, null, 0.00m, 0, 0, null),
        };
        var expected = Enumerable.Range(1, 31).Select(day =>
        {
            var k = days.GetValueOrDefault(day, empty);
            return new PeriodItem(new DateOnly(2025, 7, day)).With(k.Revenue, k.Orders, k.Spend, k.Roi, k.Roas, k.IncrementalRevenue,
                k.IncrementalRoas, k.CostPerOrder, k.Posts, k.Reach, k.EngagementRate);
        });

        var series = AnalyticsEngine.TimeSeries(Select(July));

        Assert.Equal(expected, series.Items);
        Assert.Equal("day", series.Granularity);
    }

    // platform=youtube,instagram (comma-separated, lower case) and campaign=Summer:
    //   sales F1 (Instagram) F4 (Instagram) F2 F5 (YouTube); F7 is YouTube but Monsoon
    //   INF001 F1+F4 = 380,000 (3); spend S1+S2 = 150,000; post p1 10,000/1,000
    //          ROI 153.3333 %, ROAS 2.5333, incr. 3,724 -> 2.482667 -> 2.4827, CPO 500.00, ER 10, RPF 3,800/40,000 = 0.095
    //   INF002 F2+F5 = 450,000 (3); spend S6 S9 S12 (76,270) + S15 S16 (27,002) = 103,272; p4 p5 35,000/3,200
    //          ROI 3,467.28/1,032.72 = 335.7425 %, ROAS 4.3574, incr. 4,410 -> 4.2703, CPO 344.24, ER 9.1429, RPF 0.03
    //   Score over two: each wins some components outright (normalised 1) and loses the others (0):
    //          INF001 best RPF and ER: 20 + 20 = 40;  INF002 best incr. ROAS and CPO: 40 + 20 = 60
    [Fact]
    public void PlatformAndCampaignFiltersNarrowSalesPostsAndSpendAlike()
    {
        var selection = Select("platform=youtube,instagram&campaign=Summer");
        var summary = AnalyticsEngine.Summary(selection, Today);

        // 830,000 (6), spend 253,272, posts p1 p4 p5: 45,000 / 4,200. ROI 5,767.28/2,532.72 = 227.7109 %, ROAS 3.2771,
        // incr. 8,134 -> 3.2116, CPO 422.12, ER 9.3333.
        Assert.Equal(new Kpis().With(8_300m, 6, 2_532.72m, 227.7109, 3.2771, 8_134m, 3.2116, 422.12m, 3, 45_000, 9.3333), FiguresOf(summary));
        Assert.Equal((2, 2, 0, 0m), (summary.InfluencerCount, summary.PaidInfluencerCount, summary.PoorPerformerCount, summary.UndatedSpend));
        Assert.Equal(
            [
                Bharat.With(4_500m, 3, 1_032.72m, 335.7425, 4.3574, 4_410m, 4.2703, 344.24m, 2, 35_000, 9.1429)
                    with { Paid = true, RevenuePerFollower = 0.03, EfficiencyScore = 60, Rank = 1 },
                Asha.With(3_800m, 3, 1_500m, 153.3333, 2.5333, 3_724m, 2.4827, 500.00m, 1, 10_000, 10)
                    with { Paid = true, RevenuePerFollower = 0.095, EfficiencyScore = 40, Rank = 2 },
            ],
            AnalyticsEngine.Influencers(selection).Items);
        Assert.Equal(
            [
                new PlatformItem("YouTube").With(4_500m, 3, 1_032.72m, 335.7425, 4.3574, 4_410m, 4.2703, 344.24m, 2, 35_000, 9.1429),
                new PlatformItem("Instagram").With(3_800m, 3, 1_500m, 153.3333, 2.5333, 3_724m, 2.4827, 500.00m, 1, 10_000, 10),
            ],
            AnalyticsEngine.Platforms(selection).Items);

        // Whey: F1 F2 F5 = 750,000 (5); spend S1 100,000 + 76,270 + 27,002 = 203,272; p1 p4 p5. ROI 5,467.28/2,032.72 =
        //   268.9638 %, ROAS 3.6896, incr. 7,350 -> 3.6158, CPO 406.544 -> 406.54, ER 9.3333
        // Fish Oil: F4 80,000 (1), spend S2 50,000, no post: ROI 60, ROAS 1.6, incr. 784 -> 1.568, CPO 500.00
        Assert.Equal(
            [
                new ProductItem("MuscleBlaze Whey", "MuscleBlaze").With(7_500m, 5, 2_032.72m, 268.9638, 3.6896, 7_350m, 3.6158, 406.54m, 3, 45_000, 9.3333),
                new ProductItem("HKVitals Fish Oil", "HKVitals").With(800m, 1, 500m, 60, 1.6, 784m, 1.568, 500.00m, 0, 0, null),
            ],
            AnalyticsEngine.Products(selection).Items);
    }

    // tier=micro,Macro and gender=female: INF001 and INF003, with the undated P6 (no date filter).
    //   Totals = the Female figures: 1,640,000 (16), spend 700,003, posts 5, reach 79,000, eng 3,360.
    //   Score over two: INF001 best incr. ROAS (2.695 > 1.764), RPF and ER: 40 + 20 + 20 = 80;
    //   INF003 best cost per order (428.57 < 444.45): 20. INF003 is poor (ROAS 1.8).
    [Fact]
    public void TierAndGenderFiltersKeepTheirInfluencersWithTheUndatedSpend()
    {
        var selection = Select("tier=micro,Macro&gender=FEMALE");
        var summary = AnalyticsEngine.Summary(selection, Today);

        Assert.Equal(new Kpis().With(16_400m, 16, 7_000.03m, 134.2847, 2.3428, 16_072m, 2.296, 437.50m, 5, 79_000, 4.2532), FiguresOf(summary));
        Assert.Equal((2, 2, 1, 1_000m), (summary.InfluencerCount, summary.PaidInfluencerCount, summary.PoorPerformerCount, summary.UndatedSpend));

        var asha = Asha.With(11_000m, 9, 4_000.01m, 174.9993, 2.75, 10_780m, 2.695, 444.45m, 3, 24_000, 8.1667)
            with { Paid = true, RevenuePerFollower = 0.275, EfficiencyScore = 80, Rank = 1 };
        var chitra = Chitra.With(5_400m, 7, 3_000.02m, 79.9988, 1.8, 5_292m, 1.764, 428.57m, 2, 55_000, 2.5455)
            with { Paid = true, RevenuePerFollower = 0.018, EfficiencyScore = 20, Rank = 2, Poor = true };
        Assert.Equal([asha, chitra], AnalyticsEngine.Influencers(selection).Items);
        Assert.Equal([chitra], AnalyticsEngine.Poor(selection).Items);

        // Monsoon: F7 F11 F15 (INF001) + F9 (INF003) = 450,000 + 150,000 + 120,000 + 160,000 = 880,000 (8);
        //   spend S3 S4 S5 = 250,001; posts p2 p3 p8: 39,000 / 1,460.
        //   ROI 6,299.99/2,500.01 = 251.9986 %, ROAS 3.52, incr. 8,624 -> 3.4496, CPO 312.50125 -> 312.50, ER 3.7436
        // Summer: F1 F4 (INF001) + F3 F6 F14 (INF003) = 300,000 + 80,000 + 240,000 + 80,000 + 60,000 = 760,000 (8);
        //   spend S1 S2 S19 S20 = 350,002; posts p1 p7: 40,000 / 1,900.
        //   ROI 4,099.98/3,500.02 = 117.1416 %, ROAS 2.1714, incr. 7,448 -> 2.128, CPO 437.5025 -> 437.50, ER 4.75
        Assert.Equal(
            [
                new CampaignItem("Monsoon").With(8_800m, 8, 2_500.01m, 251.9986, 3.52, 8_624m, 3.4496, 312.50m, 3, 39_000, 3.7436),
                new CampaignItem("Summer").With(7_600m, 8, 3_500.02m, 117.1416, 2.1714, 7_448m, 2.128, 437.50m, 2, 40_000, 4.75),
                new CampaignItem("(unattributed)").SpendOnly(1_000m),
            ],
            AnalyticsEngine.Campaigns(selection).Items);
        Assert.Equal(["Micro", "Macro"], AnalyticsEngine.Tiers(selection).Items.Select(t => t.Tier));
    }

    // category=fitness&category=Wellness (repeated, any case): INF001 (paid) and INF004 (unpaid).
    //   1,100,000 + 300,000 = 1,400,000 (14), spend 400,001, posts 3 + 2, reach 24,000 + 90,000 = 114,000,
    //   eng 1,960 + 8,600 = 10,560. ROI 9,999.99/4,000.01 = 249.9991 %, ROAS 3.499991 -> 3.5, incr. 13,720 -> 3.43,
    //   CPO 285.715 -> 285.72, ER 9.2632. The only paid influencer ties with itself on every component: 100.
    [Fact]
    public void RepeatedCategoryFilterKeepsBothAndLeavesTheUnpaidOneUnranked()
    {
        var selection = Select("category=fitness&category=Wellness");
        var summary = AnalyticsEngine.Summary(selection, Today);

        Assert.Equal(new Kpis().With(14_000m, 14, 4_000.01m, 249.9991, 3.5, 13_720m, 3.43, 285.72m, 5, 114_000, 9.2632), FiguresOf(summary));
        Assert.Equal((2, 1, 1, 0), (summary.InfluencerCount, summary.PaidInfluencerCount, summary.UnpaidInfluencerCount, summary.PoorPerformerCount));
        Assert.Equal(
            [
                Asha.With(11_000m, 9, 4_000.01m, 174.9993, 2.75, 10_780m, 2.695, 444.45m, 3, 24_000, 8.1667)
                    with { Paid = true, RevenuePerFollower = 0.275, EfficiencyScore = 100, Rank = 1 },
                Dev.With(3_000m, 5, 0m, null, null, 2_940m, null, 0.00m, 2, 90_000, 9.5556) with { RevenuePerFollower = 0.0038 },
            ],
            AnalyticsEngine.Influencers(selection).Items);
        Assert.Equal(["Fitness", "Wellness"], AnalyticsEngine.Categories(selection).Items.Select(c => c.Category));
        Assert.Equal(["INF001"], AnalyticsEngine.Top(selection).Items.Select(i => i.InfluencerId));
    }

    [Fact]
    public void BrandFilterKeepsThatBrandsSalesSpendAndPosts()
    {
        // Gritzo SuperMilk: F8 F10 F12 F14 F15 = 540,000 (9); spend S5 66,667 + S7 S10 S13 10,170 + S17 9,001 = 85,838;
        // posts p3 p6 p9 p10 (a post's brand is its product's): 108,000 / 9,800. As the product row of the breakdown.
        var summary = AnalyticsEngine.Summary(Select("brand=GRITZO"), Today);

        Assert.Equal(new Kpis().With(5_400m, 9, 858.38m, 529.092, 6.2909, 5_292m, 6.1651, 95.38m, 4, 108_000, 9.0741), FiguresOf(summary));
    }

    [Fact]
    public void InfluencerFilterMatchesAnyCaseAndADateFilterDropsTheirUndatedSpend()
    {
        // INF003: 5,400.00 and 3,000.02 of spend, 1,000.00 of it undated; in September they have only the undated payout.
        var all = AnalyticsEngine.Summary(Select("influencer=inf003"), Today);
        var september = AnalyticsEngine.Summary(Select("influencer=inf003&from=2025-09-01&to=2025-09-30"), Today);

        Assert.Equal((5_400m, 3_000.02m, 1_000m, 1), (all.Revenue, all.Spend, all.UndatedSpend, all.InfluencerCount));
        Assert.Equal((0m, 0m, 0m, 0, (double?)null), (september.Revenue, september.Spend, september.UndatedSpend, september.InfluencerCount, september.Roi));
    }

    [Fact]
    public void UnknownCampaignMatchesNothingRatherThanFailing()
    {
        var selection = Select("campaign=No Such Campaign");
        var summary = AnalyticsEngine.Summary(selection, Today);

        Assert.Equal(new Kpis().With(0m, 0, 0m, null, null, 0m, null, null, 0, 0, null), FiguresOf(summary));
        Assert.Equal(0, summary.InfluencerCount);
        Assert.Empty(AnalyticsEngine.Campaigns(selection).Items);
        Assert.Empty(AnalyticsEngine.Influencers(selection).Items);
        Assert.All(AnalyticsEngine.TimeSeries(selection).Items, period => Assert.Equal((0m, 0m), (period.Revenue, period.Spend)));
    }
}
