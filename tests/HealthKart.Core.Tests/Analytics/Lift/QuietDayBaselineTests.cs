using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Lift;

namespace HealthKart.Core.Tests.Analytics.Lift;

/// <summary>
/// Sparse posting, worked by hand. 84 days (12 whole weeks from Monday 2025-01-06) of organic Whey sales: 1,000.00 on
/// weekdays, 1,400.00 on Saturdays, 1,200.00 on Sundays. Posts of Whey on day 28 (INF1 and INF2, campaign Summer) and
/// day 56 (INF1, Monsoon); a post works for 14 days, so days 28-41 and 56-69 are active (28 days) and the other 56
/// quiet. On every active day the influencer sales are 250.00 (days 28-41: INF1 150.00 + INF2 100.00; days 56-69: INF1
/// 250.00) and organic sales rise by 100.00 (people who saw a post and bought without its code).
/// <code>
/// Baseline fitted on the quiet days: exactly the weekday pattern (no noise, no trend), so on the active days
///   actual - baseline = 250 + 100 = 350 a day; incremental = 28 x 350 = 9,800.00; interval 9,800.00 to 9,800.00.
/// Attributed revenue on active days = 28 x 250 = 7,000.00, so each attributed rupee carries 9,800 / 7,000 = 1.4:
///   INF1 (14 x 150 + 14 x 250 = 5,600.00) gets 7,840.00; INF2 (14 x 100 = 1,400.00) gets 1,960.00.
///   Summer (days 28-41, 3,500.00) and Monsoon (days 56-69, 3,500.00) get 4,900.00 each.
/// Gritzo Kids has posts and influencer sales but no organic sales at all: insufficient data, never a number.
/// </code>
/// </summary>
public sealed class QuietDayBaselineTests
{
    private const string Whey = "MuscleBlaze Whey";
    private const string Gritzo = "Gritzo Kids";

    private static readonly Snapshot Snapshot = Build();

    private static Snapshot Build()
    {
        var data = new LiftDataset();
        for (var day = 0; day < 84; day++)
        {
            var weekday = day % 7; // 0 = Monday
            var active = day is >= 28 and <= 41 or >= 56 and <= 69;
            data.Organic(day, Whey, (weekday == 5 ? 1_400m : weekday == 6 ? 1_200m : 1_000m) + (active ? 100m : 0m));
            if (day is >= 28 and <= 41)
            {
                data.Sale(day, "INF1", "Summer", Whey, 150m).Sale(day, "INF2", "Summer", Whey, 100m);
            }
            else if (day is >= 56 and <= 69)
            {
                data.Sale(day, "INF1", "Monsoon", Whey, 250m);
            }
        }

        data.Post(28, "INF1", "Summer", Whey, 40_000).Post(28, "INF2", "Summer", Whey, 10_000)
            .Post(56, "INF1", "Monsoon", Whey, 30_000);
        data.Post(70, "INF2", "Summer", Gritzo, 5_000);
        for (var day = 70; day < 75; day++)
        {
            data.Sale(day, "INF2", "Summer", Gritzo, 20m);
        }

        return data.Build();
    }

    [Fact]
    public void The_baseline_from_quiet_days_gives_the_products_lift_with_its_interval_and_verdict()
    {
        var whey = LiftModel.Of(Snapshot).Products.Single(p => p.Product == Whey);

        Assert.Equal((LiftMethods.QuietDays, 84, 28, 56), (whey.Method, whey.Days, whey.ActiveDays, whey.QuietDays));
        Assert.Equal((9_800m, 9_800m, 9_800m), (whey.IncrementalRevenue, whey.Low, whey.High));
        Assert.Equal(Verdicts.Incremental, whey.Verdict);
        // Counterfactual on the active days: 4 weeks x (5 x 1,000 + 1,400 + 1,200) = 30,400.00; 9,800 / 30,400.
        Assert.Equal(0.3224, whey.Lift);
    }

    [Fact]
    public void The_lift_is_shared_by_attributed_revenue_on_active_days()
    {
        var influencers =
            AnalyticsEngine.Influencers(LiftDataset.Select(Snapshot, "product=" + Whey)).Items.ToDictionary(i =>
                i.InfluencerId);
        var campaigns = AnalyticsEngine.Campaigns(LiftDataset.Select(Snapshot, "product=" + Whey)).Items.ToDictionary(
            i => i.Campaign);
        var firstWindow = AnalyticsEngine.Summary(LiftDataset.Select(Snapshot, $"product={Whey}&to=2025-02-16"),
            new DateOnly(2025, 6, 1));

        Assert.Equal((7_840m, 1_960m),
            (influencers["INF1"].IncrementalRevenue, influencers["INF2"].IncrementalRevenue));
        Assert.Equal((4_900m, 4_900m),
            (campaigns["Summer"].IncrementalRevenue, campaigns["Monsoon"].IncrementalRevenue));
        Assert.Equal(4_900m, firstWindow.IncrementalRevenue);
        Assert.Equal(new IncrementalityInterval(7_840m, 7_840m, 0.95), influencers["INF1"].IncrementalInterval);
        Assert.Equal(Verdicts.Incremental, influencers["INF1"].IncrementalVerdict);
    }

    [Fact]
    public void A_product_without_organic_sales_is_insufficient_data_never_a_number()
    {
        var gritzo = LiftModel.Of(Snapshot).Products.Single(p => p.Product == Gritzo);
        var summary = AnalyticsEngine.Summary(LiftDataset.Select(Snapshot, "product=" + Gritzo),
            new DateOnly(2025, 6, 1));

        Assert.Equal((Verdicts.InsufficientData, null), (gritzo.Verdict, gritzo.IncrementalRevenue));
        Assert.Contains("organic", gritzo.Reason, StringComparison.Ordinal);
        Assert.Equal((null, null, Verdicts.InsufficientData), (summary.IncrementalRevenue, summary.IncrementalRoas,
            summary.IncrementalVerdict));
        Assert.Equal(("prepost", Verdicts.InsufficientData),
            (summary.Incrementality.Method, summary.Incrementality.Verdict));
    }

    [Fact]
    public void The_flat_method_stays_the_default_and_says_it_is_an_assumption()
    {
        var summary = AnalyticsEngine.Summary(new Selection(Snapshot, AnalyticsQuery.All), new DateOnly(2025, 6, 1));

        // Attributed revenue 7,000.00 + 100.00 of Gritzo, less 2 %.
        Assert.Equal((6_958m, null, null), (summary.IncrementalRevenue, summary.IncrementalVerdict,
            summary.IncrementalInterval));
        Assert.Equal(("flat", 0.02), (summary.Incrementality.Method, summary.Incrementality.BaselineRate));
    }
}
