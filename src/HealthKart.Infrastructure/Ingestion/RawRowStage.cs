using Azure;
using Azure.Storage.Blobs;
using HealthKart.Core;
using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Core.Validation;
using HealthKart.Infrastructure.Exports.Tracking;
using HealthKart.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Ingestion;

/// <summary>
/// The stage after publication (facts first): writes a published version's raw rows to its dataset's table, and for
/// tracking the raw export's copies in the same read, with its progress in the ledger record's
/// <see cref="UploadRecord.RawRows"/> (the upload is already ingested: its status does not change); then names the
/// version in its source's <see cref="RowVersions"/> marker and deletes the version the marker named before. The stage
/// stops as soon as the catalog no longer names its version (a newer upload was published, or the source retracted) and
/// deletes what it wrote, so a superseded version's rows never come back. Idempotent: a re-run upserts the same keys.
/// </summary>
public sealed class RawRowStage(
    RowStore rowStore,
    TrackingCopies trackingCopies,
    RowVersions rowVersions,
    DatasetCatalog catalog,
    UploadLedger ledger,
    VersionPurge versions,
    IOptions<DateWindow> dates,
    IOptions<IngestionOptions> options,
    TimeProvider clock)
{
    private static readonly TimeSpan CatalogCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs the stage for <paramref name="record"/> (ingested, its raw rows <see cref="RawRowState.Writing"/>, its
    /// version
    /// <paramref name="version"/>) and returns its final record. Throws when writing fails, so the trigger retries.
    /// <paramref name="resumed"/>: a later run of the stage, whose record's message says so until it completes.
    /// </summary>
    public async Task<UploadRecord> RunAsync(
        BlobClient blob, ETag etag, UploadRecord record, string version, bool resumed,
        CancellationToken cancellationToken)
    {
        var dataset = record.Dataset!.Value;
        using var superseded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = WatchCatalogAsync(record.SourceKey, version, superseded, cancellationToken);
        try
        {
            await WriteRowsAsync(blob, etag, record, version, superseded.Token);
        }
        catch (OperationCanceledException) when (superseded.IsCancellationRequested
            && !cancellationToken.IsCancellationRequested)
        {
            return await SupersededAsync(record, version);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // The file was replaced or deleted (a retraction deletes it too) while its rows were being read.
            return await SupersededAsync(record, version, fileGone: true);
        }
        finally
        {
            await superseded.CancelAsync();
            await watch;
        }

        var marker = new RowVersion(dataset, record.SourceKey, record.FileName, version, record.Id, record.Rows,
            clock.GetUtcNow());
        var (written, previous) = await rowVersions.CompleteAsync(marker,
            () => IsCurrentAsync(record.SourceKey, version, CancellationToken.None), CancellationToken.None);
        if (!written)
        {
            return await SupersededAsync(record, version);
        }

        if (previous is not null && previous.SourceVersion != version)
        {
            await versions.PurgeAsync(dataset, previous.SourceVersion, CancellationToken.None);
        }

        var finished = (await ledger.FindAsync(record.Id, CancellationToken.None) ?? record) with
        {
            RawRows = new RawRowProgress(RawRowState.Complete, record.Rows, marker.CompletedAt),
            FinishedAt = marker.CompletedAt,
            Attempts = record.Attempts,
        };
        if (resumed)
        {
            // The message said the stage was being retried; a first run keeps what publishing (or the analytics) wrote.
            finished = finished with { Message = UploadIngestor.IngestedMessage(finished, options.Value.MaxAttempts) };
        }
        await ledger.SaveAsync(finished, CancellationToken.None);
        return finished;
    }

    private async Task WriteRowsAsync(BlobClient blob, ETag etag, UploadRecord record, string version,
        CancellationToken cancellationToken)
    {
        await using var progress = new LedgerProgress(ledger, record.Id, UploadLedger.RawRowsWritten, clock);
        await using var content = await UploadIngestor.OpenAsync(blob, etag, cancellationToken);
        var rows = new DatasetCsvReader(record.Dataset!.Value, new IssueLog(1), dates.Value).Read(content);
        if (record.Dataset != Dataset.Tracking)
        {
            await rowStore.WriteAsync(record.Dataset.Value, version, rows, progress.Report, cancellationToken);
            return;
        }

        // The same single read also writes the raw export's copies (a tee): the CSV rows and the pre-rendered XLSX
        // rows, committed before the marker names the version; until then the export of this version waits.
        await using var copy = await trackingCopies.BeginAsync(version, cancellationToken);
        await rowStore.WriteAsync(record.Dataset.Value, version, copy.Tee(rows), progress.Report, cancellationToken);
        await copy.CompleteAsync();
    }

    /// <summary>
    /// Cancels <paramref name="superseded"/> once the catalog stops naming the version (checked every second).
    /// </summary>
    private async Task WatchCatalogAsync(string sourceKey, string version, CancellationTokenSource superseded,
        CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(CatalogCheckInterval, clock);
        try
        {
            do
            {
                if (!await IsCurrentAsync(sourceKey, version, superseded.Token))
                {
                    await superseded.CancelAsync();
                    return;
                }
            }
            while (await timer.WaitForNextTickAsync(superseded.Token));
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Storage unreachable (the writes retry across it): a failed check only ends the early stop; the check
            // under the marker's ETag before completing still applies.
        }
    }

    private async Task<bool> IsCurrentAsync(string sourceKey, string version, CancellationToken cancellationToken) =>
        (await catalog.ReadAsync(cancellationToken)).Find(sourceKey)?.SourceVersion == version;

    /// <summary>
    /// The catalog no longer names the version (or its file is gone): what the stage wrote goes, unless the catalog
    /// still names the version (then a re-upload of the file rewrites the same keys). A retraction's record is kept as
    /// the retraction wrote it.
    /// </summary>
    private async Task<UploadRecord> SupersededAsync(UploadRecord record, string version, bool fileGone = false)
    {
        await versions.PurgeUnlessNamedAsync(record.Dataset!.Value, version, CancellationToken.None);
        var stored = await ledger.FindAsync(record.Id, CancellationToken.None) ?? record;
        if (stored.RetractedAt is not null)
        {
            return stored;
        }

        var current = await IsCurrentAsync(record.SourceKey, version, CancellationToken.None);
        var written = stored.RawRows?.Written ?? 0;
        var finished = stored with
        {
            RawRows = new RawRowProgress(RawRowState.Stopped, written),
            Attempts = record.Attempts,
            FinishedAt = clock.GetUtcNow(),
            Message = current
                ? $"Ingested, but the file was replaced or deleted while its raw rows were being written " +
                    $"({IndianText.Count(written)} of {IndianText.Count(record.Rows)}): the raw-row tables keep the " +
                    "previous complete version of this file. To write them, upload a corrected file, or retract this " +
                    "upload and upload the file again."
                : fileGone
                    ? "Ingested, then the file was replaced or deleted before its raw rows were complete; they were " +
                        "removed (a newer upload's rows are written instead)."
                    : "Ingested, then replaced by a newer upload before its raw rows were complete; they were " +
                        "removed (the newer upload's rows are written instead).",
        };
        await ledger.SaveAsync(finished, CancellationToken.None);
        return finished;
    }
}
