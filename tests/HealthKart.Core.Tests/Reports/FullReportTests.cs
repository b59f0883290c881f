using HealthKart.Core.Views;

namespace HealthKart.Core.Tests.Reports;

public sealed class FullReportTests
{
    [Fact]
    public void HasEveryViewSheetAfterAnAboutSheetThatStatesFiltersVersionAndWhen()
    {
        var (selection, today, context) = ReportCases.Resolve("hand", ReportCases.Filtered
            + "&code=secret-function-key");
        using var workbook =
            XlsxReportWriterTests.Open(ReportCatalog.Build(ReportCatalog.Full, selection, today, context));

        Assert.Equal(
            ["About", "Summary", "Influencers", "Campaigns", "Platforms", "Personas", "Personas by gender", "Products",
                "Brands", "Tiers", "Time series", "Customer cohorts", "Insights", "Data quality"],
            workbook.Worksheets.Select(w => w.Name));
        var about = workbook.Worksheet("About").RowsUsed().ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(2));
        Assert.Equal("HealthKart influencer ROI: Full report", workbook.Worksheet("About").Cell(1, 1).GetString());
        Assert.Equal("hand-v1", about["Dataset version"].GetString());
        // 03:00 UTC is 08:30 IST
        Assert.Equal(new DateTime(2025, 8, 12, 8, 30, 0), about["Generated at (IST)"].GetDateTime());
        Assert.Equal(new DateTime(2025, 7, 1), about["From"].GetDateTime());
        Assert.Equal(new DateTime(2025, 7, 31), about["To"].GetDateTime());
        Assert.Equal("Instagram,YouTube", about["Filter: platform"].GetString());
        Assert.Equal("week", about["Filter: granularity"].GetString());
        Assert.Equal("flat", about["Incrementality method"].GetString());
        Assert.Equal(0.02, about["Baseline rate"].GetDouble(), 12);
        Assert.Equal("0.00%", about["Baseline rate"].Style.NumberFormat.Format);
        Assert.Equal("week", about["Periods"].GetString());
        Assert.Contains("percent", about["How to read it"].GetString());
        // a function key is no filter
        Assert.DoesNotContain(about.Keys, k => k.Contains("code", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(workbook.Worksheet("About").CellsUsed(), c => c.GetString().Contains("secret"));
    }

    [Fact]
    public void AboutSheetSaysAllDataWhenThereIsNoFilter()
    {
        var (selection, today, context) = ReportCases.Resolve("hand", "");
        using var workbook = XlsxReportWriterTests.Open(ReportCatalog.Build("campaigns", selection, today, context));

        var about = workbook.Worksheet("About").RowsUsed().ToDictionary(r => r.Cell(1).GetString(),
            r => r.Cell(2).GetString());
        Assert.Equal("none: all data", about["Filters"]);
        Assert.Equal("all dates", about["From"]);
        Assert.Equal("campaigns", about["Report"]);
        Assert.Equal("Campaigns", about["Sheets"]);
    }

    [Fact]
    public void OnlyTheFullReportHasNoCsvAndAnUnknownReportIsNotFound()
    {
        Assert.Equal(["summary", "influencers", "top", "poor", "campaigns", "platforms", "categories", "personas",
            "products", "brands", "genders", "tiers", "timeseries", "customers", "insights", "plan", "data-quality",
            "full"], ReportCatalog.Names);
        Assert.All(ReportCatalog.Names.SkipLast(1), n => Assert.True(ReportCatalog.HasCsv(n)));
        Assert.False(ReportCatalog.HasCsv("full"));
        var (selection, today, context) = ReportCases.Resolve("hand", "");
        var problem = Assert.Throws<HealthKart.Core.Problems.ProblemException>(() => ReportCatalog.Build("tracking",
            selection, today, context));
        Assert.Equal(404, problem.Status);
    }
}
