using Azure;
using Azure.Storage.Blobs;

namespace HealthKart.Cli.Serve;

/// <summary>
/// Checks once that <c>--storage</c> reaches a storage account, so a typo fails in a second with a clear message
/// instead of after the app's storage clients have retried for a minute.
/// </summary>
internal static class StorageProbe
{
    public static async Task CheckAsync(string connectionString, CancellationToken cancellationToken)
    {
        BlobServiceClient blobs;
        try
        {
            blobs = new BlobServiceClient(connectionString,
                new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(10) } });
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException
            or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"--storage is not a storage connection string ({exception.Message}). Use the account's connection " +
                "string (portal: Access keys).", exception);
        }

        try
        {
            await blobs.GetBlobContainerClient("hk-serve-probe").ExistsAsync(cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status != 0)
        {
            // It answered; whether these credentials may do everything the app needs shows up in its own errors.
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"Cannot reach the storage account at {blobs.Uri} ({exception.Message}). Check --storage, or " +
                "start that emulator first.", exception);
        }
    }
}
