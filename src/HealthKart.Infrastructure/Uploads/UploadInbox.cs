using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using HealthKart.Core;
using HealthKart.Core.Ingestion;
using HealthKart.Core.Problems;
using HealthKart.Core.Validation;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Uploads;

/// <summary>
/// Puts files into the inbox for the blob trigger: from an HTTP body, or via a short-lived write-only SAS. Uploads of
/// one name are stored one after another (the last writer wins): two block lists committed at once make one of them
/// fail with InvalidBlockList, which was a 500 and a ledger record left at <c>received</c> for ever.
/// </summary>
public sealed class UploadInbox(StorageAccount account, UploadLedger ledger, HealthKartTables tables,
    IOptions<UploadOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _storing = new(StringComparer.Ordinal);

    private BlobContainerClient Container => account.Blobs.GetBlobContainerClient(options.Value.Container);

    /// <summary>
    /// Stores the body as the named source and records it as received; the blob trigger does the rest.
    /// </summary>
    public async Task<UploadRecord> SaveAsync(string? fileName, Stream body, long? contentLength, string? uploadedBy,
        CancellationToken cancellationToken)
    {
        var name = UploadNames.Validate(fileName);
        var limit = options.Value.MaxHttpBodyBytes;
        if (contentLength > limit)
        {
            throw TooLarge(limit);
        }

        await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await tables.EnsureCreatedAsync(cancellationToken);
        var turn = _storing.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        try
        {
            return await StoreAsync(name, body, limit, uploadedBy, cancellationToken);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<UploadRecord> StoreAsync(string name, Stream body, long limit, string? uploadedBy,
        CancellationToken cancellationToken)
    {
        BlobContentInfo stored;
        try
        {
            await using var counted = new HashingStream(body, limit);
            stored = (await Container.GetBlobClient(name).UploadAsync(counted, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv" },
                Metadata = uploadedBy is null
                    ? null : new Dictionary<string, string> { [UploadIngestor.UploadedByMetadata] = Ascii(uploadedBy) },
            }, cancellationToken)).Value;
        }
        catch (InvalidDataException)
        {
            throw TooLarge(limit);
        }
        catch (RequestFailedException exception) when (exception.ErrorCode is "InvalidBlockList" or "BlobAlreadyExists"
            || exception.Status == 412)
        {
            // Another instance stored the same name at the same moment (this one serialises only its own requests).
            throw ProblemException.Conflict(
                $"Another upload of '{name}' was stored at the same moment and won; nothing of this one was kept. " +
                "Send it again if it is the newer file.");
        }

        var record = new UploadRecord
        {
            Id = TableKeys.UploadId(name, stored.ETag.ToString()),
            FileName = name,
            SourceKey = TableKeys.SourceKey(name),
            Dataset = Core.DataContract.DatasetNames.FromBlobName(name, out _),
            Status = UploadStatus.Received,
            UploadedBy = uploadedBy,
            ReceivedAt = stored.LastModified,
        };

        // The trigger may already have picked the blob up; never overwrite a record it has moved on.
        if (await ledger.FindAsync(record.Id, cancellationToken) is { } existing)
        {
            return existing;
        }

        await ledger.SaveAsync(record, cancellationToken);
        await ledger.CloseReplacedAsync(record.SourceKey, Container.GetBlobClient(name), cancellationToken);
        return record;
    }

    /// <summary>A URL that lets the holder create or overwrite exactly one inbox blob, for a few minutes.</summary>
    public async Task<UploadSas> CreateSasAsync(string? fileName, string? uploadedBy,
        CancellationToken cancellationToken)
    {
        var name = UploadNames.Validate(fileName);
        await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = Container.GetBlobClient(name);
        var expiresAt = clock.GetUtcNow().AddMinutes(options.Value.SasMinutes);
        var sas = new BlobSasBuilder(BlobSasPermissions.Create | BlobSasPermissions.Write, expiresAt)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = clock.GetUtcNow().AddMinutes(-5),
        };

        Uri url;
        if (blob.CanGenerateSasUri)
        {
            url = blob.GenerateSasUri(sas);
        }
        else
        {
            // Signed in with an identity (no account key): sign with a user delegation key instead.
            var key = await account.Blobs.GetUserDelegationKeyAsync(sas.StartsOn, expiresAt, cancellationToken);
            url = new BlobUriBuilder(blob.Uri)
            {
                Sas = sas.ToSasQueryParameters(key.Value,
                account.Blobs.AccountName)
            }.ToUri();
        }

        var headers = new Dictionary<string, string>
        {
            ["x-ms-blob-type"] = "BlockBlob",
            ["Content-Type"] = "text/csv"
        };
        if (uploadedBy is not null)
        {
            headers["x-ms-meta-" + UploadIngestor.UploadedByMetadata] = Ascii(uploadedBy);
        }

        return new UploadSas(name, url, expiresAt, "PUT", headers);
    }

    private static ProblemException TooLarge(long limit) => ProblemException.TooLarge(
        $"The body is over the {IndianText.Count(limit)}-byte limit for uploads through the API. Ask POST " +
        $"/api/uploads/{{fileName}}/sas for a direct upload URL, or use 'hk upload'.");

    /// <summary>Blob metadata is ASCII-only HTTP header text.</summary>
    private static string Ascii(string text) =>
        new(text.Select(c => c is >= ' ' and <= '~' ? c : '?').Take(256).ToArray());
}

/// <summary>Where and how to PUT a file straight into the inbox.</summary>
public sealed record UploadSas(string FileName, Uri Url, DateTimeOffset ExpiresAt, string Method,
    IReadOnlyDictionary<string, string> Headers);
