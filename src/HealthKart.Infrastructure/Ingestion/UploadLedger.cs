using System.Text.Json;
using Azure.Data.Tables;
using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Core.Validation;
using HealthKart.Infrastructure.Storage;

namespace HealthKart.Infrastructure.Ingestion;

/// <summary>The upload ledger: one entity per upload, saying what happened to it and how far it got.</summary>
public sealed class UploadLedger(HealthKartTables tables)
{
    private const string Partition = "upload";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<UploadRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        var response = await tables.Ledger.GetEntityIfExistsAsync<TableEntity>(Partition, id,
            cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>
    /// Newest first. A store nothing was ever uploaded to has no tables yet: that is an empty list, not an error.
    /// </summary>
    public async Task<IReadOnlyList<UploadRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        var records = new List<UploadRecord>();
        await foreach (var entity in tables.Ledger.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            records.Add(FromEntity(entity));
        }

        return records.OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
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
    /// </summary>
    public async Task CloseReplacedAsync(string sourceKey, string newerId, CancellationToken cancellationToken)
    {
        foreach (var waiting in (await ListSourceAsync(sourceKey, cancellationToken)).Where(r =>
            r.Status == UploadStatus.Received && r.Id != newerId))
        {
            await SaveAsync(waiting with
            {
                Status = UploadStatus.Failed,
                FinishedAt = DateTimeOffset.UtcNow,
                Message =
                    $"Replaced by a newer upload of the same name ({newerId}) before it was read; that one is " +
                    "ingested instead. Nothing to do.",
            }, cancellationToken);
        }
    }

    public Task SaveAsync(UploadRecord record, CancellationToken cancellationToken) =>
        tables.Ledger.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, cancellationToken);

    /// <summary>Removes an upload from the ledger (a dismissed rejection); nothing else refers to it.</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken) =>
        tables.Ledger.DeleteEntityAsync(Partition, id, Azure.ETag.All, cancellationToken);

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

    private static TableEntity ToEntity(UploadRecord r) => new(Partition, r.Id)
    {
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
        Id = e.RowKey,
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
