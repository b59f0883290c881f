using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;

namespace HealthKart.Infrastructure.Storage;

/// <summary>
/// Stores the <see cref="Catalog"/> in one table entity and changes it only with an ETag check, so concurrent
/// ingestions of different sources both land and a replacement is one atomic flip from the old version to the new.
/// </summary>
public sealed class DatasetCatalog(HealthKartTables tables)
{
    private const string Partition = "catalog";
    private const string Key = "current";

    /// <summary>A table property holds 64 KiB; deflated JSON keeps well over a thousand sources under that.</summary>
    private const int MaxBytes = 64 * 1024;

    public async Task<Catalog> ReadAsync(CancellationToken cancellationToken) =>
        (await ReadWithETagAsync(cancellationToken)).Catalog;

    /// <summary>
    /// Applies <paramref name="change"/> to the latest catalog, retrying on a concurrent writer. The change returns
    /// null to leave the catalog as it is (for example when a newer upload of the same source is already current).
    /// </summary>
    public async Task<Catalog> UpdateAsync(Func<Catalog, Catalog?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (current, etag) = await ReadWithETagAsync(cancellationToken);
            var next = change(current);
            if (next is null)
            {
                return current;
            }

            var updated = next with { Generation = current.Generation + 1 };
            var entity = new TableEntity(Partition, Key)
            {
                ["Generation"] = updated.Generation,
                ["Sources"] = Pack(updated.Sources)
            };
            try
            {
                if (etag is null)
                {
                    await tables.Catalog.AddEntityAsync(entity, cancellationToken);
                }
                else
                {
                    await tables.Catalog.UpdateEntityAsync(entity, etag.Value, TableUpdateMode.Replace,
                        cancellationToken);
                }

                return updated;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412 && attempt < 50)
            {
                await Task.Delay(Random.Shared.Next(10, 50 + attempt * 20), cancellationToken);
            }
        }
    }

    private async Task<(Catalog Catalog, ETag? ETag)> ReadWithETagAsync(CancellationToken cancellationToken)
    {
        var response = await tables.Catalog.GetEntityIfExistsAsync<TableEntity>(Partition, Key,
            cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return (Catalog.Empty, null);
        }

        return (new Catalog(entity.GetInt64("Generation") ?? 0, Unpack(entity.GetBinary("Sources"))), entity.ETag);
    }

    private static byte[] Pack(IReadOnlyList<CatalogEntry> sources)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            JsonSerializer.Serialize(zip, sources, CatalogJson.Default.IReadOnlyListCatalogEntry);
        }

        return buffer.Length <= MaxBytes
            ? buffer.ToArray()
            : throw new InvalidOperationException(
                $"The catalog of {sources.Count} sources no longer fits one entity; merge old monthly " +
                "files into yearly ones.");
    }

    private static IReadOnlyList<CatalogEntry> Unpack(byte[] packed)
    {
        using var zip = new ZLibStream(new MemoryStream(packed), CompressionMode.Decompress);
        return JsonSerializer.Deserialize(zip, CatalogJson.Default.IReadOnlyListCatalogEntry) ?? [];
    }
}

/// <summary>
/// The catalog's JSON, generated at build time: a cold instance reads the catalog before its first answer, and
/// reflection-built serializer metadata cost that read 35-40 ms there (one traced start at 10M tracking rows).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<CatalogEntry>))]
internal sealed partial class CatalogJson : JsonSerializerContext;
