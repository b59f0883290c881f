using ClosedXML.Excel;
using HealthKart.Core.Reports;
using HealthKart.Core.Views;

namespace HealthKart.Core.Tests.Reports;

/// <summary>
/// Hostile names from an upload (see <see cref="HostileDataset"/>) come out of both formats as inert text, prefixed
/// with an apostrophe; numbers are never touched, so a negative ROI is still a negative number.
/// </summary>
public sealed class FormulaInjectionTests
{
    [Fact]
    public async Task HostileNamesAreInertInCsvAndXlsxWhileNegativeNumbersStayNumbers()
    {
        var (selection, today, context) = ReportCases.Resolve("hostile", "");
        var influencers = ReportCatalog.Build("influencers", selection, today, context);
        var campaigns = ReportCatalog.Build("campaigns", selection, today, context);
        var categories = ReportCatalog.Build("categories", selection, today, context);

        var (_, csvInfluencers) = CsvReportWriterTests.Parse(await CsvReportWriterTests.Write(influencers.Main));
        var byId = csvInfluencers.ToDictionary(r => r[1]);
        Assert.Equal("'" + HostileDataset.Formula, byId["INF001"][2]);
        // a line break inside is quoted, not leading: nothing to neutralise
        Assert.Equal(HostileDataset.TwoLines, byId["INF002"][2]);
        Assert.Equal(HostileDataset.Tabbed, byId["INF002"][3]);
        Assert.Equal("'@admin", byId["INF003"][2]);
        Assert.Equal("'-Nutrition", byId["INF003"][3]);
        var roi = influencers.Main.Columns.ToList().FindIndex(c => c.Header == "ROI %");
        Assert.Equal("-75", byId["INF002"][roi]); // (500 - 2,000) / 2,000 = -75 %: a number, no apostrophe
        Assert.Equal("-2600",
            byId["INF003"][influencers.Main.Columns.ToList().FindIndex(c => c.Header == "Revenue (₹)")]);

        var (_, csvCampaigns) = CsvReportWriterTests.Parse(await CsvReportWriterTests.Write(campaigns.Main));
        Assert.Equal(["'+Monsoon", "'-Clearance", "'@Diwali"], csvCampaigns.Select(r => r[0])
            .Order(StringComparer.Ordinal));

        using var workbook = XlsxReportWriterTests.Open(influencers);
        var sheet = workbook.Worksheet("Influencers");
        var formula = RowOf(sheet, "INF001").Cell(3);
        Assert.False(formula.HasFormula);
        Assert.Equal(XLDataType.Text, formula.DataType);
        Assert.Equal("'" + HostileDataset.Formula, formula.GetString());
        Assert.Equal("'@admin", RowOf(sheet, "INF003").Cell(3).GetString());
        var negative = RowOf(sheet, "INF002").Cell(roi + 1);
        Assert.Equal(XLDataType.Number, negative.DataType);
        Assert.Equal(-0.75, negative.GetDouble(), 12);

        using var campaignBook = XlsxReportWriterTests.Open(campaigns);
        var names = campaignBook.Worksheet("Campaigns").Column(1).CellsUsed().Skip(1).ToList();
        Assert.All(names, c => Assert.Equal(XLDataType.Text, c.DataType));
        Assert.All(names, c => Assert.False(c.HasFormula));
        Assert.Equal(["'+Monsoon", "'-Clearance", "'@Diwali"], names.Select(c => c.GetString())
            .Order(StringComparer.Ordinal));
        using var categoryBook = XlsxReportWriterTests.Open(categories);
        Assert.Contains("'-Nutrition", categoryBook.Worksheet("Categories").Column(1).CellsUsed()
            .Select(c => c.GetString()));
    }

    [Theory]
    [InlineData("=1+2")]
    [InlineData("+1+2")]
    [InlineData("-1+2")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1+2")]
    [InlineData("\r=1+2")]
    [InlineData("\n=1+2")]
    [InlineData("\r\n=1+2")]
    public async Task EveryDangerousFirstCharacterIsPrefixedInBothFormats(string text)
    {
        var sheet = new ReportSheet("S", [new("Text", ColumnKind.Text, 10), new("Negative", ColumnKind.Money, 10)],
            [[text, -5m]]);

        var (_, records) = CsvReportWriterTests.Parse(await CsvReportWriterTests.Write(sheet));
        Assert.Equal(["'" + text, "-5"], records.Single());

        using var workbook = XlsxReportWriterTests.Open(new Report("s", "S", [sheet], XlsxReportWriterTests.Context()));
        var cell = workbook.Worksheet("S").Cell(2, 1);
        Assert.False(cell.HasFormula);
        Assert.Equal(XLDataType.Text, cell.DataType);
        Assert.Equal("'" + text.Replace("\r\n", "\n").Replace('\r', '\n'), cell.GetString());
        Assert.Equal(XLDataType.Number, workbook.Worksheet("S").Cell(2, 2).DataType);
        Assert.Equal(-5, workbook.Worksheet("S").Cell(2, 2).GetDouble());
    }

    private static IXLRow RowOf(IXLWorksheet sheet, string influencerId) =>
        sheet.RowsUsed().Single(r => r.Cell(2).GetString() == influencerId);
}
