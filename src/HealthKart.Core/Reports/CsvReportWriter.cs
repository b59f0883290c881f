using System.Buffers;
using System.Text;

namespace HealthKart.Core.Reports;

/// <summary>
/// Writes a report sheet as CSV while its rows are enumerated (nothing accumulates but one line): RFC 4180 (fields
/// quoted only when they hold a comma, quote, CR or LF; CRLF line ends), UTF-8 with a BOM so Excel reads ₹ correctly,
/// numbers exactly as the JSON has them (invariant, no grouping, ROI in percent units), ISO dates, true/false, and
/// every text field neutralised against formula injection (numbers never: -25.6453 stays a number).
/// <para>
/// The file is the header row and the data, nothing else: a comment or metadata block above the header breaks CSV
/// parsers and Excel's column detection. What a report was computed from travels in the file name
/// (<see cref="ExportFileName"/>) and the response headers (<see cref="ExportHeaders"/>); the XLSX has an About sheet.
/// </para>
/// </summary>
public static class CsvReportWriter
{
    private const int FlushEveryRows = 1000;
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);
    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(",\"\r\n");

    /// <summary>Writes asynchronously throughout, so <paramref name="output"/> may be an HTTP response body.</summary>
    public static async Task WriteAsync(ReportSheet sheet, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, Utf8WithBom, bufferSize: 1 << 16, leaveOpen: true);
        var line = new StringBuilder(512);
        var columns = sheet.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            AppendField(line, i, columns[i].Header, ColumnKind.Text);
        }

        await EndLineAsync(writer, line, cancellationToken);
        var rows = 0;
        foreach (var row in sheet.Rows)
        {
            if (row.Length != columns.Count)
            {
                throw new InvalidOperationException(
                    $"Sheet '{sheet.Name}' has {columns.Count} columns but a row of {row.Length} values.");
            }

            for (var i = 0; i < row.Length; i++)
            {
                AppendField(line, i, row[i], columns[i].Kind);
            }

            await EndLineAsync(writer, line, cancellationToken);
            if (++rows % FlushEveryRows == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static void AppendField(StringBuilder line, int index, object? value, ColumnKind columnKind)
    {
        if (index > 0)
        {
            line.Append(',');
        }

        var (content, kind) = CellValue.Resolve(value, columnKind);
        if (content is null)
        {
            return;
        }

        // Numbers, dates and booleans in columns of their kind are
        // written as such; everything else is text, neutralised.
        var typed = kind != ColumnKind.Text && (CellValue.IsNumber(content) || content is bool or DateOnly or DateTime);
        var text = typed ? CellValue.Invariant(content) : SpreadsheetText.Neutralize(CellValue.Invariant(content));
        if (text.AsSpan().IndexOfAny(NeedsQuoting) < 0)
        {
            line.Append(text);
            return;
        }

        line.Append('"').Append(text.Replace("\"", "\"\"")).Append('"');
    }

    private static async Task EndLineAsync(StreamWriter writer, StringBuilder line, CancellationToken cancellationToken)
    {
        line.Append("\r\n");
        await writer.WriteAsync(line, cancellationToken);
        line.Clear();
    }
}
