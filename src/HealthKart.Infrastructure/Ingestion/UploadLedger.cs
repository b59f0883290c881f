using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Core.Validation;
using HealthKart.Infrastructure.Storage;

namespace HealthKart.Infrastructure.Ingestion;

/// <summary>
/// The upload ledger: one entity per upload, saying what happened to it and how far it got, found by its id. A copy of
/// each is kept under a key that sorts newest first (<see cref="RecentKey"/>), so that listing the newest uploads, or
/// one week's, reads those and nothing older: the ledger only grows, and the dashboard lists it every few seconds
/// (docs/uploads.md, "The ledger").
/// </summary>
public sealed class UploadLedger(HealthKartTables tables, DatasetCatalog catalog)
{
    private const string Partition = "upload";
    private const string Recent = "recent";

    /// <summary>The entity that says every record written before the copies existed has one now.</summary>
    private const string IndexMarker = "recent-index";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private volatile bool _indexed;

    public async Task<UploadRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        var response = await tables.Ledger.GetEntityIfExistsAsync<TableEntity>(Partition, id,
            cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>
    /// The newest <paramref name="limit"/> uploads, newest first, then the current upload of every source that is
    /// older than those (what the analytics see must stay in view, to be retracted), and whether older uploads were
    /// left out. Reads at most that many copies, one record per source, and the record itself of each upload still
    /// under way (its progress counters are written to the record only). A store nothing was ever uploaded to has no
    /// tables yet: that is an empty list, not an error.
    /// </summary>
    public async Task<(IReadOnlyList<UploadRecord> Items, bool More)> ListAsync(int limit,
        CancellationToken cancellationToken)
    {
        // Every copy: their keys start with 19 digits.
        var newest = await RecentAsync("", ":", limit + 1, cancellationToken);
        var items = newest.Take(limit).ToList();
        var listed = items.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        // One point read per older source, all at once: the Uploads tab asks every few seconds.
        var older = await Task.WhenAll((await catalog.ReadAsync(cancellationToken)).Sources
            .Where(source => !listed.Contains(source.UploadId))
            .Select(source => FindAsync(source.UploadId, cancellationToken)));

        return ([.. items, .. older.OfType<UploadRecord>().OrderByDescending(r => r.ReceivedAt)], newest.Count > limit);
    }

    /// <summary>
    /// Every upload received from <paramref name="from"/> (inclusive) to <paramref name="until"/> (exclusive), newest
    /// first: one week's uploads for its summary, reading nothing outside the range.
    /// </summary>
    public async Task<IReadOnlyList<UploadRecord>> ListReceivedAsync(DateTimeOffset from, DateTimeOffset until,
        CancellationToken cancellationToken)
    {
        // Newer receipts sort first: the range runs from the last tick before `until` back to `from`, whose keys
        // start with its ticks and so sort below the tick before it.
        return await RecentAsync(TicksKey(until.AddTicks(-1)), TicksKey(from.AddTicks(-1)), int.MaxValue,
            cancellationToken);
    }

    /// <summary>
    /// Up to <paramref name="count"/> copies keyed from <paramref name="newest"/> (inclusive) to
    /// <paramref name="beyond"/> (exclusive), newest first, as records.
    /// </summary>
    private async Task<List<UploadRecord>> RecentAsync(string newest, string beyond, int count,
        CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        await IndexEarlierRecordsAsync(cancellationToken);
        var records = new List<UploadRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entity in tables.Ledger.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Recent} and RowKey ge {newest} and RowKey lt {beyond}"),
            maxPerPage: Math.Clamp(count, 1, 1000), cancellationToken: cancellationToken))
        {
            // A record whose receipt time was written twice differently has two copies; the newer key shows it.
            var record = FromEntity(entity);
            if (seen.Add(record.Id))
            {
                records.Add(record);
            }

            if (records.Count == count)
            {
                break;
            }
        }

        for (var i = 0; i < records.Count; i++)
        {
            if (UnderWay(records[i]) && await FindAsync(records[i].Id, cancellationToken) is { } fresh)
            {
                records[i] = fresh;
            }
        }

        return records;
    }

    /// <summary>Still moving: its counters change on the record, not on the copy.</summary>
    private static bool UnderWay(UploadRecord r) =>
        r.Status is UploadStatus.Received or UploadStatus.Validating or UploadStatus.Ingesting
        || r.RawRows?.State == RawRowState.Writing;

    /// <summary>
    /// Where the copy of a record sorts: later receipts first (inverted ticks), then the id, which makes it unique.
    /// </summary>
    private static string RecentKey(UploadRecord record) => $"{TicksKey(record.ReceivedAt)}~{record.Id}";

    private static string TicksKey(DateTimeOffset instant) =>
        (long.MaxValue - instant.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Records written before the copies existed get theirs once, the first time this store is listed; the marker
    /// then saves every later listing the scan.
    /// </summary>
    private async Task IndexEarlierRecordsAsync(CancellationToken cancellationToken)
    {
        if (_indexed)
        {
            return;
        }

        var marker = await tables.Ledger.GetEntityIfExistsAsync<TableEntity>(IndexMarker, IndexMarker,
            cancellationToken: cancellationToken);
        if (!marker.HasValue)
        {
            // In transactions of 100, the most one may hold: one partition, so they all fit.
            var copies = new List<TableTransactionAction>(100);
            await foreach (var entity in tables.Ledger.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
            {
                var record = FromEntity(entity);
                copies.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                    ToEntity(record, Recent, RecentKey(record))));
                if (copies.Count == 100)
                {
                    await tables.Ledger.SubmitTransactionAsync(copies, cancellationToken);
                    copies.Clear();
                }
            }

            if (copies.Count > 0)
            {
                await tables.Ledger.SubmitTransactionAsync(copies, cancellationToken);
            }

            await tables.Ledger.UpsertEntityAsync(new TableEntity(IndexMarker, IndexMarker), TableUpdateMode.Replace,
                cancellationToken);
        }

        _indexed = true;
    }

    /// <summary>
    /// Every upload of one source (its records' ids start with the source key), in no particular order.
    /// </summary>
    public async Task<IReadOnlyList<UploadRecord>> ListSourceAsync(string sourceKey,
        CancellationToken cancellationToken)
    {
        var start = sourceKey + "~";
        var end = TableKeys.PrefixEnd(start);
        var records = new List<UploadRecord>();
        await foreach (var entity in tables.Ledger.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {start} and RowKey lt {end}"),
            cancellationToken: cancellationToken))
        {
            records.Add(FromEntity(entity));
        }

        return records;
    }

    /// <summary>
    /// An upload still waiting at <c>received</c> when a newer write of the same name exists will never be read (the
    /// inbox holds only the newest): it is closed, saying which upload replaced it, instead of waiting forever.
    /// Which upload the inbox holds is asked of <paramref name="inboxBlob"/> after the waiting ones are listed: a
    /// caller's own upload may already be older than one stored meanwhile, whose record must stay open (closing every
    /// waiting upload but the caller's closed the newest one when two stores raced).
    /// </summary>
    public async Task CloseReplacedAsync(string sourceKey, BlobClient inboxBlob, CancellationToken cancellationToken)
    {
        var waiting = (await ListSourceAsync(sourceKey, cancellationToken))
            .Where(r => r.Status == UploadStatus.Received).ToList();
        if (waiting.Count == 0 || await HeldUploadIdAsync(inboxBlob, cancellationToken) is not { } newerId)
        {
            return;
        }

        foreach (var replaced in waiting.Where(r => r.Id != newerId))
        {
            await SaveAsync(replaced with
            {
                Status = UploadStatus.Failed,
                FinishedAt = DateTimeOffset.UtcNow,
                Message =
                    $"Replaced by a newer upload of the same name ({newerId}) before it was read; that one is " +
                    "ingested instead. Nothing to do.",
            }, cancellationToken);
        }
    }

    /// <summary>The upload the inbox holds under the blob's name now; null if the blob is gone.</summary>
    private static async Task<string?> HeldUploadIdAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            return TableKeys.UploadId(blob.Name, properties.Value.ETag.ToString());
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The record, and its copy that sorts newest first.</summary>
    public async Task SaveAsync(UploadRecord record, CancellationToken cancellationToken)
    {
        await tables.Ledger.UpsertEntityAsync(ToEntity(record, Partition, record.Id), TableUpdateMode.Replace,
            cancellationToken);
        await tables.Ledger.UpsertEntityAsync(ToEntity(record, Recent, RecentKey(record)), TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>Removes an upload from the ledger (a dismissed rejection); nothing else refers to it.</summary>
    public async Task DeleteAsync(UploadRecord record, CancellationToken cancellationToken)
    {
        await tables.Ledger.DeleteEntityAsync(Partition, record.Id, Azure.ETag.All, cancellationToken);
        await tables.Ledger.DeleteEntityAsync(Recent, RecentKey(record), Azure.ETag.All, cancellationToken);
    }

    /// <summary>The counter of rows validation has read so far (<see cref="UploadRecord.RowsProcessed"/>).</summary>
    public const string RowsProcessed = nameof(UploadRecord.RowsProcessed);

    /// <summary>
    /// The counter of raw rows the raw-row stage has written so far (<see cref="RawRowProgress.Written"/>).
    /// </summary>
    public const string RawRowsWritten = nameof(RawRowsWritten);

    /// <summary>
    /// Progress only: a merge of one counter (<see cref="RowsProcessed"/> or <see cref="RawRowsWritten"/>), cheap
    /// enough to send every second.
    /// </summary>
    public Task ReportProgressAsync(string id, string counter, long rows, CancellationToken cancellationToken) =>
        tables.Ledger.UpdateEntityAsync(
            new TableEntity(Partition, id) { [counter] = rows }, Azure.ETag.All, TableUpdateMode.Merge,
            cancellationToken);

    private static TableEntity ToEntity(UploadRecord r, string partition, string key) => new(partition, key)
    {
        ["Id"] = r.Id,
        ["FileName"] = r.FileName,
        ["SourceKey"] = r.SourceKey,
        ["Dataset"] = r.Dataset?.FileStem(),
        ["Status"] = r.Status.ToString().ToLowerInvariant(),
        ["Bytes"] = r.Bytes,
        ["Rows"] = r.Rows,
        ["RowsProcessed"] = r.RowsProcessed,
        ["Errors"] = r.Errors,
        ["Warnings"] = r.Warnings,
        ["ContentHash"] = r.ContentHash,
        ["UploadedBy"] = r.UploadedBy,
        ["ReceivedAt"] = r.ReceivedAt,
        ["StartedAt"] = r.StartedAt,
        ["FinishedAt"] = r.FinishedAt,
        ["PublishedAt"] = r.PublishedAt,
        ["RawRowsState"] = r.RawRows?.State.ToString().ToLowerInvariant(),
        [RawRowsWritten] = r.RawRows?.Written,
        ["RawRowsCompletedAt"] = r.RawRows?.CompletedAt,
        ["FirstDate"] = r.FirstDate?.ToString("yyyy-MM-dd"),
        ["LastDate"] = r.LastDate?.ToString("yyyy-MM-dd"),
        ["Message"] = r.Message,
        ["ReportPath"] = r.ReportPath,
        ["ErrorsCsvPath"] = r.ErrorsCsvPath,
        ["Replaced"] = r.Replaced is null ? null : JsonSerializer.Serialize(r.Replaced, Json),
        ["Current"] = r.Current,
        ["RetractedAt"] = r.RetractedAt,
        ["Attempts"] = r.Attempts,
        ["FirstErrors"] = JsonSerializer.Serialize(r.FirstErrors, Json),
    };

    private static UploadRecord FromEntity(TableEntity e) => new()
    {
        Id = e.GetString("Id") ?? e.RowKey,
        FileName = e.GetString("FileName") ?? "",
        SourceKey = e.GetString("SourceKey") ?? "",
        Dataset = Enum.GetValues<Dataset>().Cast<Dataset?>()
            .FirstOrDefault(d => d!.Value.FileStem() == e.GetString("Dataset")),
        Status = Enum.Parse<UploadStatus>(e.GetString("Status") ?? nameof(UploadStatus.Received), ignoreCase: true),
        Bytes = e.GetInt64("Bytes") ?? 0,
        Rows = e.GetInt64("Rows") ?? 0,
        RowsProcessed = e.GetInt64("RowsProcessed") ?? 0,
        Errors = e.GetInt64("Errors") ?? 0,
        Warnings = e.GetInt64("Warnings") ?? 0,
        ContentHash = e.GetString("ContentHash"),
        UploadedBy = e.GetString("UploadedBy"),
        ReceivedAt = e.GetDateTimeOffset("ReceivedAt") ?? e.Timestamp ?? DateTimeOffset.MinValue,
        StartedAt = e.GetDateTimeOffset("StartedAt"),
        FinishedAt = e.GetDateTimeOffset("FinishedAt"),
        PublishedAt = e.GetDateTimeOffset("PublishedAt"),
        RawRows = e.GetString("RawRowsState") is { } state
            ? new RawRowProgress(Enum.Parse<RawRowState>(state, ignoreCase: true), e.GetInt64(RawRowsWritten) ?? 0,
                e.GetDateTimeOffset("RawRowsCompletedAt"))
            : null,
        FirstDate = ParseDate(e.GetString("FirstDate")),
        LastDate = ParseDate(e.GetString("LastDate")),
        Message = e.GetString("Message"),
        ReportPath = e.GetString("ReportPath"),
        ErrorsCsvPath = e.GetString("ErrorsCsvPath"),
        Replaced = e.GetString("Replaced") is { } replaced ? JsonSerializer.Deserialize<Replacement>(replaced, Json)
            : null,
        Current = e.GetBoolean("Current") ?? false,
        RetractedAt = e.GetDateTimeOffset("RetractedAt"),
        Attempts = e.GetInt32("Attempts") ?? 0,
        FirstErrors = e.GetString("FirstErrors") is { } errors ? JsonSerializer.Deserialize<List<RowIssue>>(errors,
            Json) ?? [] : [],
    };

    private static DateOnly? ParseDate(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd");
}
