using ClosedXML.Excel;

namespace HealthKart.Core.Reports;

/// <summary>
/// Writes one typed cell: numbers as numbers under their number format (a percent as its fraction, so Excel shows
/// -25.65 % for ROI -25.6453), dates as dates, booleans as booleans, null as an empty cell, and text as text,
/// neutralised: line breaks as LF, set with <c>SetValue&lt;string&gt;</c>, never through <c>.Value</c>, so "=..."
/// cannot become a formula.
/// </summary>
internal static class XlsxCell
{
    public static void Set(IXLCell cell, object? value, ColumnKind columnKind)
    {
        var (content, kind) = CellValue.Resolve(value, columnKind);
        switch (content)
        {
            case null:
                return;
            case bool flag when kind == ColumnKind.Boolean:
                cell.SetValue(flag);
                return;
            case DateOnly day when kind == ColumnKind.Date:
                SetDate(cell, day.ToDateTime(TimeOnly.MinValue), ExcelNumberFormats.Date);
                return;
            case DateTime time when kind == ColumnKind.Date:
                SetDate(cell, time, time.TimeOfDay == TimeSpan.Zero
                    ? ExcelNumberFormats.Date : ExcelNumberFormats.DateTime);
                return;
            case var number when CellValue.IsNumeric(kind) && CellValue.IsNumber(number):
                SetNumber(cell, number, kind);
                return;
            default:
                SetText(cell, CellValue.Invariant(content));
                return;
        }
    }

    /// <summary>
    /// Text, neutralised, with its line breaks as Excel's in-cell break (LF): XML readers turn a stored CR LF into LF
    /// anyway, so this is what every reader of the file would see.
    /// </summary>
    public static void SetText(IXLCell cell, string text) =>
        cell.SetValue<string>(SpreadsheetText.Neutralize(text).Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace('\r', '\n'));

    private static void SetDate(IXLCell cell, DateTime value, string format)
    {
        cell.SetValue(value);
        cell.Style.NumberFormat.Format = format;
    }

    private static void SetNumber(IXLCell cell, object number, ColumnKind kind)
    {
        var value = Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            return;
        }

        if (kind == ColumnKind.Percent)
        {
            // Through decimal where it fits, so -25.6453 becomes exactly the double nearest -0.256453.
            value = Math.Abs(value) < 1e15 ? (double)((decimal)value / 100m) : value / 100;
        }

        if (number is decimal exact && kind != ColumnKind.Percent)
        {
            cell.SetValue(exact);
        }
        else
        {
            cell.SetValue(value);
        }

        cell.Style.NumberFormat.Format = ExcelNumberFormats.For(kind, value);
    }
}
