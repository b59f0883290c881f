using HealthKart.Core.Reports;

namespace HealthKart.Core.Tests.Reports;

public sealed class ExportHeadersTests
{
    [Fact]
    public void StateVersionTimeInIstAndTheFiltersAsAnAsciiQueryString()
    {
        var (_, _, context) = ReportCases.Resolve("hand", "campaign=Diwali ₹&from=2025-07-01&code=key");

        Assert.Equal(
        [
            new(ExportHeaders.DatasetVersion, "hand-v1"),
            new(ExportHeaders.GeneratedAt, "2025-08-12T08:30:00+05:30"),
            new(ExportHeaders.Filters, "campaign=Diwali%20%E2%82%B9&from=2025-07-01"),
        ], ExportHeaders.For(context));
    }
}
