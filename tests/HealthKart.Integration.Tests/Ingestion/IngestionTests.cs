using Azure.Data.Tables;
using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Storage;

namespace HealthKart.Integration.Tests.Ingestion;

[Collection(AzuriteFixture.Collection)]
public sealed class IngestionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task FilesWithTheOriginalHeadersIngestIntoTablesAndFacts()
    {
        await using var app = TestApp.Create(azurite);

        var influencers = await app.IngestAsync("influencers.csv", SampleFiles.Influencers);
        var posts = await app.IngestAsync("posts.csv", SampleFiles.Posts);
        var tracking = await app.IngestAsync("tracking_data.csv", SampleFiles.Tracking);
        var payouts = await app.IngestAsync("payouts.csv", SampleFiles.Payouts);

        Assert.All([influencers, posts, tracking, payouts], r => Assert.Equal(UploadStatus.Ingested, r.Status));
        Assert.Equal([3L, 3L, 4L, 2L], [influencers.Rows, posts.Rows, tracking.Rows, payouts.Rows]);
        Assert.Equal(0, tracking.Errors);
        Assert.Equal(new DateOnly(2025, 7, 1), tracking.FirstDate);
        Assert.Equal(new DateOnly(2025, 7, 4), tracking.LastDate);

        var catalog = await app.CatalogAsync();
        Assert.Equal(4, catalog.Sources.Count);
        Assert.Equal("v4", catalog.DatasetVersion);

        // Tracking facts: influencer revenue 5798 + 599 + 8697 = 15,094 rupees over 6 orders; organic 749 over 1 order.
        var facts = await app.Get<FactStore>().ReadAsync(catalog.Of(Dataset.Tracking).Single().SourceVersion, default);
        Assert.Equal(1_509_400, facts.Sales.Where(s => !s.Organic).Sum(s => s.RevenuePaise));
        Assert.Equal(6, facts.Sales.Where(s => !s.Organic).Sum(s => s.Orders));
        Assert.Equal(74_900, facts.Sales.Where(s => s.Organic).Sum(s => s.RevenuePaise));
        Assert.Equal(4, (await app.RawRowsAsync(Dataset.Tracking)).Count);
        Assert.Equal(3, (await app.RawRowsAsync(Dataset.Influencers)).Count);
    }

    [Fact]
    public async Task UserIdsAreStoredOnlyAsKeyedPseudonyms()
    {
        await using var app = TestApp.Create(azurite);
        await app.IngestAsync("tracking_data.csv", SampleFiles.Tracking);

        var stored = new List<string>();
        await foreach (var row in app.Tables.Rows(Dataset.Tracking).QueryAsync<TableEntity>())
        {
            stored.Add(row.GetString("UserId"));
        }

        Assert.Equal(4, stored.Count);
        Assert.DoesNotContain(stored, id => id.StartsWith('U'));
        Assert.All(stored, id => Assert.Matches("^u_[0-9a-f]{24}$", id));
        Assert.Equal(4, stored.Distinct().Count());
    }

    [Fact]
    public async Task RunningTheTriggerTwiceOnTheSameBlobChangesNothing()
    {
        await using var app = TestApp.Create(azurite);
        await app.IngestAsync("influencers.csv", SampleFiles.Influencers);
        var first = await app.IngestAsync("tracking_data.csv", SampleFiles.Tracking);
        var stateAfterFirst = await app.StateAsync();
        var ledgerAfterFirst = (await app.Get<UploadLedger>().ListAsync(100, default)).Items;

        var second = await app.Ingestor.IngestAsync("tracking_data.csv", default);

        Assert.Equivalent(first, second, strict: true);
        Assert.Equal(stateAfterFirst, await app.StateAsync());
        Assert.Equivalent(ledgerAfterFirst, (await app.Get<UploadLedger>().ListAsync(100, default)).Items,
            strict: true);
    }

    [Fact]
    public async Task ReuploadingIdenticalContentUnderTheSameNameKeepsTheDatasetVersion()
    {
        await using var app = TestApp.Create(azurite);
        await app.IngestAsync("tracking_data.csv", SampleFiles.Tracking);
        var before = await app.StateAsync();

        var again = await app.IngestAsync("tracking_data.csv", SampleFiles.Tracking);

        Assert.Equal(UploadStatus.Ingested, again.Status);
        Assert.Contains("nothing changed", again.Message);
        Assert.Equal(before, await app.StateAsync());
    }

    [Fact]
    public async Task OverwritingWithAShorterFileLeavesOnlyTheNewRows()
    {
        await using var app = TestApp.Create(azurite);
        var original = await app.IngestAsync("tracking_data.csv", SampleFiles.Tracking);
        const string shorter =
            "source,campaign,influencer_id,user_id,product,date,orders,revenue\n" +
            "youtube,HKV-Immunity,INF002,U0002,HKVitals Multivitamin,2025-07-09,2,1198\n";

        var replacement = await app.IngestAsync("tracking_data.csv", shorter);

        Assert.Equal(UploadStatus.Ingested, replacement.Status);
        Assert.Equal(new Replacement(original.Id, 4, new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 4)),
            replacement.Replaced);
        var rows = await app.RawRowsAsync(Dataset.Tracking);
        var row = Assert.Single(rows);
        Assert.Contains("RevenuePaise=119800", row);
        var catalog = await app.CatalogAsync();
        var entry = Assert.Single(catalog.Sources);
        Assert.Equal(replacement.Id, entry.UploadId);
        var facts = await app.Get<FactStore>().ReadAsync(entry.SourceVersion, default);
        Assert.Equal(119_800, facts.Sales.Sum(s => s.RevenuePaise));
        Assert.False((await app.Get<UploadLedger>().FindAsync(original.Id, default))!.Current);

        // Only the new version's fact chunks remain.
        var factPartitions = new HashSet<string>();
        await foreach (var chunk in app.Tables.Facts.QueryAsync<TableEntity>())
        {
            factPartitions.Add(chunk.PartitionKey);
        }

        Assert.Equal([entry.SourceVersion], factPartitions);
    }

    [Fact]
    public async Task TwoDifferentNamesAppend()
    {
        await using var app = TestApp.Create(azurite);
        await app.IngestAsync("tracking_data/2025-07.csv", SampleFiles.Tracking);
        await app.IngestAsync("tracking_data/2025-08.csv",
            "source,campaign,influencer_id,user_id,product,date,orders,revenue\n" +
            "instagram,MB-Monsoon,INF001,U0009,MuscleBlaze Biozyme Whey Protein,2025-08-02,1,2899\n");

        var catalog = await app.CatalogAsync();
        Assert.Equal(2, catalog.Of(Dataset.Tracking).Count());
        Assert.Equal(5, (await app.RawRowsAsync(Dataset.Tracking)).Count);
    }

    [Fact]
    public async Task LargeFilesAreWrittenInManyPartitionsAndAllRowsArrive()
    {
        await using var app = TestApp.Create(azurite);
        var csv = new System.Text.StringBuilder("source,campaign,influencer_id,user_id,product,date,orders,revenue\n");
        const int rows = 2_345;
        for (var i = 0; i < rows; i++)
        {
            csv.Append(
                $"instagram,MB-Summer,INF{i % 7:D3},U{i:D5},MuscleBlaze " +
                $"Creatine,2025-07-{1 + i % 28:D2},1,{599 + i % 3}\n");
        }

        var record = await app.IngestAsync("tracking_data_big.csv", csv.ToString());

        Assert.Equal(UploadStatus.Ingested, record.Status);
        Assert.Equal(rows, record.RowsProcessed);
        var stored = new List<TableEntity>();
        await foreach (var entity in app.Tables.Rows(Dataset.Tracking)
            .QueryAsync<TableEntity>(select: ["PartitionKey", "RevenuePaise"]))
        {
            stored.Add(entity);
        }

        Assert.Equal(rows, stored.Count);
        // 2,345 rows at 100 per partition: 23 full partitions and one of 45.
        Assert.Equal(24, stored.Select(e => e.PartitionKey).Distinct().Count());
        // Revenue: 599 x 2345 plus (i mod 3) summed: 781 full cycles
        // of 0+1+2 = 2343, then i=2343 (0) and 2344 (1): 2344 rupees.
        Assert.Equal((599L * rows + 2_344) * 100, stored.Sum(e => e.GetInt64("RevenuePaise")!.Value));
    }
}
