using HealthKart.Core.DataContract;

namespace HealthKart.Core.Validation;

/// <summary>
/// Reads the current CSV record's fields by <see cref="Column"/>, logging every bad value with its row, the column
/// as the file spells it, the value and the reason. A row with any error is not ingested. Every value must lie in its
/// domain: dates in the <see cref="DateWindow"/>, numbers up to their column's maximum, text free of control
/// characters.
/// </summary>
public sealed class FieldReader
{
    private readonly IssueLog _issues;
    private readonly DateWindow _dates;
    private readonly Column[] _columns;
    private readonly (int Index, string Header)[] _positions;
    private string[] _record = [];

    internal FieldReader(IssueLog issues, Dictionary<Column, (int, string)> columns, DateWindow dates)
    {
        _issues = issues;
        _dates = dates;
        _columns = [.. columns.Keys];
        _positions = [.. columns.Values];
    }

    public long Row { get; private set; }
    public bool RowHasErrors { get; private set; }

    /// <summary>
    /// Moves to a record whose fields the reader has already processed (and checked for bad quoting).
    /// </summary>
    internal void MoveTo(long row, string[] record)
    {
        Row = row;
        _record = record;
        RowHasErrors = false;
    }

    public bool Has(Column column) => Find(column) >= 0;

    /// <summary>
    /// A linear scan by reference over a dozen columns: several times faster than hashing a record key, and this runs
    /// for every field of every row.
    /// </summary>
    private int Find(Column column)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            if (ReferenceEquals(_columns[i], column))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The trimmed value; empty when the optional column is absent.</summary>
    public string Text(Column column)
    {
        var at = Find(column);
        if (at < 0)
        {
            return "";
        }

        var value = _record[_positions[at].Index];
        // Printable ASCII, nearly every value, holds no NUL and no forbidden character: one vectorised scan settles it
        // instead of the three below (this runs for every field of every row).
        if (value.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0)
        {
            return value.Trim();
        }

        if (value.Contains('\0'))
        {
            Fail(column, value, "contains a NUL character; the file is probably not a text CSV");
            return "";
        }

        var trimmed = value.Trim();
        if (ForbiddenCharacter(trimmed, column.FreeText) is { } bad)
        {
            Fail(column, value, bad);
            return "";
        }

        return trimmed;
    }

    /// <summary>
    /// A control character would end up inside an ID, a table key or an export cell; a byte-order mark in the middle of
    /// a file is two files pasted together. Neither is data, so neither is stored. Free text may hold line breaks and
    /// tabs. Searched with vectorised <see cref="System.Buffers.SearchValues{T}"/>: this runs for every field of every
    /// row.
    /// </summary>
    private static readonly System.Buffers.SearchValues<char> NotInKeys =
        System.Buffers.SearchValues.Create(Forbidden(freeText: false));

    private static readonly System.Buffers.SearchValues<char> NotInFreeText =
        System.Buffers.SearchValues.Create(Forbidden(freeText: true));

    private static string Forbidden(bool freeText) => new([.. Enumerable.Range(0, 0x10000).Select(c => (char)c)
        .Where(c => c == '\uFEFF' || char.IsControl(c) && !(freeText && c is '\r' or '\n' or '\t'))]);

    private static string? ForbiddenCharacter(string value, bool freeText)
    {
        var at = value.AsSpan().IndexOfAny(freeText ? NotInFreeText : NotInKeys);
        return at < 0 ? null
            : value[at] == '\uFEFF'
            ? "contains a byte-order mark (U+FEFF): two files pasted together? Save the file once as 'CSV UTF-8'"
            : $"contains the control character U+{(int)value[at]:X4}; remove it";
    }

    public string RequiredText(Column column)
    {
        var hadErrors = RowHasErrors;
        RowHasErrors = false;
        var value = Text(column);
        // A value Text refused was already reported; an error in another column must not hide this one.
        if (value.Length == 0 && !RowHasErrors)
        {
            Fail(column, value, "empty; a value is required");
        }

        RowHasErrors |= hadErrors;
        return value;
    }

    public long Count(Column column) =>
        Number(column, FieldParser.TryParseCount,
            static c => $"above the largest accepted {c.Name}; it must be from 0 to {IndianText.Count(c.Max)}");

    public long Money(Column column) =>
        Number(column, FieldParser.TryParseMoney,
            static c =>
                $"above the largest accepted amount; it must be from 0 to {IndianText.Count(c.Max / 100)} rupees");

    private delegate bool NumberParser(ReadOnlySpan<char> text, out long value, out string? reason);

    /// <summary>
    /// A number parsed strictly and then held to its column's maximum; the reason above it is built only when needed.
    /// </summary>
    private long Number(Column column, NumberParser parse, Func<Column, string> aboveMax)
    {
        var value = Raw(column);
        if (parse(value, out var number, out var reason))
        {
            if (number <= column.Max)
            {
                return number;
            }

            reason = aboveMax(column);
        }

        Fail(column, value, reason!);
        return 0;
    }

    public DateOnly Date(Column column)
    {
        var value = Raw(column);
        if (FieldParser.TryParseDate(value, out var date, out var reason))
        {
            if (_dates.Contains(date))
            {
                return date;
            }

            reason = _dates.OutsideReason;
        }

        Fail(column, value, value.Trim().Length == 0 ? "empty; a date (yyyy-MM-dd) is required" : reason!);
        return default;
    }

    /// <summary>An optional date: absent or empty is null, anything else must be a valid date.</summary>
    public DateOnly? OptionalDate(Column column) => Text(column).Length == 0 ? null : Date(column);

    public void Fail(Column column, string? value, string reason)
    {
        RowHasErrors = true;
        _issues.Error(Row, HeaderOf(column), value, reason);
    }

    public void Warn(Column column, string? value, string reason) =>
        _issues.Warning(Row, HeaderOf(column), value, reason);

    private string Raw(Column column) => Find(column) is var at and >= 0 ? _record[_positions[at].Index] : "";

    private string HeaderOf(Column column) => Find(column) is var at and >= 0 ? _positions[at].Header : column.Name;
}
