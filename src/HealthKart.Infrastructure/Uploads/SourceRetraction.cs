using Azure;
using Azure.Storage.Blobs.Models;
using HealthKart.Core;
using HealthKart.Core.Ingestion;
using HealthKart.Core.Problems;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Storage;

namespace HealthKart.Infrastructure.Uploads;

/// <summary>
/// Takes a source out of the analytics: one catalog write removes it (atomically, like a replacement), then its rows,
/// facts and inbox blob are deleted and the ledger says when. The raw rows go with their marker: the version it named
/// (the previous complete one, while the retracted version's rows were still being written) and the retracted version,
/// whose raw-row stage, if still running, stops and deletes what it wrote after this. A rejected upload, which never
/// reached the analytics, is dismissed instead: its inbox blob (if still that file), its validation report and its
/// ledger record go.
/// </summary>
public sealed class SourceRetraction(
    DatasetCatalog catalog, UploadLedger ledger, UploadIngestor ingestor, VersionPurge versions,
    RowVersions rowVersions, ValidationReportStore reports, HealthKartTables tables, TimeProvider clock)
{
    public async Task<UploadRecord> RetractAsync(string uploadId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        var record = await ledger.FindAsync(uploadId, cancellationToken)
            ?? throw ProblemException.NotFound($"There is no upload '{uploadId}'. GET /api/uploads lists them.");

        if (record.Status == UploadStatus.Rejected)
        {
            // first: a blob left behind would be offered and rejected again
            await DeleteInboxBlobAsync(record, cancellationToken);
            await reports.DeleteAsync(record.Id, cancellationToken);
            await ledger.DeleteAsync(record, cancellationToken);
            return record with
            {
                Message = $"Dismissed: {record.FileName} was rejected and changed nothing; its report is deleted.",
            };
        }

        CatalogEntry? removed = null;
        await catalog.UpdateAsync(current =>
        {
            removed = current.Find(record.SourceKey) is { } entry && entry.UploadId == uploadId ? entry : null;
            return removed is null ? null : current with { Sources = [.. current.Sources.Where(s => s != removed)] };
        }, cancellationToken);

        if (removed is null)
        {
            var state = record.RetractedAt is null ? $"its status is {record.Status.ToString().ToLowerInvariant()}"
                : "it was already retracted";
            throw ProblemException.Conflict(
                $"Upload '{uploadId}' is not the current version of {record.FileName} ({state}); only the current " +
                "version can be retracted, and a rejected upload dismissed.");
        }

        // Recorded first: a raw-row stage still running for this
        // upload stops when it sees the catalog and keeps this record.
        await ledger.SaveAsync(Retracted(record), cancellationToken);
        if (await rowVersions.RemoveAsync(removed.Dataset, removed.SourceKey, cancellationToken) is { } complete
            && complete.SourceVersion != removed.SourceVersion)
        {
            await versions.PurgeAsync(removed.Dataset, complete.SourceVersion, cancellationToken);
        }

        await versions.PurgeAsync(removed.Dataset, removed.SourceVersion, cancellationToken);
        await DeleteInboxBlobAsync(record, cancellationToken);
        var retracted = Retracted(await ledger.FindAsync(uploadId, cancellationToken) ?? record);
        await ledger.SaveAsync(retracted, cancellationToken);
        return retracted;
    }

    /// <summary>
    /// A retracted upload's ingestion is over: a raw-row stage still writing is stopped (its rows are removed).
    /// </summary>
    private UploadRecord Retracted(UploadRecord record) => record with
    {
        RawRows = record.RawRows is { State: RawRowState.Writing } writing
            ? writing with { State = RawRowState.Stopped } : record.RawRows,
        Current = false,
        RetractedAt = clock.GetUtcNow(),
        Message = $"Retracted: {IndianText.Count(record.Rows, "row")} removed from the analytics.",
    };

    /// <summary>
    /// Deletes the inbox blob only if it is still this upload, never a newer file dropped under the same name.
    /// </summary>
    private async Task DeleteInboxBlobAsync(UploadRecord record, CancellationToken cancellationToken)
    {
        var blob = ingestor.Inbox.GetBlobClient(record.FileName);
        try
        {
            var etag = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag;
            if (TableKeys.UploadId(record.FileName, etag.ToString()) == record.Id)
            {
                await blob.DeleteIfExistsAsync(conditions: new BlobRequestConditions { IfMatch = etag },
                    cancellationToken: cancellationToken);
            }
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // Already gone, or replaced a moment ago by a newer file that must stay.
        }
    }
}
