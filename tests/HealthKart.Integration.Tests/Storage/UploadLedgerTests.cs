using Azure.Data.Tables;
using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Storage;

namespace HealthKart.Integration.Tests.Storage;

/// <summary>
/// The ledger lists the newest uploads, and one week's, from copies kept newest first, so a listing reads what it
/// shows and not every upload ever made (docs/uploads.md, "The ledger").
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class UploadLedgerTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AListingIsTheNewestFirstThenEveryCurrentUploadThatIsOlder()
    {
        await using var app = TestApp.Create(azurite);
        var ledger = await LedgerAsync(app);
        // Five uploads an hour apart, saved out of order; the oldest is what the analytics see of its source.
        foreach (var hour in new[] { 2, 0, 4, 1, 3 })
        {
            await ledger.SaveAsync(Upload(hour), default);
        }

        await app.Get<DatasetCatalog>().UpdateAsync(catalog => catalog with
        {
            Sources = [new CatalogEntry("posts-0", "posts-0.csv", Dataset.Posts, "posts-0~v", Upload(0).Id, 1, null,
                null, Noon, Noon)],
        }, default);

        var (two, more) = await ledger.ListAsync(2, default);
        Assert.Equal(["posts-4.csv-1", "posts-3.csv-1", "posts-0.csv-1"], two.Select(r => r.Id));
        Assert.True(more);

        var (all, none) = await ledger.ListAsync(10, default);
        Assert.Equal(["posts-4.csv-1", "posts-3.csv-1", "posts-2.csv-1", "posts-1.csv-1", "posts-0.csv-1"],
            all.Select(r => r.Id));
        Assert.False(none);
        Assert.Equal(Upload(3).Rows, all[1].Rows);
    }

    [Fact]
    public async Task AWeeksListingHoldsItsFirstInstantAndNotTheNextWeeks()
    {
        await using var app = TestApp.Create(azurite);
        var ledger = await LedgerAsync(app);
        var (from, until) = (Noon, Noon.AddDays(7));
        foreach (var (id, at) in new[]
        {
            ("before", from.AddTicks(-1)), ("first", from), ("middle", from.AddDays(3)), ("last", until.AddTicks(-1)),
            ("after", until),
        })
        {
            await ledger.SaveAsync(Upload(0) with { Id = id, ReceivedAt = at }, default);
        }

        var week = await ledger.ListReceivedAsync(from, until, default);

        Assert.Equal(["last", "middle", "first"], week.Select(r => r.Id));
    }

    [Fact]
    public async Task AnUploadUnderWayIsListedWithTheProgressItReportedAfterItsLastSave()
    {
        await using var app = TestApp.Create(azurite);
        var ledger = await LedgerAsync(app);
        await ledger.SaveAsync(Upload(0) with { Status = UploadStatus.Validating }, default);
        Assert.Equal(0, Assert.Single((await ledger.ListAsync(10, default)).Items).RowsProcessed);
        await ledger.ReportProgressAsync(Upload(0).Id, UploadLedger.RowsProcessed, 500, default);

        Assert.Equal(500, Assert.Single((await ledger.ListAsync(10, default)).Items).RowsProcessed);
    }

    [Fact]
    public async Task RecordsWrittenBeforeTheCopiesAreListedAndADismissedOneIsNot()
    {
        await using var app = TestApp.Create(azurite);
        var tables = app.Get<HealthKartTables>();
        await tables.EnsureCreatedAsync(default);
        // As the ledger stored an upload before it kept copies: the record alone, keyed by its id.
        await tables.Ledger.AddEntityAsync(new TableEntity("upload", "influencers.csv-old")
        {
            ["FileName"] = "influencers.csv",
            ["SourceKey"] = "influencers",
            ["Status"] = "rejected",
            ["ReceivedAt"] = Noon.AddDays(-30),
        });
        var ledger = app.Get<UploadLedger>();
        await ledger.SaveAsync(Upload(0), default);

        var listed = (await ledger.ListAsync(10, default)).Items;
        Assert.Equal(["posts-0.csv-1", "influencers.csv-old"], listed.Select(r => r.Id));

        await ledger.DeleteAsync(listed[1], default);
        Assert.Equal(["posts-0.csv-1"], (await ledger.ListAsync(10, default)).Items.Select(r => r.Id));
        Assert.Null(await ledger.FindAsync("influencers.csv-old", default));
    }

    [Fact]
    public async Task OnlyTheWaitingUploadsTheInboxNoLongerHoldsAreClosed()
    {
        // Two stores of one name raced: A's blob was overwritten by B's, and A's record was saved after B's. Closing
        // "every waiting upload but A" closed B, the one the inbox holds (seen as a summary of revenue 0 in
        // SameNameUploadTests). Only A may be closed, naming B.
        await using var app = TestApp.Create(azurite);
        var ledger = await LedgerAsync(app);
        await app.Ingestor.Inbox.CreateIfNotExistsAsync();
        var blob = app.Ingestor.Inbox.GetBlobClient("posts.csv");
        var a = (await blob.UploadAsync(BinaryData.FromString("A"), overwrite: true)).Value.ETag.ToString();
        var b = (await blob.UploadAsync(BinaryData.FromString("B"), overwrite: true)).Value.ETag.ToString();
        var (idA, idB) = (TableKeys.UploadId("posts.csv", a), TableKeys.UploadId("posts.csv", b));
        foreach (var id in new[] { idB, idA })
        {
            await ledger.SaveAsync(Upload(0) with
            {
                Id = id,
                FileName = "posts.csv",
                SourceKey = TableKeys.SourceKey("posts.csv"),
                Status = UploadStatus.Received,
            }, default);
        }

        await ledger.CloseReplacedAsync(TableKeys.SourceKey("posts.csv"), blob, default);

        var closed = await ledger.FindAsync(idA, default);
        Assert.Equal(UploadStatus.Failed, closed!.Status);
        Assert.Contains($"Replaced by a newer upload of the same name ({idB})", closed.Message);
        Assert.Equal(UploadStatus.Received, (await ledger.FindAsync(idB, default))!.Status);
    }

    private static async Task<UploadLedger> LedgerAsync(TestApp app)
    {
        await app.Get<HealthKartTables>().EnsureCreatedAsync(default);
        return app.Get<UploadLedger>();
    }

    private static UploadRecord Upload(int hour) => new()
    {
        Id = $"posts-{hour}.csv-1",
        FileName = $"posts-{hour}.csv",
        SourceKey = $"posts-{hour}",
        Dataset = Dataset.Posts,
        Status = UploadStatus.Ingested,
        Rows = 100 + hour,
        ReceivedAt = Noon.AddHours(hour),
    };
}
