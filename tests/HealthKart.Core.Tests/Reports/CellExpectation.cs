using System.Globalization;
using System.Text.Json;
using ClosedXML.Excel;
using ExcelNumberFormat;
using HealthKart.Core.Money;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Tests.Reports;

/// <summary>What a cell of each kind must hold in XLSX and CSV, given the JSON value of the same view.</summary>
internal static class CellExpectation
{
    public static void Xlsx(IXLCell cell, JsonElement? json, ColumnKind kind, string where)
    {
        if (json is not { } value)
        {
            Assert.True(cell.IsEmpty(), $"{where}: expected an empty cell, found '{cell.Value}'");
            return;
        }

        Assert.False(cell.HasFormula, where);
        switch (kind)
        {
            case ColumnKind.Text:
                Assert.True(cell.DataType == XLDataType.Text, $"{where}: {cell.DataType}");
                // Line breaks as Excel's in-cell break: XML readers turn CR LF into LF anyway.
                Assert.Equal(SpreadsheetText.Neutralize(ViewJson.Text(value)).Replace("\r\n", "\n"), cell.GetString());
                break;
            case ColumnKind.Integer:
                AssertNumber(cell, value.GetInt64(), where);
                // Rendered by the cell's own format, a count reads with Indian grouping, negatives included.
                Assert.Equal(Inr.Format(value.GetInt64(), 0).Replace("₹", ""), Render(cell));
                break;
            case ColumnKind.Money:
                AssertNumber(cell, (double)value.GetDecimal(), where);
                Assert.Equal(Inr.Format(value.GetDecimal()), Render(cell));
                break;
            case ColumnKind.Percent:
                AssertNumber(cell, value.GetDouble() / 100, where);
                Assert.Equal("0.00%", cell.Style.NumberFormat.Format);
                break;
            case ColumnKind.Ratio:
                AssertNumber(cell, value.GetDouble(), where);
                Assert.Equal("0.00##", cell.Style.NumberFormat.Format);
                break;
            case ColumnKind.Date:
                Assert.True(cell.DataType == XLDataType.DateTime, $"{where}: {cell.DataType}");
                Assert.Equal(value.GetString(),
                    cell.GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Assert.Equal("yyyy-mm-dd", cell.Style.NumberFormat.Format);
                break;
            case ColumnKind.Boolean:
                Assert.True(cell.DataType == XLDataType.Boolean, $"{where}: {cell.DataType}");
                Assert.Equal(value.GetBoolean(), cell.GetBoolean());
                break;
        }
    }

    public static void Csv(string field, JsonElement? json, ColumnKind kind, string where)
    {
        var expected = json switch
        {
            null => "",
            { } value when kind == ColumnKind.Text => SpreadsheetText.Neutralize(ViewJson.Text(value)),
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            // Numbers and booleans exactly as the JSON writes them: ROI in percent units, no grouping.
            { } value => value.GetRawText(),
        };
        Assert.True(expected == field, $"{where}: expected '{expected}', found '{field}'");
    }

    /// <summary>The text Excel shows for a cell, by its number format.</summary>
    public static string Render(IXLCell cell) =>
        new NumberFormat(cell.Style.NumberFormat.Format).Format(cell.GetDouble(), CultureInfo.InvariantCulture);

    private static void AssertNumber(IXLCell cell, double expected, string where)
    {
        Assert.True(cell.DataType == XLDataType.Number, $"{where}: {cell.DataType} '{cell.Value}'");
        var actual = cell.GetDouble();
        Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)),
            $"{where}: expected {expected}, found {actual}");
    }
}
