using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Infrastructure.Exports.Tracking;
using HealthKart.Infrastructure.Storage;

namespace HealthKart.Infrastructure.Ingestion;

/// <summary>
/// Deletes source versions that no catalog names, so nothing is counted twice in the raw tables or the export copies:
/// a replaced or retracted version, and what runs that never published left behind (an interrupted, failed or
/// overwritten ingestion writes facts before the catalog flip), and a published version superseded before its raw rows
/// were complete. Never a version the catalog names, nor one whose raw rows a <see cref="RowVersions"/> marker names.
/// </summary>
public sealed class VersionPurge(
    RowStore rowStore, FactStore factStore, TrackingCopies trackingCopies, RowVersions rowVersions, UploadLedger ledger,
    DatasetCatalog catalog)
{
    /// <summary>Deletes one version's rows, facts and (for tracking) export copies.</summary>
    public async Task PurgeAsync(Dataset dataset, string version, CancellationToken cancellationToken)
    {
        await rowStore.DeleteAsync(dataset, version, cancellationToken);
        await factStore.DeleteAsync(version, cancellationToken);
        if (dataset == Dataset.Tracking)
        {
            await trackingCopies.DeleteAsync(version, cancellationToken);
        }
    }

    /// <summary>Deletes one version unless the catalog or its source's raw-row marker names it.</summary>
    public async Task PurgeUnlessNamedAsync(Dataset dataset, string version, CancellationToken cancellationToken)
    {
        if (!await IsNamedAsync(dataset, version, cancellationToken))
        {
            await PurgeAsync(dataset, version, cancellationToken);
        }
    }

    private async Task<bool> IsNamedAsync(Dataset dataset, string version, CancellationToken cancellationToken) =>
        (await catalog.ReadAsync(cancellationToken)).Find(TableKeys.SourceKeyOf(version))?.SourceVersion == version
        || await rowVersions.IsCompleteAsync(dataset, version, cancellationToken);

    /// <summary>
    /// After <paramref name="current"/> became its source's catalog entry. Its run checked just before the flip that
    /// its blob was still the inbox's, so every other upload of the source is of a blob that is gone: it can never be
    /// run again, and what its runs wrote goes, unless it is the current version. Still running are only uploads of a
    /// blob written since (not older than the current one; blob times have whole seconds): those are left alone. A
    /// replaced upload whose run stopped before retiring it is marked not current. The version whose raw rows the
    /// marker names stays until the current version's rows are complete.
    /// </summary>
    public async Task SweepAsync(CatalogEntry current, CancellationToken cancellationToken)
    {
        var uploads = await ledger.ListSourceAsync(current.SourceKey, cancellationToken);
        var rowsComplete =
            (await rowVersions.FindAsync(current.Dataset, current.SourceKey, cancellationToken))?.SourceVersion;
        var running = uploads.Where(u => u.Id != current.UploadId && IsRunning(u)
            && u.ReceivedAt >= current.BlobLastModified).ToList();
        var live = running.Select(VersionOf).ToHashSet();
        foreach (var upload in uploads.Where(u => u.Id != current.UploadId && !running.Contains(u)))
        {
            if (upload is { Status: UploadStatus.Ingested, RawRows: { State: RawRowState.Writing } writing })
            {
                await ledger.SaveAsync(upload with
                {
                    Current = false,
                    RawRows = writing with { State = RawRowState.Stopped },
                    Message =
                        "Ingested, then replaced by a newer upload before its raw rows were complete; they were " +
                        "removed (the newer upload's rows are written instead).",
                }, cancellationToken);
            }
            else if (upload is { Status: UploadStatus.Ingested, Current: true })
            {
                await ledger.SaveAsync(upload with { Current = false }, cancellationToken);
            }
            else if (upload.Status is UploadStatus.Rejected or UploadStatus.Ingested)
            {
                continue; // Never wrote anything, or was purged when replaced or retracted.
            }

            if (VersionOf(upload) is { } version && version != current.SourceVersion && version != rowsComplete
                && !live.Contains(version)
                && upload.Dataset is { } dataset)
            {
                await PurgeAsync(dataset, version, cancellationToken);
            }
        }
    }

    private static bool IsRunning(UploadRecord upload) =>
        upload.Status is UploadStatus.Received or UploadStatus.Validating or UploadStatus.Ingesting
        || upload is { Status: UploadStatus.Ingested, RawRows.State: RawRowState.Writing };

    /// <summary>
    /// Deletes what a run of <paramref name="upload"/> wrote when it will not be run again (it gave up, or its blob
    /// changed), unless its version is current or another upload of identical content is being ingested right now.
    /// </summary>
    public async Task PurgeAbandonedAsync(UploadRecord upload, CancellationToken cancellationToken)
    {
        if (VersionOf(upload) is not { } version || upload.Dataset is not { } dataset)
        {
            return;
        }

        if (await IsNamedAsync(dataset, version, cancellationToken))
        {
            return;
        }

        var others = await ledger.ListSourceAsync(upload.SourceKey, cancellationToken);
        if (others.Any(o => o.Id != upload.Id && IsRunning(o) && VersionOf(o) == version))
        {
            return;
        }

        await PurgeAsync(dataset, version, cancellationToken);
    }

    private static string? VersionOf(UploadRecord upload) =>
        upload.ContentHash is { } hash ? TableKeys.SourceVersion(upload.SourceKey, hash) : null;
}
