using ClosedXML.Excel;

namespace HealthKart.Core.Reports;

/// <summary>
/// Writes a report as an XLSX workbook with ClosedXML: an About sheet, then one sheet per report sheet with a bold,
/// frozen header row, an autofilter over the data, widths set from the report (ClosedXML's AdjustToContents needs
/// System.Drawing and throws on Linux) and typed cells (<see cref="XlsxCell"/>). ClosedXML holds the whole workbook in
/// memory: this is for the formatted reports, not for raw row dumps.
/// </summary>
public static class XlsxReportWriter
{
    /// <summary>
    /// Saves synchronously: <paramref name="output"/> must allow synchronous writes (a file or memory stream).
    /// </summary>
    public static void Write(Report report, Stream output)
    {
        using var workbook = new XLWorkbook();
        var names = SheetNames.Legal([AboutSheet.Name, .. report.Sheets.Select(s => s.Name)]);
        AboutSheet.Write(workbook.AddWorksheet(names[0]), report, names.Skip(1).ToList());
        for (var i = 0; i < report.Sheets.Count; i++)
        {
            WriteSheet(workbook.AddWorksheet(names[i + 1]), report.Sheets[i]);
        }

        workbook.SaveAs(output);
    }

    /// <summary>
    /// Builds the workbook in memory, then copies it asynchronously: for an HTTP response body, which refuses
    /// synchronous writes.
    /// </summary>
    public static async Task WriteAsync(Report report, Stream output, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        Write(report, buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    private static void WriteSheet(IXLWorksheet worksheet, ReportSheet sheet)
    {
        var columns = sheet.Columns;
        for (var c = 0; c < columns.Count; c++)
        {
            XlsxCell.SetText(worksheet.Cell(1, c + 1), columns[c].Header);
            worksheet.Column(c + 1).Width = columns[c].Width;
        }

        var row = 1;
        foreach (var values in sheet.Rows)
        {
            if (values.Length != columns.Count)
            {
                throw new InvalidOperationException(
                    $"Sheet '{sheet.Name}' has {columns.Count} columns but a row of {values.Length} values.");
            }

            row++;
            for (var c = 0; c < values.Length; c++)
            {
                XlsxCell.Set(worksheet.Cell(row, c + 1), values[c], columns[c].Kind);
            }
        }

        var header = worksheet.Range(1, 1, 1, columns.Count);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = XLColor.FromHtml("#E8EEF4");
        worksheet.SheetView.FreezeRows(1);
        worksheet.Range(1, 1, row, columns.Count).SetAutoFilter();
    }
}
