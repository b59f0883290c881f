using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Customers;

namespace HealthKart.Core.Tests.Analytics.Customers;

/// <summary>
/// The two customer observations of the insights name exactly whom their stated rules pick, with the figures.
/// </summary>
public sealed class CustomerObservationTests
{
    [Theory]
    [MemberData(nameof(CustomerRecomputationTests.Seeds), MemberType = typeof(CustomerRecomputationTests))]
    public void InsightsNameTheCheapestNewCustomersAndTheMostlyReturningOrdersByTheirRules(int seed)
    {
        var data = SimulatedCustomers.For(seed);
        var selection = new Selection(data.Snapshot, AnalyticsQuery.All);
        var influencers = AnalyticsEngine.Influencers(selection).Items;
        var insights = InsightEngine.Insights(selection, new DateOnly(2030, 1, 1)).Items;

        // Rule: paid influencers with new customers, lowest spend per new customer first (three at most; ties: more new
        // customers, then the smaller ID).
        var cheapest = influencers.Where(i => i.Paid && i.NewCustomers > 0).OrderBy(i => i.CostPerNewCustomer)
            .ThenByDescending(i => i.NewCustomers)
            .ThenBy(i => i.InfluencerId, StringComparer.Ordinal).Take(3).ToList();
        var newCustomers = Assert.Single(insights, i => i.Kind == "new-customers");
        Assert.Equal(cheapest.Select(i => i.InfluencerId), (IEnumerable<string>)newCustomers.Figures["influencerIds"]!);
        Assert.All(cheapest, i => Assert.Contains($"{i.Name} ({i.InfluencerId}) {i.NewCustomers:N0} at ",
            newCustomers.Title));
        Assert.Contains("not a cause", newCustomers.Reason);
        Assert.Null(newCustomers.Value); // an observation ranks no action

        // Rule: at least 10 attributed net orders, more than half from customers who had bought on an earlier day; the
        // highest shares first, ties by the smaller ID.
        var mostlyReturning = influencers.Where(i => i.Orders >= 10 && i.ReturningOrderShare > 50)
            .OrderByDescending(i => i.ReturningOrderShare)
            .ThenBy(i => i.InfluencerId, StringComparer.Ordinal).Take(3).ToList();
        var returning = insights.SingleOrDefault(i => i.Kind == "returning-customers");
        Assert.Equal(mostlyReturning.Select(i => i.InfluencerId),
            (IEnumerable<string>?)returning?.Figures["influencerIds"] ?? []);
    }

    [Fact]
    public void MostlyReturningOrdersAreNamedWhenTheyOccur()
    {
        // Over all three seeds at least one influencer crosses the rule, so the test above is not vacuous for it.
        Assert.Contains([2, 7, 11], seed =>
            InsightEngine.Insights(new Selection(SimulatedCustomers.For(seed).Snapshot, AnalyticsQuery.All),
                new DateOnly(2030, 1, 1)).Items
                .Any(i => i.Kind == CustomerObservations.ReturningCustomersKind));
    }
}
