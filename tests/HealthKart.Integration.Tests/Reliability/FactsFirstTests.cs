using HealthKart.Core.Analytics;
using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Core.Problems;
using HealthKart.Infrastructure.Exports.Tracking;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Storage;
using HealthKart.Infrastructure.Uploads;

namespace HealthKart.Integration.Tests.Reliability;

/// <summary>
/// Facts first: a version is published (the upload is ingested, the summary shows it) once its facts are stored, and
/// its raw rows follow as a stage with its own ledger field (<see cref="UploadRecord.RawRows"/>) and completion marker.
/// The stage is slowed with the documented test-only setting
/// <c>Ingestion:RowBatchDelay</c> (a real pause after each real table batch), one batch in flight, so it can be
/// watched.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class FactsFirstTests(AzuriteFixture azurite)
{
    private const string Name = "tracking_data.csv";

    /// <summary>
    /// 100 rows a batch, one batch at a time, 150 ms after each: 2,000 rows take at least 20 x 150 ms = 3 s.
    /// </summary>
    private static readonly Dictionary<string, string?> SlowRawRows = new()
    {
        ["Ingestion:Parallelism"] = "1",
        ["Ingestion:RowBatchDelay"] = "00:00:00.150",
        ["Snapshot:VersionCheckSeconds"] = "0",
    };

    [Fact]
    public async Task TheSummaryShowsANewVersionBeforeItsRawRowsAreCompleteAndTheLedgerAndMarkerSayWhenTheyAre()
    {
        var first = TrackingFile.Generate(40, 500);
        var second = TrackingFile.Generate(2_000, 700);
        await using var app = TestApp.Create(azurite, SlowRawRows);
        var original = await app.IngestAsync(Name, first.Content);
        var markers = app.Get<RowVersions>();
        var firstMarker = await markers.FindAsync(Dataset.Tracking, original.SourceKey, default);
        Assert.Equal((original.Id, 40L), (firstMarker!.UploadId, firstMarker.Rows));

        await app.DropAsync(Name, second.Content);
        var run = app.Ingestor.IngestAsync(Name, default);
        var published = await WaitForAsync(app, r => r.Id != original.Id
            && r is { Status: UploadStatus.Ingested, RawRows: { State: RawRowState.Writing, Written: > 0 } });

        // Ingested (published): the summary is the second file's, while the raw rows are part-way and the marker still
        // names the first file's complete rows, which are all still in the table.
        Assert.Equal(second.Revenue, (await StoredData.SummaryAsync(app)).GetProperty("revenue").GetDecimal());
        Assert.True(published.RawRows!.Written < second.Rows, $"{published.RawRows.Written} rows written already");
        Assert.Equal((true, null), (published.Current, published.RawRows.CompletedAt));
        Assert.NotNull(published.PublishedAt);
        Assert.Equal(firstMarker, await markers.FindAsync(Dataset.Tracking, original.SourceKey, default));
        Assert.Equal(first.Rows, await StoredData.RawTrackingRowsOfAsync(app, firstMarker.SourceVersion));

        // The raw export of the published version waits for its rows rather than serving a partial file.
        var refused = await Assert.ThrowsAsync<ProblemException>(() => app.Get<TrackingExport>()
            .WriteCsvAsync(new AnalyticsQuery(), Stream.Null, default));
        Assert.Equal(409, refused.Status);

        var ingested = await run;
        Assert.Equal((UploadStatus.Ingested, RawRowState.Complete, second.Rows, true),
            (ingested!.Status, ingested.RawRows!.State, ingested.RawRows.Written, ingested.Current));
        Assert.True(ingested.RawRows.CompletedAt >= published.PublishedAt);
        Assert.Contains("Replaced 40 rows", ingested.Message);
        var marker = await markers.FindAsync(Dataset.Tracking, original.SourceKey, default);
        Assert.Equal((ingested.Id, (long)second.Rows, ingested.RawRows.CompletedAt),
            (marker!.UploadId, marker.Rows, (DateTimeOffset?)marker.CompletedAt));
        Assert.Equal((second.Rows, second.RevenuePaise), await StoredData.RawTrackingAsync(app));
        Assert.Equal(await StoredData.OfFilesIngestedOnceAsync(azurite, (Name, first.Content), (Name, second.Content)),
            await StoredData.DescribeAsync(app));
    }

    [Fact]
    public async Task ANewerUploadDuringTheRawRowStageStopsItAndItsRowsNeverComeBack()
    {
        var first = TrackingFile.Generate(40, 500);
        var replaced = TrackingFile.Generate(2_000, 700);
        var newest = TrackingFile.Generate(60, 900);
        await using var app = TestApp.Create(azurite, SlowRawRows);
        var original = await app.IngestAsync(Name, first.Content);
        await app.DropAsync(Name, replaced.Content);
        var older = app.Ingestor.IngestAsync(Name, default);
        var replacedVersion = await StoredData.PublishedRowsBeingWrittenAsync(app);

        await app.DropAsync(Name, newest.Content);
        var newer = await app.Ingestor.IngestAsync(Name, default);
        var stopped = await older;

        Assert.Equal((UploadStatus.Ingested, RawRowState.Stopped, null),
            (stopped!.Status, stopped.RawRows!.State, stopped.RawRows.CompletedAt));
        // the dashboard showed it
        Assert.Equal((UploadStatus.Ingested, stopped.Id), (newer!.Status, newer.Replaced!.PreviousUploadId));
        Assert.Contains("before its raw rows were complete", stopped.Message);
        Assert.Equal(RawRowState.Complete, newer.RawRows!.State);
        Assert.False((await app.Get<UploadLedger>().FindAsync(stopped.Id, default))!.Current);
        Assert.Equal(newer.Id,
            (await app.Get<RowVersions>().FindAsync(Dataset.Tracking, original.SourceKey, default))!.UploadId);

        // Longer than the stage's catalog check and a few of its batches: nothing of the replaced version reappears.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(0, await StoredData.RawTrackingRowsOfAsync(app, replacedVersion));
        Assert.Equal((newest.Rows, newest.RevenuePaise), await StoredData.RawTrackingAsync(app));
        Assert.Equal(newest.Revenue, (await StoredData.SummaryAsync(app)).GetProperty("revenue").GetDecimal());
        Assert.Equal(await StoredData.OfFilesIngestedOnceAsync(azurite, (Name, first.Content), (Name, newest.Content)),
            await StoredData.DescribeAsync(app));
    }

    [Fact]
    public async Task ARetractionDuringTheRawRowStageRemovesEveryRowOfTheSourceAndTheMarker()
    {
        var first = TrackingFile.Generate(40, 500);
        var second = TrackingFile.Generate(2_000, 700);
        await using var app = TestApp.Create(azurite, SlowRawRows);
        var original = await app.IngestAsync(Name, first.Content);
        await app.DropAsync(Name, second.Content);
        var run = app.Ingestor.IngestAsync(Name, default);
        await StoredData.PublishedRowsBeingWrittenAsync(app);
        var published = await WaitForAsync(app, r => r.Id != original.Id
            && r is { Status: UploadStatus.Ingested, RawRows.State: RawRowState.Writing });

        var retracted = await app.Get<SourceRetraction>().RetractAsync(published.Id, default);
        var ended = await run;

        Assert.NotNull(retracted.RetractedAt);
        Assert.Equal((UploadStatus.Ingested, false), (ended!.Status, ended.Current));
        Assert.Equal(retracted.RetractedAt, ended.RetractedAt);
        Assert.Equal((RawRowState.Stopped, null), (ended.RawRows!.State, ended.RawRows.CompletedAt));
        Assert.Empty((await app.CatalogAsync()).Sources);
        Assert.Null(await app.Get<RowVersions>().FindAsync(Dataset.Tracking, original.SourceKey, default));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal((0, 0L), await StoredData.RawTrackingAsync(app));
        Assert.Equal(await StoredData.OfFilesIngestedOnceAsync(azurite), await StoredData.DescribeAsync(app));
    }

    private static async Task<UploadRecord> WaitForAsync(TestApp app, Func<UploadRecord, bool> state)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if ((await app.Get<UploadLedger>().ListAsync(100, default)).Items.FirstOrDefault(state) is { } record)
            {
                return record;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The ledger did not reach the expected state within 30 s.");
    }
}
