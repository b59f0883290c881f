using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Customers;

namespace HealthKart.Core.Tests.Analytics.Customers;

/// <summary>
/// The engine's customer figures (docs/customers.md) against <see cref="CustomerReference"/>, an independent row-by-row
/// recomputation, on 200 simulated days per seed: every influencer, every field, exactly (money to the paisa).
/// </summary>
public sealed class CustomerRecomputationTests
{
    public static readonly TheoryData<int> Seeds = [2, 7, 11];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryInfluencersCustomerFiguresMatchAStraightforwardRecomputation(int seed)
    {
        var reference = new CustomerReference(SimulatedCustomers.For(seed));
        var items = AnalyticsEngine.Influencers(new Selection(reference.Data.Snapshot, AnalyticsQuery.All)).Items;

        Assert.All(items, item => Assert.Equal(reference.Influencer(item.InfluencerId, item.Spend),
            (item.InfluencerId, item.NewCustomers, item.NewCustomerRevenue, item.ReturningOrderShare,
                item.FollowOnRevenue, item.ImmatureShare, item.CostPerNewCustomer)));

        // Everyone the reference credits with a customer is listed; and no figure is vacuous in this data.
        var acquirers = reference.First.Keys.Where(reference.IsNew).Select(c => reference.Acquiring[c].InfluencerId)
            .Where(i => i.Length > 0).ToHashSet();
        Assert.Subset(items.Select(i => i.InfluencerId).ToHashSet(), acquirers);
        Assert.Contains(items, i => i.FollowOnRevenue > 0);
        Assert.Contains(items, i => i.ImmatureShare is > 0 and < 100);
        Assert.Contains(items, i => i.ReturningOrderShare > 0);
        Assert.Contains(items, i => i.CostPerNewCustomer is not null);
        Assert.Contains(reference.First.Keys, c => !reference.IsNew(c));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TheEdgeRowsFollowTheTieAndZeroOrderRules(int seed)
    {
        var reference = new CustomerReference(SimulatedCustomers.For(seed));
        var ids = reference.Data.Influencers.Keys.Order(StringComparer.Ordinal).ToList();

        // A tie on revenue across two files goes to the smaller ID; a zero-order row out-earning the first purchase on
        // its day acquires the customer; a customer with only a refund never made a first purchase.
        Assert.Equal(ids[0], reference.Acquiring["EDGE-TIE"].InfluencerId);
        Assert.Equal((ids[^1], 0L),
            (reference.Acquiring["EDGE-ZERO"].InfluencerId, reference.Acquiring["EDGE-ZERO"].Orders));
        Assert.DoesNotContain("EDGE-REFUND", reference.First.Keys);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RollUpsCountEachNewCustomerWhereTheirAcquiringRowIs(int seed)
    {
        var reference = new CustomerReference(SimulatedCustomers.For(seed));
        var selection = new Selection(reference.Data.Snapshot, AnalyticsQuery.All);
        var acquired = reference.First.Keys.Where(c => reference.IsNew(c) && !reference.Acquiring[c].Organic)
            .Select(c => reference.Acquiring[c]).ToList();

        Assert.Equal(ByKey(acquired, r => r.Campaign), AnalyticsEngine.Campaigns(selection).Items.Where(i =>
            i.NewCustomers > 0).ToDictionary(i => i.Campaign, Figures));
        Assert.Equal(ByKey(acquired, r => r.Platform), AnalyticsEngine.Platforms(selection).Items.Where(i =>
            i.NewCustomers > 0).ToDictionary(i => i.Platform, Figures));
        Assert.Equal(ByKey(acquired, r => reference.Data.Influencers[r.InfluencerId].Tier),
            AnalyticsEngine.Tiers(selection).Items.Where(i => i.NewCustomers > 0).ToDictionary(i => i.Tier, Figures));

        var summary = AnalyticsEngine.Summary(selection, new DateOnly(2030, 1, 1));
        var organic = reference.First.Keys.Count(c => reference.IsNew(c) && reference.Acquiring[c].Organic);
        Assert.Equal((acquired.Count, acquired.Sum(r => r.RevenuePaise) / 100m), Figures(summary));
        Assert.Equal(new CustomerCounts(reference.First.Count, acquired.Count, organic,
            reference.First.Keys.Count(c => !reference.IsNew(c))), summary.Customers);
        var attributed = reference.Data.Rows.Where(r => !r.Organic).ToList();
        Assert.Equal(CustomerReference.Percent(attributed.Where(reference.IsReturning).Sum(r => r.Orders),
            attributed.Sum(r => r.Orders)), summary.ReturningOrderShare);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void MonthlyCohortsMatchTheRecomputation(int seed)
    {
        var reference = new CustomerReference(SimulatedCustomers.For(seed));
        var view = CustomerCohorts.View(new Selection(reference.Data.Snapshot, AnalyticsQuery.All));

        double? Repeat(IEnumerable<string> customers, int days)
        {
            var mature = customers.Where(c => reference.First[c].AddDays(days) <= reference.DataLast).ToList();
            return mature.Count == 0
                ? null : CustomerReference.Percent(mature.Count(c => reference.RepeatGap(c) <= days), mature.Count);
        }

        var expected = reference.First.Keys.GroupBy(c => new DateOnly(reference.First[c].Year, reference.First[c].Month,
            1)).OrderBy(g => g.Key).Select(g =>
        {
            var byInfluencers = g.Where(c => reference.IsNew(c) && !reference.Acquiring[c].Organic).ToList();
            var organic = g.Where(c => reference.IsNew(c) && reference.Acquiring[c].Organic).ToList();
            return new CustomerCohort(g.Key)
            {
                InfluencerCustomers = byInfluencers.Count,
                OrganicCustomers = organic.Count,
                ExistingOrUnknownCustomers = g.Count(c => !reference.IsNew(c)),
                InfluencerRepeat30 = Repeat(byInfluencers, 30),
                InfluencerRepeat60 = Repeat(byInfluencers, 60),
                InfluencerRepeat90 = Repeat(byInfluencers, 90),
                OrganicRepeat30 = Repeat(organic, 30),
                OrganicRepeat60 = Repeat(organic, 60),
                OrganicRepeat90 = Repeat(organic, 90),
            };
        }).ToList();

        Assert.Equal(expected, view.Items);
        Assert.Equal(7, view.Items.Count); // 200 days from 1 June: June to December
        Assert.Contains(view.Items, i => i.InfluencerRepeat90 is null && i.InfluencerCustomers > 0);
        Assert.Contains(view.Items, i => i.OrganicRepeat30 > 0);
    }

    [Fact]
    public void TheWindowsAreSettings()
    {
        var data = SimulatedCustomers.For(2);
        var reference = new CustomerReference(data, historyDays: 10, followOnDays: 45);
        var snapshot = SnapshotBuilder.Build("windows", data.Sources, new AnalyticsOptions(),
            new CustomerOptions { HistoryDays = 10, FollowOnDays = 45 });
        var items = AnalyticsEngine.Influencers(new Selection(snapshot, AnalyticsQuery.All)).Items;

        Assert.All(items, item => Assert.Equal(reference.Influencer(item.InfluencerId, item.Spend),
            (item.InfluencerId, item.NewCustomers, item.NewCustomerRevenue, item.ReturningOrderShare,
                item.FollowOnRevenue, item.ImmatureShare, item.CostPerNewCustomer)));
        Assert.True(items.Sum(i => i.NewCustomers) > AnalyticsEngine.Influencers(new Selection(data.Snapshot,
            AnalyticsQuery.All)).Items.Sum(i => i.NewCustomers));
    }

    private static Dictionary<string, (long, decimal)> ByKey(IEnumerable<SimulatedCustomers.Row> acquiring,
        Func<SimulatedCustomers.Row, string> key) =>
        acquiring.GroupBy(key).ToDictionary(g => g.Key, g => ((long)g.Count(), g.Sum(r => r.RevenuePaise) / 100m));

    private static (long, decimal) Figures(Kpis item) => (item.NewCustomers, item.NewCustomerRevenue);
}
