using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using HealthKart.Core.DataContract;

namespace HealthKart.Core.Validation;

/// <summary>
/// Streams one dataset's CSV and yields its valid rows, logging every structural problem in <see cref="IssueLog"/>.
/// The delimiter is always ',' (never detected: a ';' file must fail, not be guessed), the text must be UTF-8, and the
/// header is matched case-insensitively with surrounding spaces and a BOM ignored.
/// </summary>
public sealed class DatasetCsvReader(Dataset dataset, IssueLog issues, DateWindow? dates = null)
{
    /// <summary>
    /// Longest value accepted: a Table Storage text property holds 32K characters, and a longer value means a broken
    /// quote or a hostile file, not a caption.
    /// </summary>
    public const int MaxFieldLength = 32_000;
    public const int MaxColumns = 256;

    /// <summary>
    /// Longest physical line: room for several maximum-length captions, far more than any real row. The parser holds a
    /// line's fields in memory, so this bounds memory for a line of millions of commas (see <see
    /// cref="LineLengthGuard"/>).
    /// </summary>
    public const int MaxLineLength = 1 << 20;

    /// <summary>Data rows read so far, good or bad (the header is not counted).</summary>
    public long RowsRead { get; private set; }

    public IEnumerable<DatasetRow> Read(Stream stream)
    {
        // Bytes that are not UTF-8 become U+FFFD and are reported on the rows holding them (see InvalidUtf8Fallback).
        // The encoding declares the UTF-8 preamble so that StreamReader skips a BOM itself: when it detects the BOM
        // for an encoding without one, it swaps in a lenient UTF-8 decoder and invalid bytes pass unnoticed.
        // UTF-16 and UTF-32 BOMs are still detected, and rejected by the header check.
        var invalidUtf8 = new InvalidUtf8Fallback();
        var utf8 = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).Clone();
        utf8.DecoderFallback = invalidUtf8;
        using var text = new StreamReader(stream, utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16,
            leaveOpen: true);
        using var lines = new LineLengthGuard(text, MaxLineLength);
        var badQuoting = false;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ",",
            DetectDelimiter = false,
            HasHeaderRecord = true,
            MaxFieldSize = MaxFieldLength,
            BadDataFound = _ => badQuoting = true,
        };
        using var parser = new CsvParser(lines, configuration);

        if (!TryRead(parser, 1) || !TryMapHeader(parser, text.CurrentEncoding, invalidUtf8, out var columns,
            out var header))
        {
            yield break;
        }

        if (badQuoting)
        {
            issues.Error(1, null, Excerpt(parser),
                "the header row has malformed quoting: a quote inside an unquoted name, or a " +
                "quote that is never closed");
            yield break;
        }

        var fields = new FieldReader(issues, columns, dates ?? DateWindow.Default);
        var reused = new string[header.Length];
        var parse = RowParsers.For(dataset);
        long row = 1;
        while (TryRead(parser, row + 1))
        {
            row++;
            RowsRead = row - 1;

            // CsvHelper processes a field (and reports bad quoting) only when it is read, so the whole record is read
            // before the row is judged; otherwise a quoting error is blamed on the next row, or lost on the last.
            var record = parser.Count == reused.Length ? ReadFields(parser, reused) : parser.Record ?? [];
            if (badQuoting)
            {
                badQuoting = false;
                issues.Error(row, null, Excerpt(parser),
                    "malformed quoting: a quote inside an unquoted value, or a quote that is never closed");
                continue;
            }

            if (invalidUtf8.Seen
                && Array.FindIndex(record, field => field.Contains(InvalidUtf8Fallback.Replacement)) is var at and >= 0)
            {
                var column = at < header.Length ? header[at] : null;
                issues.Error(row, column, record[at],
                    "is not valid UTF-8 text (the file was saved in another encoding); save it as 'CSV UTF-8'");
                continue;
            }

            if (record.Length != header.Length)
            {
                issues.Error(row, null, Excerpt(parser),
                    $"has {record.Length} fields but the header has {header.Length}");
                continue;
            }

            fields.MoveTo(row, record);
            var parsed = parse(fields);
            if (!fields.RowHasErrors)
            {
                yield return parsed;
            }
        }

        // A read that failed on row 2 has reported why; the file is not merely header-only.
        if (row == 1 && issues.ErrorCount == 0)
        {
            issues.Error(0, null, null, "the file has a header but no rows");
        }
    }

    /// <summary>
    /// Every field of a record of the header's width, into one array reused row after row (the fields are strings of
    /// their own; <see cref="CsvParser.Record"/> would allocate a new array for every row).
    /// </summary>
    private static string[] ReadFields(CsvParser parser, string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = parser[i];
        }

        return fields;
    }

    /// <summary>Reads the next record, turning a parser failure into a file-level error that stops the read.</summary>
    private bool TryRead(CsvParser parser, long row)
    {
        try
        {
            return parser.Read() || (row == 1 && Fail(0, "is empty; it needs a header row and at least one data row"));
        }
        catch (MaxFieldSizeException)
        {
            return Fail(row, row == 1
                ? $"has a value longer than {IndianText.Count(MaxFieldLength)} characters, so it is not a header " +
                    "row: a binary file, or text without line breaks"
                : $"has a value longer than {IndianText.Count(MaxFieldLength)} characters, usually an unclosed " +
                    "quote; check the quoting");
        }
        catch (LineTooLongException)
        {
            return Fail(row,
                $"is longer than {IndianText.Count(MaxLineLength)} characters on one line: not a spreadsheet row " +
                "(millions of commas, or a missing line break)");
        }
        catch (CsvHelperException exception) when (exception is not MaxFieldSizeException)
        {
            return Fail(row, $"could not be read as CSV: {exception.GetType().Name}");
        }
    }

    private bool Fail(long row, string reason)
    {
        issues.Error(row, null, null, row == 0 ? $"the file {reason}" : $"row {row} {reason}");
        return false;
    }

    private bool TryMapHeader(
        CsvParser parser, Encoding encoding, InvalidUtf8Fallback invalidUtf8,
        out Dictionary<Column, (int, string)> columns, out string[] names)
    {
        var mapped = new Dictionary<Column, (int, string)>(ReferenceEqualityComparer.Instance);
        columns = mapped;
        names = [];
        if (encoding is not UTF8Encoding)
        {
            return Fail(0, $"is encoded as {encoding.WebName}; save it as 'CSV UTF-8'");
        }

        // Counted before the record is materialised: a header of thousands of columns gets no string per column.
        var width = parser.Count;
        if (width > MaxColumns)
        {
            return Fail(0,
                $"has {IndianText.Count(width)} columns; a {dataset.FileStem()} file has at most {MaxColumns}");
        }

        var header = parser.Record ?? [];
        names = header.Select(name => name.Trim().Trim('\uFEFF').Trim()).ToArray();

        if (header.Length > 0 && header[0].StartsWith("PK\u0003\u0004", StringComparison.Ordinal))
        {
            return Fail(0, "is a ZIP archive (an .xlsx workbook?), not a CSV; export it as 'CSV UTF-8'");
        }

        if (LooksLikeUtf16(header))
        {
            return Fail(0,
                "looks like UTF-16 text without a byte-order mark (every other byte is NUL); save it as 'CSV UTF-8'");
        }

        // A tab is a control character too, but a tab-separated file deserves the delimiter hint below, not this.
        if (header.Any(name => name.Any(c => char.IsControl(c) && c != '\t')))
        {
            return Fail(0, "has control characters in its header: it is a binary file, not a CSV text file");
        }

        if (invalidUtf8.Seen && header.Any(name => name.Contains(InvalidUtf8Fallback.Replacement)))
        {
            return Fail(0, "is not valid UTF-8 text (it was saved in another encoding); save it as 'CSV UTF-8'");
        }

        if (names.All(name => name.Length == 0))
        {
            return Fail(0, "starts with a blank line; the first line must be the header row");
        }

        var schema = DatasetSchema.ColumnsOf(dataset);
        for (var index = 0; index < names.Length; index++)
        {
            var name = names[index];
            var column = schema.FirstOrDefault(c => c.Matches(name));
            if (column is null)
            {
                issues.Warning(1, name, null, "unknown column; it is ignored");
            }
            else if (!mapped.TryAdd(column, (index, name)))
            {
                issues.Error(1, name, null, $"column '{column.Name}' appears twice");
            }
        }

        foreach (var missing in schema.Where(c => c.Required && !mapped.ContainsKey(c)))
        {
            issues.Error(1, missing.Name, null, $"required column '{missing.Name}' is missing{DelimiterHint(header)}");
        }

        return issues.ErrorCount == 0;
    }

    /// <summary>
    /// UTF-16 text read as UTF-8: one NUL beside every letter (and every comma, whose NUL lands in the next or previous
    /// field). A file of NULs alone, or binary, has no such pairing and is reported as binary.
    /// </summary>
    private static bool LooksLikeUtf16(string[] header)
    {
        int nuls = 0, letters = 0;
        foreach (var name in header)
        {
            foreach (var c in name)
            {
                if (c == '\0')
                {
                    nuls++;
                }
                else if (char.IsAsciiLetterOrDigit(c) || c is '_' or ' ')
                {
                    letters++;
                }
            }
        }

        return letters > 0 && nuls >= letters && nuls <= letters + header.Length;
    }

    private static string DelimiterHint(string[] header) =>
        header.Length == 1 && (header[0].Contains(';') || header[0].Contains('\t') || header[0].Contains('|'))
            ? " (the header looks like one column: the delimiter must be ',')"
            : "";

    private static string Excerpt(CsvParser parser)
    {
        var raw = parser.RawRecord ?? "";
        return raw.Length > 120 ? raw[..120] : raw.TrimEnd('\r', '\n');
    }
}
