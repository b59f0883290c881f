using HealthKart.Core.Analytics;
using HealthKart.Core.DataContract;
using HealthKart.Infrastructure.Analytics;
using HealthKart.Infrastructure.Storage;
using HealthKart.Infrastructure.Uploads;

namespace HealthKart.Integration.Tests.Ingestion;

/// <summary>
/// Customers through the real ingestion path: stored facts hold only pseudonyms, and the first purchase is decided over
/// every current source, so uploading an earlier month, or retracting it, moves who acquired a customer.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class CustomerIngestionTests(AzuriteFixture azurite)
{
    private const string Header = "source,campaign,influencer_id,user_id,product,date,orders,revenue";

    [Fact]
    public async Task AnEarlierSourceTakesOverTheAcquisitionAndRetractingItGivesItBack()
    {
        await using var app = TestApp.Create(azurite, new Dictionary<string, string?>
        {
            ["Customers:HistoryDays"] = "0", // the setting: nobody is "existing or unknown" here
            ["Snapshot:VersionCheckSeconds"] = "0",
        });

        // March: U1 first buys on the 10th through INF1; U2 organically on the 1st.
        await app.IngestAsync("tracking_data/2025-03.csv", string.Join('\n', Header,
            "Instagram,Spring,INF1,U1,MuscleBlaze Whey,2025-03-10,1,100.00",
            "organic,,,U2,MuscleBlaze Whey,2025-03-01,1,50.00"));
        Assert.Equal([("INF1", 1L, 100m, 0d)], await FiguresAsync(app));

        // A second file says U1 bought on the 5th through INF2: INF2 acquired them, and INF1's sale on the 10th is a
        // returning customer's order (1 of INF1's 1 orders: 100 %).
        var earlier = await app.IngestAsync("tracking_data/2025-03-early.csv", string.Join('\n', Header,
            "YouTube,Spring,INF2,U1,MuscleBlaze Whey,2025-03-05,1,200.00"));
        Assert.Equal([("INF1", 0L, 0m, 100d), ("INF2", 1L, 200m, 0d)], await FiguresAsync(app));

        await app.Get<SourceRetraction>().RetractAsync(earlier.Id, CancellationToken.None);
        Assert.Equal([("INF1", 1L, 100m, 0d)], await FiguresAsync(app));

        // What was stored for the March source names customers only by their keyed pseudonym.
        var catalog = await app.CatalogAsync();
        var facts = await app.Get<FactStore>().ReadAsync(catalog.Of(Dataset.Tracking).Single().SourceVersion, default);
        Assert.Equal(2, facts.Customers.Customers.Count);
        Assert.All(facts.Customers.Customers, id => Assert.Matches("^u_[0-9a-f]{24}$", id));
    }

    private static async Task<List<(string, long, decimal, double)>> FiguresAsync(TestApp app)
    {
        var snapshot = await app.Get<SnapshotCache>().GetAsync(CancellationToken.None);
        return AnalyticsEngine.Influencers(new Selection(snapshot, AnalyticsQuery.All)).Items
            .Select(i => (i.InfluencerId, i.NewCustomers, i.NewCustomerRevenue, i.ReturningOrderShare ?? -1))
            .OrderBy(i => i.InfluencerId, StringComparer.Ordinal).ToList();
    }
}
