using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Customers;
using HealthKart.Infrastructure.Exports.Tracking;
using HealthKart.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Analytics;

/// <summary>
/// The query-ready snapshot of each dataset version as one immutable blob (docs/snapshot.md), in the sources container:
/// <c>snapshots/{datasetVersion}/{sources}-f{format}-{options}.snapshot</c>, written once by the first instance that
/// builds the version and read by every instance that starts cold on it. Writers never overwrite: a blob appears whole
/// (one block list commit, If-None-Match: *) or not at all, so two instances building the same version at once leave
/// one valid blob. Blobs of versions older than the one just written are deleted by that writer.
/// </summary>
public sealed class SnapshotStore(StorageAccount account, IOptions<SourceCopyOptions> options)
{
    public const string Folder = "snapshots/";
    private const int BlockBytes = 4 * 1024 * 1024;

    private int _created;

    public BlobContainerClient Container => account.Blobs.GetBlobContainerClient(options.Value.Container);

    /// <summary>
    /// The catalog's version, then a hash of what it names (each source version in ingestion order): a generation
    /// number alone is not unique where several apps share a container (tests, <c>hk serve</c> prefixes) or a catalog
    /// is reset.
    /// </summary>
    public static string BlobName(Catalog catalog, AnalyticsOptions analytics, CustomerOptions customers)
    {
        var sources = string.Join('|', catalog.Sources.OrderBy(s => s.IngestedAt).Select(s => s.SourceVersion));
        var content = XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(sources))
            .ToString("x16", CultureInfo.InvariantCulture);
        var options = SnapshotCodec.OptionsKey(analytics, customers);
        return $"{Folder}{catalog.DatasetVersion}/{content}-f{SnapshotCodec.FormatVersion}-{options}.snapshot";
    }

    /// <summary>
    /// The version's snapshot, streamed straight into its arrays, with the ETag of the blob it came from; null when no
    /// instance has written it yet. A blob that cannot be read as this version's snapshot throws
    /// <see cref="UnusableSnapshotBlobException"/> with its ETag. The snapshot comes back once its facts are read; its
    /// customers are still streaming in until <see cref="Snapshot.CustomersLoaded"/> is done, and the download is
    /// closed then.
    /// </summary>
    public async Task<SnapshotBlob?> ReadAsync(
        Catalog catalog, AnalyticsOptions analytics, CustomerOptions customers, CancellationToken cancellationToken)
    {
        var datasetVersion = catalog.DatasetVersion;
        var blob = Container.GetBlobClient(BlobName(catalog, analytics, customers));
        BlobDownloadStreamingResult download;
        try
        {
            download = (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }

        var buffered = new BufferedStream(ReadAhead.Of(download.Content, cancellationToken), 1 << 20);
        void Close()
        {
            buffered.Dispose();
            download.Dispose();
        }

        try
        {
            // The codec reads synchronously: on a pool thread, the network stream blocks that thread, not a request's.
            // The download runs ahead of the decoding, so the two overlap.
            var snapshot = await Task.Run(() => SnapshotCodec.Read(buffered, download.Details.ContentLength,
                datasetVersion, analytics, customers), cancellationToken);
            _ = snapshot.CustomersLoaded.ContinueWith(_ => Close(), TaskScheduler.Default);
            return new SnapshotBlob(snapshot, download.Details.ETag);
        }
        catch (InvalidDataException exception)
        {
            Close();
            throw new UnusableSnapshotBlobException(blob.Name, download.Details.ETag, exception);
        }
        catch
        {
            Close();
            throw;
        }
    }

    /// <summary>
    /// Writes the snapshot's blob unless one exists (true when this call wrote it). <paramref name="unusable"/> is the
    /// ETag of a blob found corrupt under the same name: that blob, and only that one, is replaced.
    /// </summary>
    public async Task<bool> WriteAsync(Catalog catalog, Snapshot snapshot, ETag? unusable,
        CancellationToken cancellationToken)
    {
        using var bytes = new MemoryStream();
        SnapshotCodec.Write(snapshot, bytes);
        await EnsureContainerAsync(cancellationToken);
        var blob = Container.GetBlockBlobClient(BlobName(catalog, snapshot.Options, snapshot.CustomerOptions));
        if (unusable is { } etag)
        {
            try
            {
                await blob.DeleteAsync(conditions: new BlobRequestConditions { IfMatch = etag },
                    cancellationToken: cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 412)
            {
                // Gone already, or replaced by another instance since: its write stands.
            }
        }

        // Block ids of this writer alone: another writer's blocks of the same blob can never be committed in this list.
        var writer = Guid.NewGuid().ToString("N");
        var blocks = new List<string>();
        for (long offset = 0; offset < bytes.Length || blocks.Count == 0; offset += BlockBytes)
        {
            var id = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{writer}-{blocks.Count:D6}"));
            using var block = new MemoryStream(bytes.GetBuffer(), (int)offset,
                (int)Math.Min(BlockBytes, bytes.Length - offset), writable: false);
            await blob.StageBlockAsync(id, block, cancellationToken: cancellationToken);
            blocks.Add(id);
        }

        try
        {
            await blob.CommitBlockListAsync(blocks, new CommitBlockListOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
                Metadata = new Dictionary<string, string>
                {
                    ["format"] = SnapshotCodec.FormatVersion.ToString(CultureInfo.InvariantCulture),
                    ["facts"] = snapshot.FactCount.ToString(CultureInfo.InvariantCulture),
                },
            }, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            return false; // Another instance committed first; its blob is the same snapshot.
        }

        await DeleteOlderAsync(snapshot.DatasetVersion, cancellationToken);
        return true;
    }

    /// <summary>
    /// Every snapshot blob of a dataset version older than <paramref name="datasetVersion"/>: none is read again.
    /// </summary>
    public async Task DeleteOlderAsync(string datasetVersion, CancellationToken cancellationToken)
    {
        var current = Generation(datasetVersion);
        await foreach (var item in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = Folder }, cancellationToken))
        {
            var version = item.Name[Folder.Length..].Split('/')[0];
            if (Generation(version) < current)
            {
                await Container.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken);
            }
        }
    }

    /// <summary>The catalog generation a dataset version names (<c>v12</c> is 12); 0 for anything else.</summary>
    internal static long Generation(string datasetVersion) =>
        long.TryParse(datasetVersion.TrimStart('v'), NumberStyles.None, CultureInfo.InvariantCulture,
            out var generation) ? generation : 0;

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 1)
        {
            return;
        }

        await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        Volatile.Write(ref _created, 1);
    }
}

/// <summary>
/// A snapshot as read from its blob, and that blob's ETag (to replace it if its customers prove unreadable).
/// </summary>
public sealed record SnapshotBlob(Snapshot Snapshot, ETag ETag);

/// <summary>
/// A snapshot blob that is not the snapshot its name promises (truncated, corrupt, another format inside).
/// </summary>
public sealed class UnusableSnapshotBlobException(string blobName, ETag etag, Exception cause)
    : Exception($"The snapshot blob {blobName} cannot be used: {cause.Message}", cause)
{
    public ETag ETag => etag;
}
