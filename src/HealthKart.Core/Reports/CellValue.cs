using System.Globalization;

namespace HealthKart.Core.Reports;

/// <summary>
/// Reads a report value the way both writers need it: a <see cref="ReportCell"/> unwrapped to its own kind, numbers as
/// numbers whatever their CLR type, and the invariant text of anything else.
/// </summary>
internal static class CellValue
{
    public static (object? Value, ColumnKind Kind) Resolve(object? value, ColumnKind kind) =>
        value is ReportCell cell ? (cell.Value, cell.Kind) : (value, kind);

    public static bool IsNumber(object value) => value is long or int or short or decimal or double or float;

    public static bool IsNumeric(ColumnKind kind) => kind is ColumnKind.Integer or ColumnKind.Money
        or ColumnKind.Percent or ColumnKind.Ratio;

    /// <summary>
    /// A number as the JSON writes the same CLR value (shortest round-trip, a decimal's scale kept), with no grouping.
    /// </summary>
    public static string Invariant(object value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
