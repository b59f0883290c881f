using HealthKart.Core.Ingestion;
using HealthKart.Infrastructure.Ingestion;

namespace HealthKart.Integration.Tests.Reliability;

/// <summary>
/// Two runs on one source at once: the same trigger delivered twice, and a file overwritten mid-ingestion.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class RacingDeliveryTests(AzuriteFixture azurite)
{
    private const string Name = "tracking_data.csv";

    [Fact]
    public async Task TheSameTriggerDeliveredTwiceAtOnceIngestsTheFileExactlyOnce()
    {
        var first = TrackingFile.Generate(30, 400);
        var second = TrackingFile.Generate(1_500, 800);
        await using var app = TestApp.Create(azurite);
        var original = await app.IngestAsync(Name, first.Content);
        await app.DropAsync(Name, second.Content);

        var runs = await Task.WhenAll(app.Ingestor.IngestAsync(Name, default), app.Ingestor.IngestAsync(Name, default));

        // The run that published writes the raw rows; the other
        // returns its record, ingested (raw rows writing or complete).
        Assert.All(runs, r => Assert.Equal(UploadStatus.Ingested, r!.Status));
        var upload = Assert.Single((await app.Get<UploadLedger>().ListAsync(100, default)).Items,
            r => r.Id != original.Id);
        Assert.Equal((UploadStatus.Ingested, RawRowState.Complete, true, original.Id),
            (upload.Status, upload.RawRows?.State, upload.Current, upload.Replaced?.PreviousUploadId));
        Assert.False((await app.Get<UploadLedger>().FindAsync(original.Id, default))!.Current);
        Assert.Equal("v2", (await app.CatalogAsync()).DatasetVersion);
        Assert.Equal((second.Rows, second.RevenuePaise), await StoredData.RawTrackingAsync(app));
        Assert.Equal(second.Revenue, (await StoredData.SummaryAsync(app)).GetProperty("revenue").GetDecimal());
        Assert.Equal(await StoredData.OfFilesIngestedOnceAsync(azurite, (Name, first.Content), (Name, second.Content)),
            await StoredData.DescribeAsync(app));
    }

    [Fact]
    public async Task AFileOverwrittenWhileBeingIngestedEndsAsTheNewFileAloneAndTheLedgerSaysSo()
    {
        var first = TrackingFile.Generate(30, 400);
        var overwritten = TrackingFile.Generate(3_000, 800);
        var newest = TrackingFile.Generate(70, 1_200);
        await using var app =
            TestApp.Create(azurite, new Dictionary<string, string?> { ["Ingestion:Parallelism"] = "1" });
        var original = await app.IngestAsync(Name, first.Content);
        await app.DropAsync(Name, overwritten.Content);
        var older = app.Ingestor.IngestAsync(Name, default);
        await StoredData.PublishedRowsBeingWrittenAsync(app);

        // The user overwrites the file; its own trigger fires at
        // once, while the older run is still writing its raw rows.
        await app.DropAsync(Name, newest.Content);
        var newer = await app.Ingestor.IngestAsync(Name, default);
        var stopped = await older;

        Assert.Equal(UploadStatus.Ingested, newer!.Status);
        Assert.Equal(UploadStatus.Ingested, stopped!.Status);
        // published (facts first), so the dashboard showed it
        Assert.Equal(stopped.Id, newer.Replaced!.PreviousUploadId);
        Assert.False((await app.Get<UploadLedger>().FindAsync(original.Id, default))!.Current);
        Assert.Matches("replaced (by a newer upload|or deleted) before its raw rows were complete", stopped.Message);
        Assert.Equal((RawRowState.Stopped, null), (stopped.RawRows!.State, stopped.RawRows.CompletedAt));
        Assert.False((await app.Get<UploadLedger>().FindAsync(stopped.Id, default))!.Current);
        Assert.Equal(newer.Id, Assert.Single((await app.CatalogAsync()).Sources).UploadId);
        Assert.Equal((newest.Rows, newest.RevenuePaise), await StoredData.RawTrackingAsync(app));
        Assert.Equal(newest.Revenue, (await StoredData.SummaryAsync(app)).GetProperty("revenue").GetDecimal());
        Assert.Equal(await StoredData.OfFilesIngestedOnceAsync(azurite, (Name, first.Content), (Name, newest.Content)),
            await StoredData.DescribeAsync(app));
    }
}
