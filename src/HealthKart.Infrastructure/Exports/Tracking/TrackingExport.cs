using System.Buffers;
using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs.Models;
using HealthKart.Core;
using HealthKart.Core.Analytics;
using HealthKart.Core.DataContract;
using HealthKart.Core.Problems;
using HealthKart.Infrastructure.Analytics;
using HealthKart.Infrastructure.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Exports.Tracking;

/// <summary>
/// The raw <c>tracking</c> export: every tracking row of the current dataset that passes the analytics filters, as CSV
/// or XLSX, streamed in bounded memory. Rows come from the export-ready copies ingestion keeps
/// (<see cref="TrackingCopies"/>), read in file-name order from one catalog read, never from a per-request table scan.
/// Columns: date, influencer_id, platform (as the analytics resolve it), campaign, product, brand, orders, revenue
/// (rupees), status, order_id, user_id (the pseudonym; a raw user_id is never stored, so never exported).
/// </summary>
public sealed partial class TrackingExport(
    HealthKartTables tables,
    DatasetCatalog catalog,
    TrackingCopies copies,
    SnapshotCache snapshots,
    IOptions<TrackingExportOptions> options,
    ILogger<TrackingExport> logger)
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const int OutputBufferBytes = 256 * 1024;

    /// <summary>
    /// RFC 4180, UTF-8 with a BOM (so Excel reads it as UTF-8), CRLF, text neutralised against formula injection. A
    /// source whose every row is kept (no filter but a date range that covers it, every platform known) is copied
    /// byte for byte from its copy; otherwise rows are filtered one by one and passed through unchanged.
    /// </summary>
    public async Task<TrackingExportResult> WriteCsvAsync(AnalyticsQuery query, Stream output,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var plan = await PlanAsync(query, cancellationToken);
        var buffer = new ArrayBufferWriter<byte>(OutputBufferBytes + 64 * 1024);
        buffer.Write("\uFEFF"u8);
        buffer.Write(TrackingCopyFormat.HeaderLine);
        long rows = 0;
        foreach (var source in plan.Sources)
        {
            await using var content = await OpenAsync(source, cancellationToken);
            using var reader = new TrackingCopyReader(content);
            await reader.ReadHeaderAsync(cancellationToken);
            if (source.KeepsEveryRow)
            {
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
                await reader.CopyRestAsync(output, cancellationToken);
                rows += source.Copy.Rows;
                continue;
            }

            while (await reader.ReadAsync(cancellationToken))
            {
                if (!plan.Filter.Passes(reader, out var platform))
                {
                    continue;
                }

                rows++;
                if (platform is null)
                {
                    buffer.Write(reader.Record);
                }
                else
                {
                    buffer.Write(reader.Before(TrackingCopyFormat.Platform));
                    TrackingCopyFormat.WriteText(buffer, platform);
                    buffer.Write(reader.After(TrackingCopyFormat.Platform));
                }

                if (buffer.WrittenCount >= OutputBufferBytes)
                {
                    await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
                    buffer.ResetWrittenCount();
                }
            }
        }

        await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await output.FlushAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        LogExported("csv", rows, false, elapsed.TotalMilliseconds);
        return new TrackingExportResult(rows, Truncated: false);
    }

    /// <summary>
    /// One sheet with a bold frozen header and an autofilter; dates, orders and revenue as typed numbers. A sheet holds
    /// at most 1,048,576 rows with its header: beyond that the export stops, and its last row says it was truncated
    /// and that the CSV has every row. When every row of every source is exported and fits, the sheet is spliced from
    /// the rows pre-rendered at ingestion; otherwise rows are filtered and rendered now.
    /// </summary>
    public async Task<TrackingExportResult> WriteXlsxAsync(AnalyticsQuery query, Stream output,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var plan = await PlanAsync(query, cancellationToken);
        var limit = options.Value.XlsxRowLimit;
        var workbook = new TrackingWorkbook(output);
        var rendered = await PreRenderedAsync(plan, limit, cancellationToken);
        await workbook.BeginAsync(cancellationToken);
        long rows = 0;
        var truncated = false;
        int filterLastRow;
        if (rendered is not null)
        {
            rows = rendered.Sum(source => source.Rows);
            filterLastRow = 1 + (int)rows;
            await workbook.SpliceSheetAsync(rendered, OpenAsync, cancellationToken);
        }
        else
        {
            filterLastRow = await workbook.WriteSheetAsync((sheet, token) =>
            {
                (rows, truncated) = WriteSheet(plan, sheet, limit, token);
                return truncated ? sheet.LastRow - 1 : sheet.LastRow;
            }, cancellationToken);
        }

        await workbook.FinishAsync(filterLastRow, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var format = rendered is null ? "xlsx" : "xlsx (pre-rendered rows)";
        LogExported(format, rows, truncated, elapsed.TotalMilliseconds);
        return new TrackingExportResult(rows, truncated);
    }

    /// <summary>
    /// Every source's pre-rendered rows, when every row of each is exported and all fit in one sheet; else null.
    /// </summary>
    private async Task<IReadOnlyList<TrackingSheetInfo>?> PreRenderedAsync(ExportPlan plan, int limit,
        CancellationToken cancellationToken)
    {
        if (!plan.Sources.All(source => source.KeepsEveryRow)
            || plan.Sources.Sum(source => source.Copy.Rows) > limit - 1)
        {
            return null;
        }

        var sheets = new List<TrackingSheetInfo>(plan.Sources.Count);
        foreach (var source in plan.Sources)
        {
            if (await copies.DescribeSheetAsync(source.Copy, cancellationToken) is not { } sheet)
            {
                return null;
            }

            sheets.Add(sheet);
        }

        return sheets;
    }

    /// <summary>
    /// Fills the sheet on the workbook's producer thread (synchronous reads). With one row of the limit left, a
    /// matching row is held back until the next one shows whether it is the last (it is written) or not (the
    /// truncation note takes its place).
    /// </summary>
    private (long Rows, bool Truncated) WriteSheet(ExportPlan plan, TrackingSheetWriter sheet, int limit,
        CancellationToken cancellationToken)
    {
        sheet.WriteHeader();
        long rows = 0;
        string[]? heldBack = null;
        foreach (var source in plan.Sources)
        {
            using var content = Open(source, cancellationToken);
            using var reader = new TrackingCopyReader(content);
            reader.ReadHeader();
            while (reader.Read())
            {
                if ((reader.Records & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (!plan.Filter.Passes(reader, out var platform))
                {
                    continue;
                }

                if (sheet.LastRow < limit - 1)
                {
                    sheet.WriteRow(reader, platform);
                    rows++;
                }
                else if (heldBack is null)
                {
                    heldBack = Fields(reader, platform);
                }
                else
                {
                    sheet.WriteNote(
                        $"Truncated at the {IndianText.Count(limit)}-row limit of an Excel sheet: these are the " +
                        $"first {IndianText.Count(rows)} matching rows, and more match. " +
                        "Export tracking as CSV for all of them.");
                    return (rows, true);
                }
            }
        }

        if (heldBack is not null)
        {
            sheet.WriteRow(heldBack);
            rows++;
        }

        return (rows, false);
    }

    private async Task<ExportPlan> PlanAsync(AnalyticsQuery query, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        var current = await catalog.ReadAsync(cancellationToken);
        var entries = current.Of(Dataset.Tracking)
            .Where(entry => TrackingRowFilter.Overlaps(query, entry.FirstDate, entry.LastDate))
            .OrderBy(entry => entry.FileName, StringComparer.Ordinal)
            .ToList();
        var described =
            await Task.WhenAll(entries.Select(entry => copies.DescribeAsync(entry.SourceVersion, cancellationToken)));
        var needsSnapshot = TrackingRowFilter.NeedsSnapshot(query)
            || described.Any(copy => copy.UnresolvedPlatforms > 0);
        var filter = TrackingRowFilter.Create(query, needsSnapshot ? await snapshots.GetAsync(cancellationToken)
            : null);
        var sources = entries.Zip(described, (entry, copy) => new PlannedSource(
            entry, copy, !filter.HasRowFilters && TrackingRowFilter.Covers(query, entry.FirstDate, entry.LastDate)
                && copy.UnresolvedPlatforms == 0)).ToList();
        return new ExportPlan(sources, filter);
    }

    private async Task<Stream> OpenAsync(PlannedSource source, CancellationToken cancellationToken)
    {
        try
        {
            return (await copies.Blob(source.Copy.SourceVersion).DownloadStreamingAsync(Pinned(source.Copy.ETag),
                cancellationToken)).Value.Content;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            throw Replaced();
        }
    }

    private async Task<Stream> OpenAsync(TrackingSheetInfo sheet, CancellationToken cancellationToken)
    {
        try
        {
            return (await copies.SheetBlob(sheet.SourceVersion).DownloadStreamingAsync(Pinned(sheet.ETag),
                cancellationToken)).Value.Content;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            throw Replaced();
        }
    }

    private Stream Open(PlannedSource source, CancellationToken cancellationToken)
    {
        try
        {
            return copies.Blob(source.Copy.SourceVersion).DownloadStreaming(Pinned(source.Copy.ETag),
                cancellationToken).Value.Content;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            throw Replaced();
        }
    }

    private static BlobDownloadOptions Pinned(ETag etag) =>
        new() { Conditions = new BlobRequestConditions { IfMatch = etag } };

    /// <summary>
    /// A source replaced or retracted between planning and reading: its copies went with its old version.
    /// </summary>
    private static ProblemException Replaced() =>
        ProblemException.Conflict("A tracking file was replaced or retracted while the export ran; export again.");

    private static string[] Fields(TrackingCopyReader reader, string? platform)
    {
        var fields = new string[TrackingCopyFormat.ColumnCount];
        for (var field = 0; field < fields.Length; field++)
        {
            fields[field] = field == TrackingCopyFormat.Platform && platform is not null
                ? platform : reader.Text(field);
        }

        return fields;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Tracking export ({Format}): {Rows} rows, truncated {Truncated}, {Milliseconds:F0} ms")]
    private partial void LogExported(string format, long rows, bool truncated, double milliseconds);

    private sealed record PlannedSource(CatalogEntry Entry, TrackingCopyInfo Copy, bool KeepsEveryRow);

    private sealed record ExportPlan(IReadOnlyList<PlannedSource> Sources, TrackingRowFilter Filter);
}

/// <summary>How many rows an export wrote, and whether the XLSX sheet stopped at Excel's row limit.</summary>
public sealed record TrackingExportResult(long Rows, bool Truncated);
