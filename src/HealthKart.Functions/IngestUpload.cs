using Azure.Storage.Blobs;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;

namespace HealthKart.Functions;

/// <summary>
/// Validates and ingests every CSV that lands in the inbox. In Azure (Flex Consumption) the trigger is fed by an Event
/// Grid subscription on BlobCreated; locally <c>hk serve</c> polls the container and calls the same method. It binds a
/// <see cref="BlobClient"/>, not the content: the ingestor streams the blob itself, twice, pinned to one ETag.
/// </summary>
public sealed class IngestUpload(UploadIngestor ingestor)
{
    [Function(nameof(IngestUpload))]
    public Task Run(
        [BlobTrigger("%Uploads:Container%/{name}", Source = BlobTriggerSource.EventGrid,
            Connection = StorageAccount.ConnectionSetting)] BlobClient blob,
        CancellationToken cancellationToken) =>
        ingestor.IngestAsync(blob.Name, cancellationToken);
}
