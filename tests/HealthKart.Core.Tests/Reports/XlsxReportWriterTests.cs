using System.Text.Json;
using ClosedXML.Excel;
using HealthKart.Core.Reports;
using HealthKart.Core.Views;

namespace HealthKart.Core.Tests.Reports;

public sealed class XlsxReportWriterTests
{
    public static TheoryData<string, string, string> Cases => ReportCases.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryReportOpensWithItsSheetsHeadersTypesFormatsAndTheValuesOfItsJson(string dataset, string query,
        string name)
    {
        var (selection, today, context) = ReportCases.Resolve(dataset, query);
        var report = ReportCatalog.Build(name, selection, today, context);
        var maps = ReportCatalog.Map(name);
        using var workbook = Open(report);

        Assert.Equal(["About", .. maps.Select(m => m.Sheet)], workbook.Worksheets.Select(w => w.Name));
        var views = maps.Select(m => m.View).Distinct().ToDictionary(v => v, v => ViewJson.Of(v, selection, today));
        for (var s = 0; s < maps.Count; s++)
        {
            var (map, columns, sheet) = (maps[s], report.Sheets[s].Columns, workbook.Worksheet(maps[s].Sheet));
            Assert.Equal(map.Columns.Select(c => c.Header), columns.Select(c => c.Header));
            Assert.Equal(map.Columns.Select(c => c.Header), Enumerable.Range(1, columns.Count)
                .Select(c => sheet.Cell(1, c).GetString()));
            Assert.True(sheet.Row(1).Cell(1).Style.Font.Bold, map.Sheet);
            Assert.Equal(1, sheet.SheetView.SplitRow);
            Assert.Equal(columns.Select(c => c.Width), Enumerable.Range(1, columns.Count)
                .Select(c => sheet.Column(c).Width));

            var lastRow = map.Metrics is null ? AssertTable(sheet, map, columns, views[map.View]) : AssertMetrics(sheet,
                map, views[map.View], selection, today);
            Assert.True(sheet.AutoFilter.IsEnabled, map.Sheet);
            Assert.Equal($"A1:{XLHelper.GetColumnLetterFromNumber(columns.Count)}{lastRow}",
                sheet.AutoFilter.Range.RangeAddress.ToString());
            Assert.True(sheet.Cell(lastRow + 1, 1).IsEmpty(), $"{map.Sheet}: more rows than the JSON has");
        }
    }

    [Fact]
    public void CountsAndRupeesReadWithIndianGroupingAndNegativesKeepIt()
    {
        var sheet =
            new ReportSheet("Money", [new("Revenue (₹)", ColumnKind.Money, 16), new("Reach", ColumnKind.Integer, 12)],
        [
            [12_345_678.5m, 123_456_789L],
            [150_000m, 150_000L],
            [99_999.99m, 99_999L],
            [0m, 0L],
            [-2_600m, -2_600L],
            [-150_000.5m, -150_000L],
            [-12_345_678.5m, -12_345_678L],
        ]);
        using var workbook = Open(new Report("money", "Money", [sheet], Context()));
        var cells = workbook.Worksheet("Money").Rows(2, 8)
            .Select(r => (CellExpectation.Render(r.Cell(1)), CellExpectation.Render(r.Cell(2))));

        Assert.Equal(
        [
            ("₹1,23,45,678.50", "12,34,56,789"), ("₹1,50,000.00", "1,50,000"), ("₹99,999.99", "99,999"), ("₹0.00", "0"),
            ("-₹2,600.00", "-2,600"), ("-₹1,50,000.50", "-1,50,000"), ("-₹1,23,45,678.50", "-1,23,45,678"),
        ], cells);
    }

    [Fact]
    public void SheetNamesAreMadeLegalAndUnique()
    {
        var sheets = new[] { "Q1/Q2: [draft]?", "About", new string('x', 40), new string('x', 40), "History" }
            .Select(n => new ReportSheet(n, [new("A", ColumnKind.Text, 10)], [])).ToList();
        using var workbook = Open(new Report("names", "Names", sheets, Context()));

        Assert.Equal(["About", "Q1-Q2- -draft--", "About (2)", new string('x', 31), new string('x', 27) + " (2)",
            "History (sheet)"],
            workbook.Worksheets.Select(w => w.Name));
    }

    internal static XLWorkbook Open(Report report)
    {
        var stream = new MemoryStream();
        XlsxReportWriter.Write(report, stream);
        stream.Position = 0;
        return new XLWorkbook(stream);
    }

    internal static ReportContext Context() =>
        new("v1", ReportCases.GeneratedAt, new Dictionary<string, IReadOnlyList<string>>(), null, null,
        HealthKart.Core.Analytics.Incrementality.Assumed(new HealthKart.Core.Analytics.AnalyticsOptions()));

    private static int AssertTable(IXLWorksheet sheet, SheetMap map, IReadOnlyList<ReportColumn> columns,
        JsonElement view)
    {
        var rows = ViewJson.Rows(view, map.JsonRows);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                CellExpectation.Xlsx(sheet.Cell(r + 2, c + 1), ViewJson.At(rows[r], map.Columns[c].JsonName),
                    columns[c].Kind,
                    $"{map.Sheet}!{XLHelper.GetColumnLetterFromNumber(c + 1)}{r + 2} ({map.Columns[c].JsonName})");
            }
        }

        return rows.Count + 1;
    }

    /// <summary>
    /// A transposed sheet: row i is metric i; column j its value in <c>{JsonRows}.{column j}</c>, typed like the
    /// summary's column of that metric.
    /// </summary>
    private static int AssertMetrics(IXLWorksheet sheet, SheetMap map, JsonElement view,
        HealthKart.Core.Analytics.Selection selection, DateOnly today)
    {
        var summary = ReportCatalog.Map("summary")[0].Columns.Select(c => c.JsonName).ToList();
        var summaryKinds = ReportCatalog.Build("summary", selection, today, Context()).Main.Columns.Select(c => c.Kind)
            .ToList();
        for (var m = 0; m < map.Metrics!.Count; m++)
        {
            var metric = map.Metrics[m];
            Assert.Equal(metric.Header, sheet.Cell(m + 2, 1).GetString());
            for (var c = 1; c < map.Columns.Count; c++)
            {
                var kind = map.Columns[c].JsonName == "changePercent"
                    ? ColumnKind.Percent : summaryKinds[summary.IndexOf(metric.JsonName)];
                CellExpectation.Xlsx(sheet.Cell(m + 2, c + 1),
                    ViewJson.At(view, $"{map.JsonRows}.{map.Columns[c].JsonName}.{metric.JsonName}"), kind,
                    $"{map.Sheet} {metric.JsonName} {map.Columns[c].JsonName}");
            }
        }

        return map.Metrics.Count + 1;
    }
}
