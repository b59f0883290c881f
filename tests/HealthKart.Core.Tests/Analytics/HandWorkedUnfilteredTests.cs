using HealthKart.Core.Analytics;
using static HealthKart.Core.Tests.Analytics.Expected;
using static HealthKart.Core.Tests.Analytics.HandWorkedDataset;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>The hand-worked dataset (see <see cref="HandWorkedDataset"/>) with no filter.</summary>
public sealed class HandWorkedUnfilteredTests
{
    private static readonly InfluencerItem Asha = Influencer("INF001", "Asha Rao", "Fitness", "Female", "Instagram",
        40_000, "Micro");
    private static readonly InfluencerItem Bharat = Influencer("INF002", "Bharat Singh", "Bodybuilding", "Male",
        "YouTube", 150_000, "Mid");
    private static readonly InfluencerItem Chitra = Influencer("INF003", "Chitra Iyer", "Nutrition", "Female",
        "Twitter", 300_000, "Macro");
    private static readonly InfluencerItem Dev = Influencer("INF004", "Dev Malhotra", "Wellness", "Male", "TikTok",
        800_000, "Mega");

    // Per influencer (sales, spend and posts from the dataset's comment):
    //   INF001 11,000.00 / 9 orders / spend 4,000.01; ROI 6,999.99 / 4,000.01 x 100 = 174.99931 -> 174.9993;
    //          ROAS 11,000 / 4,000.01 = 2.749993 -> 2.75; incr. 11,000 x 0.98 = 10,780.00, / 4,000.01 = 2.694993 ->
    //          2.695; CPO 4,000.01 / 9 = 444.4456 -> 444.45; 3 posts, ER 1,960 / 24,000 x 100 = 8.16667 -> 8.1667
    //   INF002 5,900.00 / 5 / 1,450.03; ROI 4,449.97 / 1,450.03 x 100 = 306.88813 -> 306.8881; ROAS 4.068881 -> 4.0689;
    //          incr. 5,782.00, / 1,450.03 = 3.987504 -> 3.9875; CPO 290.006 -> 290.01; 3 posts, ER 4,040 / 47,000 =
    //          8.5957
    //   INF003 5,400.00 / 7 / 3,000.02; ROI 2,399.98 / 3,000.02 x 100 = 79.99880 -> 79.9988; ROAS 1.799988 -> 1.8;
    //          incr. 5,292.00, / 3,000.02 = 1.763988 -> 1.764; CPO 428.5743 -> 428.57; 2 posts, ER 1,400 / 55,000 =
    //          2.5455
    //   INF004 3,000.00 / 5 / no spend: ROI, ROAS, incremental ROAS null; incr. 2,940.00; CPO 0 / 5 = 0.00;
    //          2 posts, ER 8,600 / 90,000 = 9.5556
    private static readonly InfluencerItem AshaFigures =
        Asha.With(11_000m, 9, 4_000.01m, 174.9993, 2.75, 10_780m, 2.695, 444.45m, 3, 24_000, 8.1667);
    private static readonly InfluencerItem BharatFigures =
        Bharat.With(5_900m, 5, 1_450.03m, 306.8881, 4.0689, 5_782m, 3.9875, 290.01m, 3, 47_000, 8.5957);
    private static readonly InfluencerItem ChitraFigures =
        Chitra.With(5_400m, 7, 3_000.02m, 79.9988, 1.8, 5_292m, 1.764, 428.57m, 2, 55_000, 2.5455);
    private static readonly InfluencerItem DevFigures =
        Dev.With(3_000m, 5, 0m, null, null, 2_940m, null, 0.00m, 2, 90_000, 9.5556);

    [Fact]
    public void AllocatesEveryPayoutInPaiseByLargestRemainder()
    {
        var snapshot = HandWorkedDataset.Snapshot;
        var spend = snapshot.Spend;
        var actual = Enumerable.Range(0, spend.Count)
            .Select(i => (
                Day: spend.Day[i] == SpendColumns.Undated
                    ? "undated" : DateOnly.FromDayNumber(spend.Day[i]).ToString("MM-dd"),
                Influencer: snapshot.Influencers[spend.Influencer[i]].Id,
                Campaign: snapshot.Campaigns[spend.Campaign[i]],
                Product: snapshot.Products[spend.Product[i]],
                Brand: snapshot.Brands[spend.Brand[i]],
                Platform: snapshot.Platforms[spend.Platform[i]],
                Paise: spend.Amount[i]))
            .OrderBy(s => s.Influencer).ThenBy(s => s.Day).ThenBy(s => s.Campaign).ThenBy(s => s.Product).ToList();

        // S1 to S21 of the dataset's comment, sorted by influencer, day, campaign, product.
        (string, string, string, string, string, string, long)[] expected =
        [
            ("07-02", "INF001", "Summer", "MuscleBlaze Whey", "MuscleBlaze", "Instagram", 100_000),  // P1 x 2/6
            ("07-05", "INF001", "Summer", "HKVitals Fish Oil", "HKVitals", "Instagram", 50_000),     // P1 x 1/6
            // P1 x 3/6 + the left-over paisa
            ("07-20", "INF001", "Monsoon", "MuscleBlaze Whey", "MuscleBlaze", "YouTube", 150_001),
            // P2 x 1/3 (net of the refund)
            ("08-03", "INF001", "Monsoon", "MuscleBlaze Whey", "MuscleBlaze", "Instagram", 33_333),
            // P2 x 2/3 + the left-over paisa
            ("08-12", "INF001", "Monsoon", "Gritzo SuperMilk", "Gritzo", "Instagram", 66_667),
            // P3, post p4, mix 6/59
            ("07-02", "INF002", "Monsoon", "Gritzo SuperMilk", "Gritzo", "YouTube", 3_390),
            // P3, post p4, mix 8/59
            ("07-02", "INF002", "Monsoon", "HKVitals Fish Oil", "HKVitals", "YouTube", 4_520),
            // P3, post p4, mix 45/59
            ("07-02", "INF002", "Summer", "MuscleBlaze Whey", "MuscleBlaze", "YouTube", 25_424),
            // P4 x 1/5 + tie paisa
            ("07-03", "INF002", "Summer", "MuscleBlaze Whey", "MuscleBlaze", "YouTube", 9_001),
            ("07-09", "INF002", "Monsoon", "Gritzo SuperMilk", "Gritzo", "YouTube", 3_390),          // P3, post p5
            ("07-09", "INF002", "Monsoon", "HKVitals Fish Oil", "HKVitals", "YouTube", 4_520),
            ("07-09", "INF002", "Summer", "MuscleBlaze Whey", "MuscleBlaze", "YouTube", 25_423),
            ("07-10", "INF002", "Summer", "MuscleBlaze Whey", "MuscleBlaze", "YouTube", 18_001),     // P4 x 2/5
            ("08-04", "INF002", "Monsoon", "Gritzo SuperMilk", "Gritzo", "YouTube", 3_390),          // P3, post p6
            ("08-04", "INF002", "Monsoon", "HKVitals Fish Oil", "HKVitals", "YouTube", 4_520),
            ("08-04", "INF002", "Summer", "MuscleBlaze Whey", "MuscleBlaze", "YouTube", 25_423),
            // P4 x 1/5 + tie paisa
            ("08-05", "INF002", "Monsoon", "Gritzo SuperMilk", "Gritzo", "YouTube", 9_001),
            // P4 x 1/5 (empty source)
            ("08-06", "INF002", "Monsoon", "HKVitals Fish Oil", "HKVitals", "YouTube", 9_000),
            // P5 x 3/4 + tie paisa
            ("07-04", "INF003", "Summer", "HKVitals Fish Oil", "HKVitals", "Twitter", 150_002),
            // P5 x 1/4 (net of the cancel)
            ("07-18", "INF003", "Summer", "HKVitals Fish Oil", "HKVitals", "Twitter", 50_000),
            // P6
            ("undated", "INF003", "(unattributed)", "(unattributed)", "(unattributed)", "(unattributed)", 100_000),
        ];
        Assert.Equal(expected, actual);

        // Conservation: 300,001 + 100,000 + 100,000 + 45,003 + 200,002 + 100,000 = 845,006 paise.
        Assert.Equal(845_006, actual.Sum(s => s.Paise));
    }

    [Fact]
    public void SummarisesEveryKpiOfTheWholeDataset()
    {
        var summary = AnalyticsEngine.Summary(Select(), Today);

        // Revenue 25,300.00, 26 orders, spend 845,006 paise = 8,450.06 (7,450.06 dated + P6's 1,000.00 undated).
        // ROI (25,300.00 - 8,450.06) / 8,450.06 x 100 = 16,849.94 / 8,450.06 x 100 = 199.40621 -> 199.4062
        // ROAS 25,300 / 8,450.06 = 2.994062 -> 2.9941
        // Incremental 25,300 x 0.98 = 24,794.00; / 8,450.06 = 2.934180 -> 2.9342
        // Cost per order 8,450.06 / 26 = 325.0023 -> 325.00
        // Engagement 16,000 / 216,000 x 100 = 7.40741 -> 7.4074
        Assert.Equal(new Kpis().With(25_300m, 26, 8_450.06m, 199.4062, 2.9941, 24_794m, 2.9342, 325.00m, 10, 216_000,
            7.4074),
            FiguresOf(summary));

        // Four influencers with activity, three paid, one poor (INF003: ROAS 1.8 < 2); P6's 1,000.00 is undated.
        Assert.Equal((4, 3, 1, 1, 1_000m), (summary.InfluencerCount, summary.PaidInfluencerCount,
            summary.UnpaidInfluencerCount, summary.PoorPerformerCount, summary.UndatedSpend));

        // Data from 07-01 (post p1) to 08-12 (F15): 31 + 12 = 43
        // days; today 08-12, the last 7 days (08-06 to 08-12) mature.
        Assert.Equal(new PeriodInfo(new DateOnly(2025, 7, 1), new DateOnly(2025, 8, 12), 43, 7, 7), summary.Period);
        Assert.Equal(("flat", 0.02), (summary.Incrementality.Method, summary.Incrementality.BaselineRate));
        Assert.Equal("hand-v1", summary.DatasetVersion);
    }

    [Fact]
    public void RanksPaidInfluencersByEfficiencyScoreAndListsTheUnpaidOneUnranked()
    {
        // Efficiency score over the three paid influencers (INF004 is unpaid: listed, no score, no rank).
        //   incremental ROAS 2.695 / 3.9875 / 1.764: min 1.764, range 2.2235 -> 0.931/2.2235 = 0.418709 / 1 / 0
        //   revenue per follower 11,000/40,000 = 0.275 / 5,900/150,000 = 0.039333 -> 0.0393 / 5,400/300,000 = 0.018:
        //       range 0.257 -> 1 / 0.0213/0.257 = 0.082879 / 0
        //   engagement rate 8.1667 / 8.5957 / 2.5455: range 6.0502 -> 5.6212/6.0502 = 0.929093 / 1 / 0
        //   cost per order (lower is better) 444.45 / 290.01 / 428.57: range 154.44 -> 0 / 1 / 1 - 138.56/154.44 =
        //   0.102823 INF001 100 x (0.4 x 0.418709 + 0.2 x 1 + 0.2 x 0.929093 + 0.2 x 0) = 55.3302 -> 55.33
        //   INF002 100 x (0.4 x 1 + 0.2 x 0.082879 + 0.2 x 1 + 0.2 x 1)         = 81.6576 -> 81.66
        //   INF003 100 x (0 + 0 + 0 + 0.2 x 0.102823)                             =  2.0565 -> 2.06
        // Poor: ROI < 50 or ROAS < 2 -> INF003 only (ROAS 1.8); INF001 2.75 and INF002 4.0689 are fine.
        // INF004's revenue per follower 3,000 / 800,000 = 0.00375 -> 0.0038 (half away from zero).
        InfluencerItem[] expected =
        [
            BharatFigures with { Paid = true, RevenuePerFollower = 0.0393, EfficiencyScore = 81.66, Rank = 1 },
            AshaFigures with { Paid = true, RevenuePerFollower = 0.275, EfficiencyScore = 55.33, Rank = 2 },
            ChitraFigures with { Paid = true, RevenuePerFollower = 0.018, EfficiencyScore = 2.06, Rank = 3,
                Poor = true },
            DevFigures with { Paid = false, RevenuePerFollower = 0.0038 },
        ];
        var selection = Select("n=2");

        Assert.Equal(expected, AnalyticsEngine.Influencers(selection).Items);
        Assert.Equal(expected[..2], AnalyticsEngine.Top(selection).Items);
        Assert.Equal([expected[2]], AnalyticsEngine.Poor(selection).Items);
    }

    [Fact]
    public void BreaksSpendRevenueAndPostsDownByCampaign()
    {
        // Monsoon: F7+F8+F9+F10+F11+F12+F13+F15 = 450,000+240,000+160,000+60,000+150,000+60,000+80,000+120,000
        //          = 1,320,000 (3+4+2+1+1+1+1+2 = 15 orders); spend S3+S4+S5 = 250,001, S7+S10+S13 = 10,170,
        //          S8+S11+S14 = 13,560, S17+S18 = 18,001 -> 291,732; posts p2 p3 p6 p8 p9 p10: reach 141,000, eng
        //          10,900 ROI 10,282.68/2,917.32 = 352.4701 %, ROAS 4.5247, incr. 12,936.00 -> 4.4342, CPO 194.488 ->
        //          194.49, ER 7.7305
        // Summer:  F1+F2+F3+F4+F5+F6+F14 = 1,210,000 (11 orders); spend S1 100,000 + S2 50,000 + S6/S9/S12 76,270
        //          + S15/S16 27,002 + S19/S20 200,002 = 453,274; posts p1 p4 p5 p7: reach 75,000, eng 5,100
        //          ROI 7,567.26/4,532.74 = 166.9467 %, ROAS 2.6695, incr. 11,858.00 -> 2.6161, CPO 412.0673 -> 412.07,
        //          ER 6.8
        // (unattributed): P6's 1,000.00 and nothing else: ROI -100 %, ROAS 0.
        // 291,732 + 453,274 + 100,000 = 845,006.
        Assert.Equal(
            [
                new CampaignItem("Monsoon").With(13_200m, 15, 2_917.32m, 352.4701, 4.5247, 12_936m, 4.4342, 194.49m, 6,
                    141_000, 7.7305),
                new CampaignItem("Summer").With(12_100m, 11, 4_532.74m, 166.9467, 2.6695, 11_858m, 2.6161, 412.07m, 4,
                    75_000, 6.8),
                new CampaignItem("(unattributed)").SpendOnly(1_000m),
            ],
            AnalyticsEngine.Campaigns(Select()).Items);
    }

    [Fact]
    public void BreaksDownByTheSalesSourceAndThePostsPlatform()
    {
        // YouTube:   F2+F5+F7+F12+F13 = 150,000+300,000+450,000+60,000+80,000 = 1,040,000 (8 orders; F7 is INF001's,
        //            F13 has no source and takes INF002's platform); spend S3 150,001 + all of INF002 145,003 =
        //            295,004; ROI 7,449.96/2,950.04 = 252.5376 %, ROAS 3.5254, incr. 10,192.00 -> 3.4549, CPO 368.755
        //            -> 368.76
        // Instagram: F1+F4+F11+F15 = 650,000 (6); spend S1+S2+S4+S5 = 250,000; ROI 160, ROAS 2.6, incr. 6,370 -> 2.548,
        //            CPO 416.667 -> 416.67
        // Twitter:   F3+F6+F9+F14 = 540,000 (7); spend S19+S20 = 200,002; ROI 3,399.98/2,000.02 = 169.9973 %, ROAS
        // 2.69997
        //            -> 2.7, incr. 5,292 -> 2.645974 -> 2.646, CPO 285.7171 -> 285.72
        // TikTok:    F8+F10 = 300,000 (5), no spend. Posts as per influencer (each posts on their own platform).
        Assert.Equal(
            [
                new PlatformItem("YouTube").With(10_400m, 8, 2_950.04m, 252.5376, 3.5254, 10_192m, 3.4549, 368.76m, 3,
                    47_000, 8.5957),
                new PlatformItem("Instagram").With(6_500m, 6, 2_500m, 160, 2.6, 6_370m, 2.548, 416.67m, 3, 24_000,
                    8.1667),
                new PlatformItem("Twitter").With(5_400m, 7, 2_000.02m, 169.9973, 2.7, 5_292m, 2.646, 285.72m, 2, 55_000,
                    2.5455),
                new PlatformItem("TikTok").With(3_000m, 5, 0m, null, null, 2_940m, null, 0.00m, 2, 90_000, 9.5556),
                new PlatformItem("(unattributed)").SpendOnly(1_000m),
            ],
            AnalyticsEngine.Platforms(Select()).Items);
    }

    [Fact]
    public void BreaksDownByProductAndByBrand()
    {
        // Whey (MuscleBlaze): F1+F2+F5+F7+F11 = 1,350,000 (9); spend
        // S1+S3+S4 = 283,334 + S6/S9/S12 76,270 + S15/S16 27,002
        //   = 386,606; posts p1 p2 p4 p5: reach 53,000, eng 4,800. ROI 9,633.94/3,866.06 = 249.1927 %, ROAS 3.4919,
        //   incr. 13,230 -> 3.4221, CPO 429.5622 -> 429.56, ER 9.0566
        // Fish Oil (HKVitals): F3+F4+F6+F9+F13 = 640,000 (8); spend S2 50,000 + S8/S11/S14 13,560 + S18 9,000
        //   + S19/S20 200,002 = 272,562; posts p7 p8. ROI 3,674.38/2,725.62 = 134.8090 %, ROAS 2.3481, incr. 6,272 ->
        //   2.3011, CPO 340.7025 -> 340.70, ER 2.5455
        // SuperMilk (Gritzo): F8+F10+F12+F14+F15 = 540,000 (9); spend S5 66,667 + S7/S10/S13 10,170 + S17 9,001 =
        // 85,838;
        //   posts p3 p6 p9 p10: reach 108,000, eng 9,800. ROI 4,541.62/858.38 = 529.0920 %, ROAS 6.2909, incr. 5,292 ->
        //   6.1651, CPO 95.3756 -> 95.38, ER 9.0741
        // (unattributed) product, of the (unattributed) brand: P6.
        var products = AnalyticsEngine.Products(Select());

        Assert.Equal(
            [
                new ProductItem("MuscleBlaze Whey", "MuscleBlaze").With(13_500m, 9, 3_866.06m, 249.1927, 3.4919,
                    13_230m, 3.4221, 429.56m, 4, 53_000, 9.0566),
                new ProductItem("HKVitals Fish Oil", "HKVitals").With(6_400m, 8, 2_725.62m, 134.809, 2.3481, 6_272m,
                    2.3011, 340.70m, 2, 55_000, 2.5455),
                new ProductItem("Gritzo SuperMilk", "Gritzo").With(5_400m, 9, 858.38m, 529.092, 6.2909, 5_292m, 6.1651,
                    95.38m, 4, 108_000, 9.0741),
                new ProductItem("(unattributed)", "(unattributed)").SpendOnly(1_000m),
            ],
            products.Items);
        Assert.Equal(
            [
                new BrandItem("MuscleBlaze").With(13_500m, 9, 3_866.06m, 249.1927, 3.4919, 13_230m, 3.4221, 429.56m, 4,
                    53_000, 9.0566),
                new BrandItem("HKVitals").With(6_400m, 8, 2_725.62m, 134.809, 2.3481, 6_272m, 2.3011, 340.70m, 2,
                    55_000, 2.5455),
                new BrandItem("Gritzo").With(5_400m, 9, 858.38m, 529.092, 6.2909, 5_292m, 6.1651, 95.38m, 4, 108_000,
                    9.0741),
                new BrandItem("(unattributed)").SpendOnly(1_000m),
            ],
            products.Brands);

        // The brands view is the same breakdown on its own, as { items } keyed brand.
        Assert.Equal(products.Brands, AnalyticsEngine.Brands(Select()).Items);
    }

    [Fact]
    public void BreaksDownByCategoryTierAndPersona()
    {
        // One influencer per category, tier and persona, so each item is that influencer's figures (above), largest
        // revenue first. Gender adds two: Female = INF001 + INF003: 1,640,000 (16), spend 400,001 + 300,002 = 700,003,
        //   posts 5, reach 79,000, eng 3,360; ROI 9,399.97/7,000.03 = 134.2847 %, ROAS 2.3428, incr. 16,072 -> 2.2960,
        //   CPO 437.5019 -> 437.50, ER 4.2532
        // Male = INF002 + INF004: 890,000 (10), spend 145,003, posts 5, reach 137,000, eng 12,640; ROI
        // 7,449.97/1,450.03 =
        //   513.7804 %, ROAS 6.1378, incr. 8,722 -> 6.0150, CPO 145.006 -> 145.00, ER 9.2263
        var selection = Select();
        Kpis[] each = [AshaFigures, BharatFigures, ChitraFigures, DevFigures];
        string[] categories = ["Fitness", "Bodybuilding", "Nutrition", "Wellness"];
        string[] tiers = ["Micro", "Mid", "Macro", "Mega"];
        string[] platforms = ["Instagram", "YouTube", "Twitter", "TikTok"];
        T Copy<T>(T item, Kpis k) where T : Kpis =>
            item.With(k.Revenue, k.Orders, k.Spend, k.Roi, k.Roas, k.IncrementalRevenue, k.IncrementalRoas,
                k.CostPerOrder, k.Posts, k.Reach, k.EngagementRate);

        Assert.Equal(each.Select((k, i) => Copy(new CategoryItem(categories[i]), k)),
            AnalyticsEngine.Categories(selection).Items);
        Assert.Equal(each.Select((k, i) => Copy(new TierItem(tiers[i]), k)), AnalyticsEngine.Tiers(selection).Items);

        var personas = AnalyticsEngine.Personas(selection);
        Assert.Equal(each.Select((k, i) => Copy(new PersonaItem(categories[i], platforms[i]), k)), personas.Items);
        Assert.Equal(each.Select((k, i) => Copy(new TierItem(tiers[i]), k)), personas.ByTier);
        Assert.Equal(
            [
                new GenderItem("Female").With(16_400m, 16, 7_000.03m, 134.2847, 2.3428, 16_072m, 2.296, 437.50m, 5,
                    79_000, 4.2532),
                new GenderItem("Male").With(8_900m, 10, 1_450.03m, 513.7804, 6.1378, 8_722m, 6.015, 145.00m, 5, 137_000,
                    9.2263),
            ],
            personas.ByGender);

        // The genders view is the same breakdown on its own, as { items } keyed gender (the hand-worked figures above).
        Assert.Equal(personas.ByGender, AnalyticsEngine.Genders(selection).Items);
    }

    [Fact]
    public void PutsDatedSpendOnItsMonthAndGivesTheUndatedSpendApart()
    {
        // July: F1..F9 = 2,000,000 (19 orders); spend S1 S2 S3 (300,001) + S6..S11 (66,667) + S15 S16 (27,002)
        //       + S19 S20 (200,002) = 593,672; posts p1 p2 p4 p5 p7 p8 p9: reach 158,000, eng 11,200
        //       ROI 14,063.28/5,936.72 = 236.8864 %, ROAS 3.3689, incr. 19,600 -> 3.3015, CPO 312.4589 -> 312.46, ER
        //       7.0886
        // August: F10..F15 = 530,000 (7); spend S4 S5 (100,000) + S12 S13 S14 (33,333) + S17 S18 (18,001) = 151,334;
        //       posts p3 p6 p10: reach 58,000, eng 4,800. ROI 3,786.66/1,513.34 = 250.2187 %, ROAS 3.5022,
        //       incr. 5,194 -> 3.4321, CPO 216.1914 -> 216.19, ER 8.2759
        // 593,672 + 151,334 + 100,000 undated = 845,006.
        var series = AnalyticsEngine.TimeSeries(Select("granularity=month"));

        Assert.Equal(
            [
                new PeriodItem(new DateOnly(2025, 7, 1)).With(20_000m, 19, 5_936.72m, 236.8864, 3.3689, 19_600m, 3.3015,
                    312.46m, 7, 158_000, 7.0886),
                new PeriodItem(new DateOnly(2025, 8, 1)).With(5_300m, 7, 1_513.34m, 250.2187, 3.5022, 5_194m, 3.4321,
                    216.19m, 3, 58_000, 8.2759),
            ],
            series.Items);
        Assert.Equal(("month", 1_000m), (series.Granularity, series.UndatedSpend));
    }
}
