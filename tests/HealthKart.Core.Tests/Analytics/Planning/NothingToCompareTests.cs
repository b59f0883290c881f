using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Planning;
using static HealthKart.Core.Tests.Analytics.HandWorkedDataset;

namespace HealthKart.Core.Tests.Analytics.Planning;

/// <summary>
/// Spend and posts, but no paid influencer above zero in attributed net revenue: the plan moves nothing and says why,
/// and the insights rank no segment, since every one returns ₹0.00 (docs/planner.md, "In plain words").
/// </summary>
public sealed class NothingToCompareTests
{
    private const string Header = "source,campaign,influencer_id,user_id,product,date,orders,revenue,status";
    private const string Organic = """
        organic,,,U01,MuscleBlaze Whey Protein 1kg,2025-07-02,5,7500.00,completed
        organic,,,U02,Gritzo SuperMilk,2025-08-05,2,1200.00,completed
        """;

    /// <summary>INF001's one sale refunded: a sale attributed, its net revenue zero.</summary>
    private const string Refunded = """
        Instagram,Summer,INF001,U03,MuscleBlaze Whey Protein 1kg,2025-07-02,1,1500.00,completed
        Instagram,Summer,INF001,U03,MuscleBlaze Whey Protein 1kg,2025-07-02,1,1500.00,refunded
        """;

    public static readonly TheoryData<string> Sales = [Organic, Organic + "\n" + Refunded];

    [Theory]
    [MemberData(nameof(Sales))]
    public void ThePlanKeepsEverySpendAndSaysNoInfluencerEarnedAboveZero(string sales)
    {
        var plan = BudgetPlanner.Plan(Everything(sales));

        Assert.False(plan.Advised);
        Assert.Equal("No reallocation is advised: No paid influencer in the selection has attributed net revenue " +
            "above zero, so the data cannot tell where a rupee would return more.", plan.Advice);
        // INF001 to INF003 are paid (HandWorkedDataset's payouts); INF004 never is.
        Assert.Equal(["INF001", "INF002", "INF003"], plan.Allocations.Select(a => a.InfluencerId).Order());
        Assert.All(plan.Allocations, a => Assert.Equal(a.CurrentSpend, a.ProposedSpend));
        Assert.Equal((0m, 0m, 0m), (plan.ExpectedGain.Value, plan.ExpectedGain.Low, plan.ExpectedGain.High));
    }

    [Theory]
    [MemberData(nameof(Sales))]
    public void TheInsightsRankNoSegmentAndAdviseNothing(string sales)
    {
        var items = InsightEngine.Insights(Everything(sales), Today).Items;

        Assert.DoesNotContain(items, i => i.Kind is "best-segment" or "worst-segment");
        Assert.Equal("No reallocation is supported by the data", Assert.Single(items, i => i.Kind == "reallocation")
            .Title);
    }

    private static Selection Everything(string sales) => new(SnapshotBuilder.Build("nothing-v1",
        [Source("influencers.csv", Influencers), Source("posts.csv", Posts),
            Source("tracking_data.csv", Header + "\n" + sales), Source("payouts.csv", Payouts)],
        new AnalyticsOptions()), AnalyticsQuery.All);
}
