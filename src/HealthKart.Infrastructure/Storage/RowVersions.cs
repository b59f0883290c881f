using Azure;
using Azure.Data.Tables;
using HealthKart.Core.DataContract;

namespace HealthKart.Infrastructure.Storage;

/// <summary>
/// The raw rows' completion markers, in the <c>RowVersions</c> table: one entity per source (partition = the dataset's
/// file stem, row key = the source key) naming the one version of that source whose raw rows are all in the dataset's
/// row table. The dashboard may already show a newer version while its rows are still being written (facts first);
/// a reader of the row tables (Storage Explorer, Power BI) takes, per source, only the partitions that start with the
/// marker's <c>SourceVersion</c> followed by <c>~</c>, and so never sees a mix of versions or a partial one.
/// </summary>
public sealed class RowVersions(HealthKartTables tables)
{
    public async Task<RowVersion?> FindAsync(Dataset dataset, string sourceKey, CancellationToken cancellationToken)
    {
        var response = await tables.RowVersions.GetEntityIfExistsAsync<TableEntity>(dataset.FileStem(), sourceKey,
            cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>
    /// Whether <paramref name="sourceVersion"/>'s raw rows are complete and the ones to read for its source.
    /// </summary>
    public async Task<bool> IsCompleteAsync(Dataset dataset, string sourceVersion,
        CancellationToken cancellationToken) =>
        (await FindAsync(dataset, TableKeys.SourceKeyOf(sourceVersion),
            cancellationToken))?.SourceVersion == sourceVersion;

    /// <summary>
    /// Names <paramref name="complete"/> as its source's complete version, if <paramref name="stillCurrent"/> (asked
    /// after the marker is read, and the write guarded by that read's ETag) says the catalog still names it: a newer
    /// version completing meanwhile is never overwritten by an older one. Returns the version the marker named before,
    /// or null when <paramref name="stillCurrent"/> said no (nothing was written).
    /// </summary>
    public async Task<(bool Written, RowVersion? Previous)> CompleteAsync(
        RowVersion complete, Func<Task<bool>> stillCurrent, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await tables.RowVersions.GetEntityIfExistsAsync<TableEntity>(complete.Dataset.FileStem(),
                complete.SourceKey, cancellationToken: cancellationToken);
            var existing = response.HasValue ? response.Value : null;
            if (!await stillCurrent())
            {
                return (false, null);
            }

            try
            {
                if (existing is null)
                {
                    await tables.RowVersions.AddEntityAsync(ToEntity(complete), cancellationToken);
                }
                else
                {
                    await tables.RowVersions.UpdateEntityAsync(ToEntity(complete), existing.ETag,
                        TableUpdateMode.Replace, cancellationToken);
                }

                return (true, existing is null ? null : FromEntity(existing));
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412 && attempt < 20)
            {
                await Task.Delay(Random.Shared.Next(10, 50), cancellationToken);
            }
        }
    }

    /// <summary>Removes a source's marker (the source was retracted); returns what it named.</summary>
    public async Task<RowVersion?> RemoveAsync(Dataset dataset, string sourceKey, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(dataset, sourceKey, cancellationToken);
        if (existing is not null)
        {
            await tables.RowVersions.DeleteEntityAsync(dataset.FileStem(), sourceKey, ETag.All, cancellationToken);
        }

        return existing;
    }

    private static TableEntity ToEntity(RowVersion v) => new(v.Dataset.FileStem(), v.SourceKey)
    {
        ["FileName"] = v.FileName,
        ["SourceVersion"] = v.SourceVersion,
        ["UploadId"] = v.UploadId,
        ["Rows"] = v.Rows,
        ["CompletedAt"] = v.CompletedAt,
    };

    private static RowVersion FromEntity(TableEntity e) => new(
        Enum.GetValues<Dataset>().First(d => d.FileStem() == e.PartitionKey),
        e.RowKey,
        e.GetString("FileName") ?? "",
        e.GetString("SourceVersion") ?? "",
        e.GetString("UploadId") ?? "",
        e.GetInt64("Rows") ?? 0,
        e.GetDateTimeOffset("CompletedAt") ?? DateTimeOffset.MinValue);
}

/// <summary>
/// A source's version whose raw rows are complete: read the partitions that start with <c>{SourceVersion}~</c>.
/// </summary>
public sealed record RowVersion(
    Dataset Dataset, string SourceKey, string FileName, string SourceVersion, string UploadId, long Rows,
    DateTimeOffset CompletedAt);
