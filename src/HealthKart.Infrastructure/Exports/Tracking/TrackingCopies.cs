using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using HealthKart.Core.DataContract;
using HealthKart.Core.Privacy;
using HealthKart.Core.Problems;
using HealthKart.Infrastructure.Exports.Zip;
using HealthKart.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Exports.Tracking;

/// <summary>
/// The export-ready copies of each tracking source version, in the <c>Sources:Container</c> container, so the raw
/// export streams a few large sequential blobs instead of scanning the row table per request:
/// <list type="bullet">
/// <item><c>tracking/{sourceVersion}.csv</c>: the rows in the CSV export's own layout (<see
/// cref="TrackingCopyFormat"/>), written in the same pass that fills the row table;</item>
/// <item><c>tracking/{sourceVersion}.rows.deflate</c>: the same rows as XLSX sheet rows, rendered by
/// <see cref="TrackingSheetWriter"/> and deflated as a splice-able chunk (<see cref="DeflateChunk"/>), with their
/// CRC-32 and length as metadata: an unfiltered XLSX export splices these instead of rendering a million rows per
/// request. Not written for a version with rows whose platform only the export can resolve.</item>
/// </list>
/// Ingestion writes both in its raw-row stage, after the catalog names the version (facts first): until they are
/// committed the export of that version is refused with a 409 that says so. They are deleted with the version's rows. A
/// version is immutable (its name is its content hash), so a copy never changes once committed. A version ingested
/// before copies existed gets them on its first export.
/// </summary>
public sealed class TrackingCopies(
    StorageAccount account, HealthKartTables tables, RowVersions rowVersions, UserPseudonymizer pseudonymizer,
    IOptions<SourceCopyOptions> options)
{
    private const string FormatKey = "format";
    private const string RowsKey = "rows";
    private const string UnresolvedKey = "unresolvedplatforms";
    private const string CrcKey = "crc32";
    private const string LengthKey = "length";

    private int _created;

    public BlobContainerClient Container => account.Blobs.GetBlobContainerClient(options.Value.Container);

    public static string BlobName(string sourceVersion) => $"tracking/{sourceVersion}.csv";

    public static string SheetBlobName(string sourceVersion) => $"tracking/{sourceVersion}.rows.deflate";

    public BlobClient Blob(string sourceVersion) => Container.GetBlobClient(BlobName(sourceVersion));

    public BlobClient SheetBlob(string sourceVersion) => Container.GetBlobClient(SheetBlobName(sourceVersion));

    /// <summary>Starts the copy of one version; rows go in through <see cref="TrackingCopyWriter.Tee"/>.</summary>
    public async Task<TrackingCopyWriter> BeginAsync(string sourceVersion, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        return new TrackingCopyWriter(
            Container.GetBlockBlobClient(BlobName(sourceVersion)),
            Container.GetBlockBlobClient(SheetBlobName(sourceVersion)), pseudonymizer.Pseudonymize, cancellationToken);
    }

    public async Task DeleteAsync(string sourceVersion, CancellationToken cancellationToken)
    {
        try
        {
            await Blob(sourceVersion).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots,
                cancellationToken: cancellationToken);
            await SheetBlob(sourceVersion).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots,
                cancellationToken: cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // The container itself is gone: nothing to delete.
        }
    }

    /// <summary>
    /// The version's pre-rendered sheet rows, rendered now if missing; null when its platforms need the export-time
    /// snapshot (the live XLSX path handles such a version).
    /// </summary>
    internal async Task<TrackingSheetInfo?> DescribeSheetAsync(TrackingCopyInfo copy,
        CancellationToken cancellationToken)
    {
        if (copy.UnresolvedPlatforms > 0)
        {
            return null;
        }

        try
        {
            var properties =
                (await SheetBlob(copy.SourceVersion).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (ReadSheetMetadata(properties.Metadata) is { } sheet && sheet.Rows == copy.Rows)
            {
                return sheet with { SourceVersion = copy.SourceVersion, ETag = properties.ETag };
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
        }

        return await RenderSheetAsync(copy, cancellationToken);
    }

    /// <summary>Renders the sheet rows of a version whose copy predates them, from the copy.</summary>
    private async Task<TrackingSheetInfo> RenderSheetAsync(TrackingCopyInfo copy, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var sink = new BlockBlobSink(Container.GetBlockBlobClient(SheetBlobName(copy.SourceVersion)));
        var (crc, length) = await RenderRowsAsync(
            () => Blob(copy.SourceVersion).DownloadStreaming(
                new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = copy.ETag } },
                cancellationToken).Value.Content,
            sink.WriteAsync, cancellationToken);
        await sink.CommitAsync(SheetContentType, SheetMetadata(copy.Rows, crc, length), cancellationToken);
        var properties =
            (await SheetBlob(copy.SourceVersion).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        return new TrackingSheetInfo(copy.SourceVersion, copy.Rows, crc, length, properties.ETag);
    }

    internal const string SheetContentType = "application/octet-stream";

    /// <summary>
    /// Renders the rows of a CSV copy (opened on the rendering thread) as sheet rows, deflated into a splice-able chunk
    /// for <paramref name="drain"/>: exactly the rows the live XLSX export writes for them.
    /// </summary>
    internal static Task<(uint Crc, long Length)> RenderRowsAsync(
        Func<Stream> openCopy, Func<ReadOnlyMemory<byte>, CancellationToken, Task> drain,
        CancellationToken cancellationToken) =>
        ThreadedDeflate.RunAsync((xml, token) =>
        {
            using var content = openCopy();
            using var reader = new TrackingCopyReader(content);
            reader.ReadHeader();
            var rows = new SheetRowsCutter(xml);
            using (var sheet = new TrackingSheetWriter(rows))
            {
                while (reader.Read())
                {
                    if ((reader.Records & 0xFFF) == 0)
                    {
                        token.ThrowIfCancellationRequested();
                    }

                    sheet.WriteRow(reader, platform: null);
                }

                sheet.Finish(1);
            }

            rows.Complete();
        }, final: false, drain, cancellationToken);

    internal static Dictionary<string, string> SheetMetadata(long rows, uint crc, long length) => new()
    {
        [FormatKey] = TrackingCopyFormat.Version,
        [RowsKey] = rows.ToString(CultureInfo.InvariantCulture),
        [CrcKey] = crc.ToString(CultureInfo.InvariantCulture),
        [LengthKey] = length.ToString(CultureInfo.InvariantCulture),
    };

    private static TrackingSheetInfo? ReadSheetMetadata(IDictionary<string, string> metadata) =>
        metadata.TryGetValue(FormatKey, out var format) && format == TrackingCopyFormat.Version
        && metadata.TryGetValue(RowsKey, out var rows) && long.TryParse(rows, CultureInfo.InvariantCulture,
            out var rowCount)
        && metadata.TryGetValue(CrcKey, out var crc) && uint.TryParse(crc, CultureInfo.InvariantCulture,
            out var crcValue)
        && metadata.TryGetValue(LengthKey, out var length) && long.TryParse(length, CultureInfo.InvariantCulture,
            out var lengthValue)
            ? new TrackingSheetInfo("", rowCount, crcValue, lengthValue, default)
            : null;

    /// <summary>
    /// What the export needs to know about a version's copy before streaming it. A version ingested before copies
    /// existed has none: it is copied once from its rows in the table (the only table scan, and once per version).
    /// </summary>
    internal async Task<TrackingCopyInfo> DescribeAsync(string sourceVersion, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var properties =
                    (await Blob(sourceVersion).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
                var metadata = properties.Metadata;
                if (metadata.TryGetValue(FormatKey, out var format) && format == TrackingCopyFormat.Version
                    && long.TryParse((metadata.TryGetValue(RowsKey, out var rowsText) ? rowsText : null),
                        CultureInfo.InvariantCulture, out var rows)
                    && long.TryParse((metadata.TryGetValue(UnresolvedKey, out var unresolvedText)
                        ? unresolvedText : null), CultureInfo.InvariantCulture, out var unresolved))
                {
                    return new TrackingCopyInfo(sourceVersion, rows, unresolved, properties.ETag);
                }

                if (attempt > 0)
                {
                    throw new InvalidDataException(
                        $"The tracking copy of {sourceVersion} has no usable metadata even after a rebuild.");
                }
            }
            catch (RequestFailedException exception) when (exception.Status == 404 && attempt == 0)
            {
            }

            if (!await rowVersions.IsCompleteAsync(Dataset.Tracking, sourceVersion, cancellationToken))
            {
                throw ProblemException.Conflict(
                    "The newest tracking file is on the dashboard, but its raw rows are still being written; the raw " +
                    "export is ready when they are complete (GET /api/uploads shows the progress). Export " +
                    "again in a few minutes.");
            }

            await RebuildAsync(sourceVersion, cancellationToken);
        }
    }

    internal static Dictionary<string, string> Metadata(long rows, long unresolvedPlatforms) => new()
    {
        [FormatKey] = TrackingCopyFormat.Version,
        [RowsKey] = rows.ToString(CultureInfo.InvariantCulture),
        [UnresolvedKey] = unresolvedPlatforms.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Writes the copy from the version's stored rows, in row order (keys sort by block, then row number).
    /// </summary>
    private async Task RebuildAsync(string sourceVersion, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        var start = sourceVersion + "~";
        var end = TableKeys.PrefixEnd(start);
        await using var writer = await BeginAsync(sourceVersion, cancellationToken);
        var entities = tables.Rows(Dataset.Tracking).QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey ge {start} and PartitionKey lt {end}"), maxPerPage: 1000,
            cancellationToken: cancellationToken);
        await foreach (var entity in entities)
        {
            await writer.AppendPseudonymizedAsync(ToRow(entity), cancellationToken);
        }

        await writer.CompleteAsync();
    }

    /// <summary>The row as <see cref="RowEntities"/> stored it; user_id is already the pseudonym.</summary>
    private static TrackingRow ToRow(TableEntity entity) => new(
        long.Parse(entity.RowKey, CultureInfo.InvariantCulture),
        entity.GetString("Source") ?? "",
        entity.GetString("Campaign") ?? "",
        entity.GetString("InfluencerId") ?? "",
        entity.GetString("UserId") ?? "",
        entity.GetString("Product") ?? "",
        DateOnly.ParseExact(entity.GetString("Date") ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture),
        entity.GetInt64("Orders") ?? 0,
        entity.GetInt64("RevenuePaise") ?? 0,
        entity.GetString("Brand") ?? "",
        entity.GetString("OrderId") ?? "",
        Enum.Parse<SaleStatus>(entity.GetString("Status") ?? nameof(SaleStatus.Completed), ignoreCase: true));

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

/// <summary>A version's copy as the export plans it: its rows, and how many need their platform resolved.</summary>
internal sealed record TrackingCopyInfo(string SourceVersion, long Rows, long UnresolvedPlatforms, ETag ETag);

/// <summary>
/// A version's pre-rendered sheet rows: a deflate chunk of <see cref="Length"/> XML bytes with CRC-32 <see
/// cref="Crc"/>.
/// </summary>
internal sealed record TrackingSheetInfo(string SourceVersion, long Rows, uint Crc, long Length, ETag ETag);
