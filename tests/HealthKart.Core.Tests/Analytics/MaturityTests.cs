using HealthKart.Core.Analytics;
using static HealthKart.Core.Tests.Analytics.HandWorkedDataset;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>
/// The period's maturing days (docs/metrics.md#maturity): with today 12 Aug 2025 and 7 maturity days, 6 to 12 Aug.
/// </summary>
public sealed class MaturityTests
{
    [Theory]
    [InlineData("from=2025-08-01&to=2025-08-31", 31, 7)] // 6..12 Aug; 13..31 Aug have not happened
    [InlineData("from=2025-08-10&to=2025-08-11", 2, 2)]
    [InlineData("from=2025-08-12&to=2025-08-12", 1, 1)]
    [InlineData("from=2025-07-01&to=2025-08-05", 36, 0)] // ends the day before the first maturing day
    [InlineData("from=2025-08-13&to=2025-09-30", 49, 0)] // all after today: nothing to mature yet
    public void CountsTheWindowsDaysAmongTheLastSevenUpToToday(string query, int days, int immature)
    {
        var period = AnalyticsEngine.Period(Select(query), Today);

        Assert.Equal((days, immature), (period.Days, period.ImmatureDays));
    }

    [Fact]
    public void AWindowPastTodayHasNoMaturingInsight() =>
        Assert.DoesNotContain(InsightEngine.Insights(Select("from=2025-09-01&to=2025-09-30"), Today).Items,
            i => i.Title.Contains("maturing", StringComparison.Ordinal));
}
