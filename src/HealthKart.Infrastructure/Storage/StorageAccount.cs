using System.Net.Sockets;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace HealthKart.Infrastructure.Storage;

/// <summary>
/// The storage account behind everything: the same <c>AzureWebJobsStorage</c> connection the blob trigger uses, so the
/// inbox, the reports and the tables live in one account, Azurite locally or a real account in Azure.
/// </summary>
/// <remarks>
/// Two forms, as the Functions host reads them. A connection string in <c>AzureWebJobsStorage</c> (Azurite, or a
/// real account's key). Or the host's identity-based form: <c>AzureWebJobsStorage__accountName</c> (or
/// <c>__blobServiceUri</c> and <c>__tableServiceUri</c>), optionally <c>__clientId</c> for a user-assigned identity;
/// then the clients authenticate with <see cref="DefaultAzureCredential"/> (the Function App's managed identity in
/// Azure) and no account key exists anywhere. Everything downstream uses the same two clients either way.
/// </remarks>
public sealed class StorageAccount(BlobServiceClient blobs, TableServiceClient tables)
{
    public const string ConnectionSetting = "AzureWebJobsStorage";

    public BlobServiceClient Blobs => blobs;
    public TableServiceClient Tables => tables;

    public static StorageAccount FromConfiguration(IConfiguration configuration, TokenCredential? credential = null)
    {
        var connection = configuration[ConnectionSetting];
        if (!string.IsNullOrWhiteSpace(connection))
        {
            return FromConnectionString(connection);
        }

        var identity = configuration.GetSection(ConnectionSetting);
        var accountName = identity["accountName"];
        var blobUri = Parse(identity["blobServiceUri"], "blobServiceUri")
            ?? (string.IsNullOrWhiteSpace(accountName)
                ? null : new Uri($"https://{accountName.Trim()}.blob.core.windows.net"));
        var tableUri = Parse(identity["tableServiceUri"], "tableServiceUri")
            ?? (string.IsNullOrWhiteSpace(accountName)
                ? null : new Uri($"https://{accountName.Trim()}.table.core.windows.net"));

        if (blobUri is null && tableUri is null)
        {
            throw new InvalidOperationException(
                $"Set '{ConnectionSetting}' to a storage connection string (Azurite locally: see " +
                "local.settings.sample.json), " +
                $"or '{ConnectionSetting}__accountName' (or '__blobServiceUri' and '__tableServiceUri') to " +
                "use the managed identity.");
        }

        if (blobUri is null || tableUri is null)
        {
            throw new InvalidOperationException(
                $"'{ConnectionSetting}' uses an identity but names only the " +
                $"{(blobUri is null ? "table" : "blob")} service: " +
                $"set '{ConnectionSetting}__accountName', or both '__blobServiceUri' and '__tableServiceUri'.");
        }

        credential ??= new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(identity["clientId"]) ? null : identity["clientId"],
        });
        return FromServiceUris(blobUri, tableUri, credential);
    }

    /// <summary>
    /// Transient storage faults (throttling, a restarting emulator) are retried with exponential backoff.
    /// </summary>
    public static StorageAccount FromConnectionString(string connection)
    {
        var (blobOptions, tableOptions) = Options();
        return new StorageAccount(new BlobServiceClient(connection, blobOptions),
            new TableServiceClient(connection, tableOptions));
    }

    /// <summary>
    /// An account reached by identity (Entra ID tokens, RBAC), with the same retry policy; no account key.
    /// </summary>
    public static StorageAccount FromServiceUris(Uri blobServiceUri, Uri tableServiceUri, TokenCredential credential)
    {
        var (blobOptions, tableOptions) = Options();
        return new StorageAccount(
            new BlobServiceClient(blobServiceUri, credential, blobOptions),
            new TableServiceClient(tableServiceUri, credential, tableOptions));
    }

    /// <summary>
    /// Whether a storage call failed for want of storage (no connection, a server error, a connection dropped while a
    /// blob streamed in, after the retry policy's tries) rather than for what it asked (403, 404, 409, 412). The SDK
    /// reports spent retries as an <see cref="AggregateException"/> of every try's failure. Only an I/O error of the
    /// network counts: a full disk is not an outage.
    /// </summary>
    public static bool IsUnreachable(Exception exception) => exception switch
    {
        AggregateException tries => tries.InnerExceptions.Count > 0 && tries.InnerExceptions.All(IsUnreachable),
        RequestFailedException failed => failed.Status is 0 or >= 500,
        HttpIOException => true,
        IOException io => io.InnerException is SocketException,
        _ => false,
    };

    private static (BlobClientOptions Blob, TableClientOptions Table) Options()
    {
        var blobOptions = new BlobClientOptions();
        var tableOptions = new TableClientOptions();
        Configure(blobOptions.Retry);
        Configure(tableOptions.Retry);
        blobOptions.AddPolicy(SocketErrorsAreTransient.Instance, HttpPipelinePosition.PerRetry);
        tableOptions.AddPolicy(SocketErrorsAreTransient.Instance, HttpPipelinePosition.PerRetry);
        return (blobOptions, tableOptions);
    }

    private static Uri? Parse(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? null
        : Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) ? uri
        : throw new InvalidOperationException($"'{ConnectionSetting}__{name}' is not an absolute URI: '{value}'.");

    private static void Configure(RetryOptions retry)
    {
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = 6;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(10);
        retry.NetworkTimeout = TimeSpan.FromSeconds(100);
    }

    /// <summary>
    /// A connection that the server resets the moment it is accepted (a restarting front end or emulator) can surface
    /// from HttpClient as a bare <see cref="SocketException"/> ("Transport endpoint is not connected", raised while
    /// reading the new connection's remote address), which the SDK's retry policy does not count as transient, unlike
    /// every other transport failure, which it receives wrapped. This wraps it the same way, so it is retried like
    /// them (docs/reliability.md).
    /// </summary>
    private sealed class SocketErrorsAreTransient : HttpPipelinePolicy
    {
        public static readonly SocketErrorsAreTransient Instance = new();

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            try
            {
                ProcessNext(message, pipeline);
            }
            catch (SocketException e)
            {
                throw new RequestFailedException(e.Message, e);
            }
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            try
            {
                await ProcessNextAsync(message, pipeline);
            }
            catch (SocketException e)
            {
                throw new RequestFailedException(e.Message, e);
            }
        }
    }
}
