using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using HealthKart.Infrastructure.Exports.Zip;

namespace HealthKart.Infrastructure.Exports.Tracking;

/// <summary>
/// The XLSX package of the tracking export, streamed to any stream through <see cref="XlsxZipWriter"/>. Its sheet is
/// written either live (<see cref="WriteSheetAsync"/>: rows rendered by <see cref="TrackingSheetWriter"/> on one core
/// while the other deflates) or, when every row of every source is exported, spliced (<see cref="SpliceSheetAsync"/>)
/// from the rows ingestion pre-rendered and deflated (<see cref="TrackingCopies"/>): the same bytes of XML, without
/// rendering them again per request. The SDK's <c>SpreadsheetDocument</c> is not used: it opens its package
/// read-write, and a zip in update mode holds every part uncompressed in memory until it is saved (the whole sheet,
/// hundreds of MB for a million rows).
/// </summary>
internal sealed class TrackingWorkbook(Stream output)
{
    private const string SheetPart = "xl/worksheets/sheet1.xml";

    private readonly XlsxZipWriter _zip = new(output);

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        await _zip.WriteEntryAsync("[Content_Types].xml", Encoding.UTF8.GetBytes(ContentTypes), cancellationToken);
        await _zip.WriteEntryAsync("_rels/.rels", Encoding.UTF8.GetBytes(PackageRelationships), cancellationToken);
        await _zip.WriteEntryAsync("xl/_rels/workbook.xml.rels", Encoding.UTF8.GetBytes(WorkbookRelationships),
            cancellationToken);
        await _zip.WriteEntryAsync("xl/styles.xml", Xml(Styles()), cancellationToken);
    }

    /// <summary>
    /// Writes the sheet live: <paramref name="produce"/> fills it on a dedicated thread (it may block on reads) and
    /// returns the last row the autofilter covers, which this returns.
    /// </summary>
    public async Task<int> WriteSheetAsync(Func<TrackingSheetWriter, CancellationToken, int> produce,
        CancellationToken cancellationToken)
    {
        var filterLastRow = 1;
        await _zip.BeginEntryAsync(SheetPart, cancellationToken);
        var (crc, length) = await ThreadedDeflate.RunAsync((xml, token) =>
        {
            using var sheet = new TrackingSheetWriter(xml);
            filterLastRow = produce(sheet, token);
            sheet.Finish(filterLastRow);
        }, final: true, _zip.WriteCompressedAsync, cancellationToken);
        await _zip.EndEntryAsync(crc, length, cancellationToken);
        return filterLastRow;
    }

    /// <summary>
    /// Writes the sheet as header + each source's pre-rendered rows + end, deflate chunks back to back; the entry's
    /// CRC-32 is combined from theirs. <paramref name="open"/> opens a source's chunk.
    /// </summary>
    public async Task SpliceSheetAsync(
        IReadOnlyList<TrackingSheetInfo> sources, Func<TrackingSheetInfo, CancellationToken, Task<Stream>> open,
        CancellationToken cancellationToken)
    {
        var (head, tail) = TrackingSheetWriter.Frame(1 + (int)sources.Sum(s => s.Rows));
        await _zip.BeginEntryAsync(SheetPart, cancellationToken);
        var start = DeflateChunk.Of(head, final: false);
        await _zip.WriteCompressedAsync(start.Compressed, cancellationToken);
        var (crc, length) = (start.Crc, start.Length);
        var buffer = new byte[256 * 1024];
        foreach (var source in sources)
        {
            await using (var chunk = await open(source, cancellationToken))
            {
                int read;
                while ((read = await chunk.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await _zip.WriteCompressedAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            (crc, length) = (DeflateChunk.Combine(crc, source.Crc, source.Length), length + source.Length);
        }

        var end = DeflateChunk.Of(tail, final: true);
        await _zip.WriteCompressedAsync(end.Compressed, cancellationToken);
        (crc, length) = (DeflateChunk.Combine(crc, end.Crc, end.Length), length + end.Length);
        await _zip.EndEntryAsync(crc, length, cancellationToken);
    }

    /// <summary>
    /// The workbook part (naming the sheet and, for Excel's filter buttons, the filtered range), then the zip's
    /// directory.
    /// </summary>
    public async Task FinishAsync(int filterLastRow, CancellationToken cancellationToken)
    {
        await _zip.WriteEntryAsync("xl/workbook.xml", Xml(new Workbook(
            new Sheets(new Sheet { Name = TrackingSheetWriter.SheetName, SheetId = 1, Id = "rId1" }),
            new DefinedNames(new DefinedName($"'{TrackingSheetWriter.SheetName}'!$A$1:$K${Math.Max(filterLastRow, 1)}")
            {
                Name = "_xlnm._FilterDatabase",
                LocalSheetId = 0,
                Hidden = true,
            }))), cancellationToken);
        await _zip.FinishAsync(cancellationToken);
    }

    private static byte[] Xml(OpenXmlElement root)
    {
        using var xml = new MemoryStream();
        using (var writer = OpenXmlWriter.Create(xml))
        {
            writer.WriteStartDocument(true);
            writer.WriteElement(root);
        }

        return xml.ToArray();
    }

    /// <summary>
    /// Fonts: regular, bold. Cell formats: default, bold header, date, whole number, rupees with Indian grouping.
    /// </summary>
    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat
            {
                NumberFormatId = 165,
                FormatCode = @"[>=10000000]##\,##\,##\,##0.00;[>=100000]##\,##\,##0.00;##,##0.00"
            })
        { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }))
        { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(),
            new DiagonalBorder()))
        { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat
            {
                NumberFormatId = 164,
                FontId = 0,
                FillId = 0,
                BorderId = 0,
                FormatId = 0,
                ApplyNumberFormat = true
            },
            new CellFormat
            {
                NumberFormatId = 1,
                FontId = 0,
                FillId = 0,
                BorderId = 0,
                FormatId = 0,
                ApplyNumberFormat = true
            },
            new CellFormat
            {
                NumberFormatId = 165,
                FontId = 0,
                FillId = 0,
                BorderId = 0,
                FormatId = 0,
                ApplyNumberFormat = true
            })
        { Count = 5 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    private const string ContentTypes =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
        "<Override PartName=\"/xl/workbook.xml\" " +
        "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
        "<Override PartName=\"/xl/worksheets/sheet1.xml\" " +
        "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
        "<Override PartName=\"/xl/styles.xml\" " +
        "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>" +
        "</Types>";

    private const string PackageRelationships =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        "<Relationship Id=\"rId1\" " +
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" " +
        "Target=\"xl/workbook.xml\"/>" +
        "</Relationships>";

    private const string WorkbookRelationships =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        "<Relationship Id=\"rId1\" " +
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" " +
        "Target=\"worksheets/sheet1.xml\"/>" +
        "<Relationship Id=\"rId2\" " +
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>" +
        "</Relationships>";
}
