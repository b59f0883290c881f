namespace HealthKart.Core.Ingestion;

/// <summary>
/// The life of an upload: received, validating, then rejected, or ingesting (its facts being stored), published (the
/// dashboard shows it while its raw rows are written to the tables) and ingested (the raw rows are complete); or
/// failed.
/// </summary>
public enum UploadStatus
{
    Received,
    Validating,
    Rejected,
    Ingesting,
    Published,
    Ingested,
    Failed,
}
