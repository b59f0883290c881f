using ClosedXML.Excel;
using HealthKart.Core.Validation;

namespace HealthKart.Core.Reports;

/// <summary>
/// The first sheet of every workbook: what the report is, which filters and dataset version it was computed from, when,
/// how incrementality was estimated, and how to read ROI. Filter values are the caller's, so they are neutralised too.
/// </summary>
internal static class AboutSheet
{
    public const string Name = "About";

    public static void Write(IXLWorksheet sheet, Report report, IReadOnlyList<string> sheetNames)
    {
        var context = report.Context;
        sheet.Column(1).Width = 34;
        sheet.Column(2).Width = 90;
        var title = sheet.Cell(1, 1);
        XlsxCell.SetText(title, report.Title);
        title.Style.Font.Bold = true;
        title.Style.Font.FontSize = 14;

        var row = 3;
        void Line(string label, object? value, ColumnKind kind = ColumnKind.Text)
        {
            XlsxCell.SetText(sheet.Cell(row, 1), label);
            sheet.Cell(row, 1).Style.Font.Bold = true;
            XlsxCell.Set(sheet.Cell(row, 2), value, kind);
            row++;
        }

        Line("Report", report.Name);
        Line("Dataset version", context.DatasetVersion);
        Line("Generated at (IST)", context.GeneratedAt.ToOffset(FieldParser.Ist).DateTime, ColumnKind.Date);
        Line("From", (object?)context.From ?? "all dates", context.From is null ? ColumnKind.Text : ColumnKind.Date);
        Line("To", (object?)context.To ?? "all dates", context.To is null ? ColumnKind.Text : ColumnKind.Date);
        if (context.Filters.Count == 0)
        {
            Line("Filters", "none: all data");
        }

        foreach (var (name, values) in context.Filters)
        {
            Line($"Filter: {name}", string.Join(", ", values));
        }

        var incrementality = context.Incrementality;
        Line("Incrementality method", incrementality.Method);
        Line("Baseline rate", incrementality.BaselineRate is { } rate ? rate * 100 : null, ColumnKind.Percent);
        if (incrementality.Interval is { } interval)
        {
            Line("Incremental revenue, low (₹)", interval.Low, ColumnKind.Money);
            Line("Incremental revenue, high (₹)", interval.High, ColumnKind.Money);
            Line("Interval level", interval.Level * 100, ColumnKind.Percent);
        }

        if (incrementality.Verdict is { } verdict)
        {
            Line("Incrementality verdict", verdict);
        }

        if (incrementality.Note is { } note)
        {
            Line("Incrementality note", note);
        }

        foreach (var fact in report.Notes)
        {
            Line(fact.Label, fact.Value, fact.Kind);
        }

        Line("How to read it",
            "Money is in rupees. ROI % = (revenue − spend) ÷ spend, shown as a percentage; in the CSV " +
            "export the same figure is a "
            + "plain number in percent units (−25.6453 means −25.65 %). ROAS = revenue ÷ spend. " +
                "Empty cells are undefined "
            + "(no spend, no orders or no reach), never zero.");
        Line("Sheets", string.Join(", ", sheetNames));
        sheet.Column(2).Style.Alignment.WrapText = true;
        sheet.Column(2).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
    }
}
