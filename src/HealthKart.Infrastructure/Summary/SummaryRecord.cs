using Azure;
using HealthKart.Core.Summary;

namespace HealthKart.Infrastructure.Summary;

public enum SummaryStatus
{
    /// <summary>
    /// A run is sending it (or crashed while sending: after the claim timeout another run may take over).
    /// </summary>
    Claimed,

    /// <summary>The relay accepted it: never sent again.</summary>
    Sent,

    /// <summary>The last attempt failed; the next run sends it.</summary>
    Failed,

    /// <summary>No activity and <c>WeeklySummary:SkipEmptyWeeks</c> set; looked at again if asked to send it.</summary>
    Skipped,
}

/// <summary>
/// The ledger's record of one week's e-mail; <see cref="ETag"/> is the version the holder of a claim may change.
/// </summary>
public sealed record SummaryRecord(
    IsoWeek Week,
    SummaryStatus Status,
    int Attempts,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? SentAt,
    string? MessageId,
    int Recipients,
    string? DatasetVersion,
    string? LastError,
    ETag ETag);

public enum ClaimResult
{
    /// <summary>This run holds the week and must send it, then confirm or record the failure.</summary>
    Claimed,

    AlreadySent,

    /// <summary>Another run claimed the week less than the claim timeout ago.</summary>
    InProgress,
}
