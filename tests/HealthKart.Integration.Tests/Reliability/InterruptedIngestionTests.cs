using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Storage;

namespace HealthKart.Integration.Tests.Reliability;

/// <summary>
/// The ingesting process stops between table batches (the host cancels the run: shutdown, timeout, a scale-in), after
/// the new version is published (facts first) and some of its raw rows are written. Writing one batch at a time keeps
/// the run long enough to stop it in the middle.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class InterruptedIngestionTests(AzuriteFixture azurite)
{
    private const string Name = "tracking_data.csv";
    private static readonly Dictionary<string, string?> OneBatchAtATime = new()
    {
        ["Ingestion:Parallelism"] = "1",
        ["Snapshot:VersionCheckSeconds"] = "0", // the summary is asked before and after the retry
    };

    [Fact]
    public async Task ARunStoppedBetweenBatchesIsRedeliveredAndLeavesExactlyTheFinalFile()
    {
        var first = TrackingFile.Generate(40, 500);
        var second = TrackingFile.Generate(3_000, 700);
        await using var app = TestApp.Create(azurite, OneBatchAtATime);
        var original = await app.IngestAsync(Name, first.Content);

        await StopMidwayAsync(app, second);

        // The dashboard already shows the second file (ingested); the raw-row marker still names the first file's
        // complete rows, and the ledger says the raw-row stage was interrupted and is still to be written.
        var interrupted = Assert.Single((await app.Get<UploadLedger>().ListAsync(100, default)).Items,
            r => r.Id != original.Id);
        Assert.Equal((UploadStatus.Ingested, RawRowState.Writing, null, 1),
            (interrupted.Status, interrupted.RawRows?.State, interrupted.RawRows?.CompletedAt, interrupted.Attempts));
        Assert.Contains("Interrupted", interrupted.Message);
        Assert.Equal(second.Revenue, (await StoredData.SummaryAsync(app)).GetProperty("revenue").GetDecimal());
        var marker = await app.Get<RowVersions>().FindAsync(Dataset.Tracking, original.SourceKey, default);
        Assert.Equal((original.Id, first.Rows), (marker!.UploadId, (int)marker.Rows));
        Assert.Equal(first.Rows, await StoredData.RawTrackingRowsOfAsync(app, marker.SourceVersion));

        var redelivered = await app.Ingestor.IngestAsync(Name, default);

        Assert.Equal((interrupted.Id, UploadStatus.Ingested, 2, true),
            (redelivered!.Id, redelivered.Status, redelivered.Attempts, redelivered.Current));
        Assert.Equal((RawRowState.Complete, second.Rows),
            (redelivered.RawRows!.State, redelivered.RawRows.Written));
        Assert.NotNull(redelivered.RawRows.CompletedAt);
        Assert.Equal(interrupted.Id,
            (await app.Get<RowVersions>().FindAsync(Dataset.Tracking, original.SourceKey, default))!.UploadId);
        Assert.Contains("attempt 2", redelivered.Message);
        Assert.Equal(original.Id, redelivered.Replaced!.PreviousUploadId);
        Assert.Equal((second.Rows, second.RevenuePaise), await StoredData.RawTrackingAsync(app));
        Assert.Equal(second.Revenue, (await StoredData.SummaryAsync(app)).GetProperty("revenue").GetDecimal());
        Assert.Equal(await StoredData.OfFilesIngestedOnceAsync(azurite, (Name, first.Content), (Name, second.Content)),
            await StoredData.DescribeAsync(app));
    }

    [Fact]
    public async Task ARunThatDiedBetweenTheFlipAndItsRecordIsRedeliveredAndWritesTheRawRows()
    {
        var file = TrackingFile.Generate(40, 500);
        await using var app = TestApp.Create(azurite, OneBatchAtATime);
        var done = await app.IngestAsync(Name, file.Content);

        // What such a run leaves: the catalog names its version (published), its record still says ingesting, and no
        // raw-row stage has completed (no marker).
        await app.Get<UploadLedger>().SaveAsync(done with
        {
            Status = UploadStatus.Ingesting,
            PublishedAt = null,
            RawRows = null,
            Current = false
        }, default);
        await app.Get<RowVersions>().RemoveAsync(Dataset.Tracking, done.SourceKey, default);

        var redelivered = await app.Ingestor.IngestAsync(Name, default);

        Assert.Equal((done.Id, UploadStatus.Ingested, true),
            (redelivered!.Id, redelivered.Status, redelivered.Current));
        Assert.Equal((RawRowState.Complete, file.Rows),
            (redelivered.RawRows!.State, redelivered.RawRows.Written));
        var marker = await app.Get<RowVersions>().FindAsync(Dataset.Tracking, done.SourceKey, default);
        Assert.Equal((done.Id, file.Rows), (marker!.UploadId, (int)marker.Rows));
        Assert.Equal((file.Rows, file.RevenuePaise), await StoredData.RawTrackingAsync(app));
    }

    [Fact]
    public async Task WhatAnInterruptedRunWroteIsPurgedWhenACorrectedFileReplacesIt()
    {
        var first = TrackingFile.Generate(40, 500);
        var abandoned = TrackingFile.Generate(3_000, 700);
        var corrected = TrackingFile.Generate(60, 900);
        await using var app = TestApp.Create(azurite, OneBatchAtATime);
        await app.IngestAsync(Name, first.Content);
        await StopMidwayAsync(app, abandoned);
        Assert.True((await StoredData.RawTrackingAsync(app)).Rows > first.Rows,
            "the interrupted run should have left rows behind");

        // The user uploads a corrected file instead: the abandoned run's rows, facts and copies must not survive it.
        var ingested = await app.IngestAsync(Name, corrected.Content);

        Assert.Equal(UploadStatus.Ingested, ingested.Status);
        Assert.Equal((corrected.Rows, corrected.RevenuePaise), await StoredData.RawTrackingAsync(app));
        Assert.Equal(await StoredData.OfFilesIngestedOnceAsync(azurite, (Name, first.Content),
            (Name, corrected.Content)), await StoredData.DescribeAsync(app));
    }

    /// <summary>
    /// Drops the file and runs the ingestion, cancelled as soon as some of its rows are in the table.
    /// </summary>
    private static async Task StopMidwayAsync(TestApp app, TrackingFile file)
    {
        await app.DropAsync(Name, file.Content);
        using var host = new CancellationTokenSource();
        var run = app.Ingestor.IngestAsync(Name, host.Token);
        await StoredData.PublishedRowsBeingWrittenAsync(app);
        await host.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
