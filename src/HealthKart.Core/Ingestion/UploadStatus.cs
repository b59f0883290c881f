namespace HealthKart.Core.Ingestion;

/// <summary>
/// The life of an upload: received, validating, then rejected, or ingesting and then ingested or failed.
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
