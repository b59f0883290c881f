using HealthKart.Core.DataContract;
using HealthKart.Core.Validation;


namespace HealthKart.Core.Ingestion;

/// <summary>
/// The ledger's record of one upload: one blob write, identified by the source (blob name) and that write's ETag, so a
/// re-delivered trigger finds its own record and an overwrite gets a new one.
/// </summary>
public sealed record UploadRecord
{
    public required string Id { get; init; }
    public required string FileName { get; init; }
    public required string SourceKey { get; init; }
    public Dataset? Dataset { get; init; }
    public required UploadStatus Status { get; init; }
    public long Bytes { get; init; }
    public long Rows { get; init; }
    public long RowsProcessed { get; init; }
    public long Errors { get; init; }
    public long Warnings { get; init; }
    public string? ContentHash { get; init; }
    public string? UploadedBy { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>When the catalog first named this upload's version: from then on the dashboard shows it.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>
    /// The raw-row stage that follows publication (the rows written to its dataset's table); null for an upload that
    /// published nothing of its own (rejected, failed, or identical to the version already ingested).
    /// </summary>
    public RawRowProgress? RawRows { get; init; }
    public DateOnly? FirstDate { get; init; }
    public DateOnly? LastDate { get; init; }
    public string? Message { get; init; }
    public string? ReportPath { get; init; }
    public string? ErrorsCsvPath { get; init; }
    public Replacement? Replaced { get; init; }
    public bool Current { get; init; }
    public DateTimeOffset? RetractedAt { get; init; }

    /// <summary>
    /// How many runs of the ingestion have started on this upload; a failed one is retried up to a limit.
    /// </summary>
    public int Attempts { get; init; }
    public IReadOnlyList<RowIssue> FirstErrors { get; init; } = [];
}

/// <summary>What an upload replaced when it re-used a source's name: the previous version's rows and dates.</summary>
public sealed record Replacement(string PreviousUploadId, long PreviousRows, DateOnly? PreviousFirstDate,
    DateOnly? PreviousLastDate);
