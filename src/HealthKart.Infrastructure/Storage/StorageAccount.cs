using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace HealthKart.Infrastructure.Storage;

/// <summary>
/// The storage account behind everything: the same <c>AzureWebJobsStorage</c> connection the blob trigger uses, so the
/// inbox, the reports and the tables live in one account, Azurite locally or a real account in Azure.
/// </summary>
public sealed class StorageAccount(BlobServiceClient blobs, TableServiceClient tables)
{
    public const string ConnectionSetting = "AzureWebJobsStorage";

    public BlobServiceClient Blobs => blobs;
    public TableServiceClient Tables => tables;

    public static StorageAccount FromConfiguration(IConfiguration configuration)
    {
        var connection = configuration[ConnectionSetting];
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException(
                $"Set '{ConnectionSetting}' to a storage connection string (Azurite locally: see local.settings.sample.json).");
        }

        return FromConnectionString(connection);
    }

    /// <summary>Transient storage faults (throttling, a restarting emulator) are retried with exponential backoff.</summary>
    public static StorageAccount FromConnectionString(string connection)
    {
        var blobOptions = new BlobClientOptions();
        var tableOptions = new TableClientOptions();
        Configure(blobOptions.Retry);
        Configure(tableOptions.Retry);
        return new StorageAccount(new BlobServiceClient(connection, blobOptions), new TableServiceClient(connection, tableOptions));
    }

    private static void Configure(RetryOptions retry)
    {
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = 6;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(10);
        retry.NetworkTimeout = TimeSpan.FromSeconds(100);
    }
}
