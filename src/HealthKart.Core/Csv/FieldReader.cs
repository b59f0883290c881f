namespace HealthKart.Core.Csv;

/// <summary>
/// Reads the current CSV record's fields by <see cref="Column"/>, logging every bad value with its row, the column
/// as the file spells it, the value and the reason. A row with any error is not ingested.
/// </summary>
public sealed class FieldReader
{
    private readonly IssueLog _issues;
    private readonly Column[] _columns;
    private readonly (int Index, string Header)[] _positions;
    private string[] _record = [];

    internal FieldReader(IssueLog issues, Dictionary<Column, (int, string)> columns)
    {
        _issues = issues;
        _columns = [.. columns.Keys];
        _positions = [.. columns.Values];
    }

    public long Row { get; private set; }
    public bool RowHasErrors { get; private set; }

    /// <summary>Moves to a record whose fields the reader has already processed (and checked for bad quoting).</summary>
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
        if (value.Contains('\0'))
        {
            Fail(column, value, "contains a NUL character; the file is probably not a text CSV");
            return "";
        }

        return value.Trim();
    }

    public string RequiredText(Column column)
    {
        var value = Text(column);
        // A NUL value was already reported by Text; an error in another column must not hide this one.
        if (value.Length == 0 && !Raw(column).Contains('\0'))
        {
            Fail(column, value, "empty; a value is required");
        }

        return value;
    }

    public long Count(Column column)
    {
        var value = Raw(column);
        if (FieldParser.TryParseCount(value, out var count, out var reason))
        {
            return count;
        }

        Fail(column, value, reason!);
        return 0;
    }

    public long Money(Column column)
    {
        var value = Raw(column);
        if (FieldParser.TryParseMoney(value, out var paise, out var reason))
        {
            return paise;
        }

        Fail(column, value, reason!);
        return 0;
    }

    public DateOnly Date(Column column)
    {
        var value = Raw(column);
        if (FieldParser.TryParseDate(value, out var date, out var reason))
        {
            return date;
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

    public void Warn(Column column, string? value, string reason) => _issues.Warning(Row, HeaderOf(column), value, reason);

    private string Raw(Column column) => Find(column) is var at and >= 0 ? _record[_positions[at].Index] : "";

    private string HeaderOf(Column column) => Find(column) is var at and >= 0 ? _positions[at].Header : column.Name;
}
