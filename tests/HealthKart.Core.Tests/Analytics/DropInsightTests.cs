using HealthKart.Core.Analytics;
using HealthKart.Core.Tests.Analytics.Customers;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>
/// The insights name the influencers whose incremental revenue fell short of their cost, largest shortfall first, five
/// at most, and add up the rest in one line (docs/metrics.md#insights-and-the-budget-planner). The rule is restated
/// here over the influencers view's figures.
/// </summary>
public sealed class DropInsightTests
{
    private static readonly DateOnly Today = new(2030, 1, 1);

    [Theory]
    [MemberData(nameof(CustomerRecomputationTests.Seeds), MemberType = typeof(CustomerRecomputationTests))]
    public void TheFiveLargestShortfallsAreNamedAndTheRestAddedUpInOneLine(int seed)
    {
        var selection = new Selection(SimulatedCustomers.For(seed).Snapshot, AnalyticsQuery.All);
        var shortOfCost = AnalyticsEngine.Influencers(selection).Items
            .Where(i => i.Poor && i.IncrementalRevenue is { } incremental && incremental < i.Spend)
            .OrderByDescending(i => i.Spend - i.IncrementalRevenue!.Value).ToList();
        var drops = InsightEngine.Insights(selection, Today).Items.Where(i => i.Kind == "drop").ToList();

        var named = drops.Where(d => d.Figures.ContainsKey("influencerId")).ToList();
        Assert.Equal(shortOfCost.Take(5).Select(i => i.InfluencerId),
            named.Select(d => (string)d.Figures["influencerId"]!));
        Assert.All(named.Zip(shortOfCost), pair =>
        {
            var (drop, item) = pair;
            Assert.Equal(item.Spend - item.IncrementalRevenue, (decimal)drop.Figures["shortfall"]!);
            Assert.Equal($"{item.Name} ({item.InfluencerId}) cost more than their incremental revenue", drop.Title);
            Assert.Null(drop.Value); // an observation ranks no action
        });

        var rest = shortOfCost.Skip(5).ToList();
        var line = drops.Except(named).SingleOrDefault();
        Assert.Equal(rest.Count > 0, line is not null);
        if (line is not null)
        {
            var (spend, incremental) = (rest.Sum(i => i.Spend), rest.Sum(i => i.IncrementalRevenue!.Value));
            Assert.Equal(rest.Count, (int)line.Figures["influencers"]!);
            Assert.Equal(spend, (decimal)line.Figures["spend"]!);
            Assert.Equal(incremental, (decimal)line.Figures["incrementalRevenue"]!);
            Assert.Equal(spend - incremental, (decimal)line.Figures["shortfall"]!);
            Assert.StartsWith(rest.Count == 1
                ? "1 more influencer costs more than their incremental revenue"
                : $"{rest.Count} more influencers cost more than their incremental revenue", line.Title);
            Assert.Null(line.Value);
        }
    }

    [Fact]
    public void SomeSeedHasMoreInfluencersShortOfCostThanAreNamed()
    {
        // So the test above checks the line that adds up the rest, not only the named five.
        Assert.Contains([2, 7, 11], seed => InsightEngine.Insights(
            new Selection(SimulatedCustomers.For(seed).Snapshot, AnalyticsQuery.All), Today).Items
            .Any(i => i.Kind == "drop" && i.Figures.ContainsKey("influencers")));
    }
}
