using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Planning;
using static HealthKart.Core.Tests.Analytics.HandWorkedDataset;

namespace HealthKart.Core.Tests.Analytics.Planning;

/// <summary>
/// Spend and posts but no sale attributed to an influencer (only organic sales): the plan moves nothing and says why,
/// and the insights rank no segment, since every one returns ₹0.00 (docs/planner.md, "In plain words").
/// </summary>
public sealed class NothingToCompareTests
{
    private const string OrganicOnly = """
        source,campaign,influencer_id,user_id,product,date,orders,revenue
        organic,,,U01,MuscleBlaze Whey Protein 1kg,2025-07-02,5,7500.00
        organic,,,U02,Gritzo SuperMilk,2025-08-05,2,1200.00
        """;

    private static readonly Selection Everything = new(SnapshotBuilder.Build("organic-v1",
        [Source("influencers.csv", Influencers), Source("posts.csv", Posts), Source("tracking_data.csv", OrganicOnly),
            Source("payouts.csv", Payouts)],
        new AnalyticsOptions()), AnalyticsQuery.All);

    [Fact]
    public void ThePlanKeepsEverySpendAndSaysNoSaleIsAttributed()
    {
        var plan = BudgetPlanner.Plan(Everything);

        Assert.False(plan.Advised);
        Assert.Equal("No reallocation is advised: No sale in the selection is attributed to a paid influencer, so " +
            "the data cannot tell where a rupee would return more.", plan.Advice);
        // INF001 to INF003 are paid (HandWorkedDataset's payouts); INF004 never is.
        Assert.Equal(["INF001", "INF002", "INF003"], plan.Allocations.Select(a => a.InfluencerId).Order());
        Assert.All(plan.Allocations, a => Assert.Equal(a.CurrentSpend, a.ProposedSpend));
        Assert.Equal((0m, 0m, 0m), (plan.ExpectedGain.Value, plan.ExpectedGain.Low, plan.ExpectedGain.High));
    }

    [Fact]
    public void TheInsightsRankNoSegmentAndAdviseNothing()
    {
        var items = InsightEngine.Insights(Everything, Today).Items;

        Assert.DoesNotContain(items, i => i.Kind is "best-segment" or "worst-segment");
        Assert.Equal("No reallocation is supported by the data", Assert.Single(items, i => i.Kind == "reallocation")
            .Title);
    }
}
