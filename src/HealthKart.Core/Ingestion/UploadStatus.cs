namespace HealthKart.Core.Ingestion;

/// <summary>
/// The life of an upload: received, validating, then rejected, or ingesting (its facts being stored) and ingested (the
/// catalog names its version: the dashboard shows it); or failed. The raw-row stage that follows an ingested upload is
/// not a status: it reports in <see cref="UploadRecord.RawRows"/>.
/// </summary>
public enum UploadStatus
{
    Received,
    Validating,
    Rejected,
    Ingesting,
    Ingested,
    Failed,
}

/// <summary>Where the raw-row stage of an ingested upload stands.</summary>
public enum RawRowState
{
    /// <summary>Its raw rows are being written (or a stopped run of the stage is retried by the trigger).</summary>
    Writing,

    /// <summary>All its raw rows are in the tables and the source's row marker names its version.</summary>
    Complete,

    /// <summary>
    /// The stage ended before its rows were complete and is not run again: the version was replaced or retracted (what
    /// it wrote was removed), its file changed, or it failed on every attempt. The message says which.
    /// </summary>
    Stopped,
}

/// <summary>
/// The raw-row stage of an ingested upload: its state, how many rows it has written, and when it completed.
/// </summary>
public sealed record RawRowProgress(RawRowState State, long Written = 0, DateTimeOffset? CompletedAt = null)
{
    public static RawRowProgress Started { get; } = new(RawRowState.Writing);
}
