using HealthKart.Core.Reports;

namespace HealthKart.Core.Tests.Reports;

public sealed class ExportFileNameTests
{
    [Theory]
    [InlineData("campaigns", "2025-07-01", "2025-07-31", "xlsx", "healthkart-campaigns-2025-07-01_2025-07-31.xlsx")]
    [InlineData("data-quality", null, null, "csv", "healthkart-data-quality-all-dates.csv")]
    [InlineData("summary", "2025-07-01", null, ".csv", "healthkart-summary-from-2025-07-01.csv")]
    [InlineData("summary", null, "2025-07-31", "csv", "healthkart-summary-to-2025-07-31.csv")]
    [InlineData("../Evil\"\r\nName", null, null, "x\"lsx", "healthkart-evil-name-all-dates.x-lsx")]
    public void SaysWhatAndWhen(string report, string? from, string? to, string extension, string expected)
    {
        Assert.Equal(expected, ExportFileName.For(report, Date(from), Date(to), extension));
    }

    [Fact]
    public void ContentDispositionIsAsciiWithAnEncodedUtf8Name()
    {
        Assert.Equal(
            "attachment; filename=\"healthkart-campaigns-all-dates.csv\"; " +
            "filename*=UTF-8''healthkart-campaigns-all-dates.csv",
            ExportFileName.ContentDisposition("healthkart-campaigns-all-dates.csv"));
        Assert.Equal("attachment; filename=\"r_port _a_b_.csv\"; filename*=UTF-8''r%E2%82%B9port%20%22a%3Bb%22.csv",
            ExportFileName.ContentDisposition("r₹port \"a;b\"\r\n.csv"));
    }

    private static DateOnly? Date(string? text) => text is null
        ? null : DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
