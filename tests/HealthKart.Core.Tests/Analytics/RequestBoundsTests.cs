using HealthKart.Core.Analytics;
using HealthKart.Core.DataContract;
using HealthKart.Core.Facts;
using HealthKart.Core.Problems;
using HealthKart.Core.Summary;
using HealthKart.Core.Views;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>Every request's cost is bounded, and a view the data cannot produce fails alone.</summary>
public sealed class RequestBoundsTests
{
    [Fact]
    public void AFromBeforeTheDataStartsIsClampedToTheDatasFirstDay()
    {
        // The hand-worked data runs from 2025-07-01 (INF001's first post) to 2025-08-12 (the last sale): June adds no
        // periods, so 2025-06-01..2025-07-03 is the three days 07-01, 07-02, 07-03; likewise past the end.
        var start = AnalyticsEngine.TimeSeries(HandWorkedDataset.Select("from=2025-06-01&to=2025-07-03")).Items.Select(
            i => i.Period);
        var end = AnalyticsEngine.TimeSeries(HandWorkedDataset.Select("from=2025-08-10&to=2099-12-31")).Items.Select(
            i => i.Period);

        Assert.Equal([new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 2), new DateOnly(2025, 7, 3)], start);
        Assert.Equal([new DateOnly(2025, 8, 10), new DateOnly(2025, 8, 11), new DateOnly(2025, 8, 12)], end);
    }

    [Fact]
    public void ADailySeriesOverMoreThanTenYearsOfDataIsA400ThatSuggestsWeeksOrMonths()
    {
        // One sale on the window's first day and one on its last: 36,525 days of data (2000-01-01..2099-12-31, 25 leap
        // years in the century), over the 3,660 a daily series may cover. By month it is 100 x 12 = 1,200 periods.
        var snapshot = Snapshot(Sale(new DateOnly(2000, 1, 1), 1, 100), Sale(new DateOnly(2099, 12, 31), 1, 100));

        var refused = Assert.Throws<ProblemException>(() =>
            AnalyticsEngine.TimeSeries(new Selection(snapshot, AnalyticsQuery.All)));
        var months =
            AnalyticsEngine.TimeSeries(
                new Selection(snapshot, AnalyticsQuery.All with { Granularity = Granularity.Month }));

        Assert.Equal((400, "granularity"), (refused.Status, refused.Parameter));
        Assert.Contains("36,525 days", refused.Detail);
        Assert.Equal(1_200, months.Items.Count);
        Assert.Equal(2m, months.Items.Sum(i => i.Revenue));
    }

    [Fact]
    public void ARequestForDatesOutsideTheWindowIsA400NamingTheWindow()
    {
        var problem = Assert.Throws<ProblemException>(() => HandWorkedDataset.Parse("from=0001-01-01&to=9999-12-31"));

        Assert.Equal((400, "from"), (problem.Status, problem.Parameter));
        Assert.Contains("outside the accepted dates 1 Jan 2000 to 31 Dec 2099", problem.Detail);
    }

    [Fact]
    public void TotalsThatCouldOverflowFailTheBuildInsteadOfWrapping()
    {
        // Two facts of 2^62 paise each: their sum, 2^63, is one more than long.MaxValue, so some view's total would
        // wrap to a huge negative revenue. The build refuses (the cache then keeps serving the previous snapshot).
        const long half = 1L << 62;

        var failure = Assert.Throws<SnapshotBuildException>(() => Snapshot(Sale(new DateOnly(2025, 7, 1), 1, half),
            Sale(new DateOnly(2025, 7, 2), 1, half)));

        Assert.Contains("revenue", failure.Message);
    }

    [Fact]
    public void TotalsJustInsideSixtyFourBitsStillBuild()
    {
        // 2^62 + (2^62 - 1) = long.MaxValue exactly: fits, and the summary shows it to the paisa.
        const long half = 1L << 62;
        var snapshot = Snapshot(Sale(new DateOnly(2025, 7, 1), 1, half), Sale(new DateOnly(2025, 7, 2), 1, half - 1));

        Assert.Equal(long.MaxValue / 100m, AnalyticsEngine.Summary(new Selection(snapshot, AnalyticsQuery.All),
            new DateOnly(2025, 8, 1)).Revenue);
    }

    [Fact]
    public void AViewThatThrowsAnswersA422ProblemNamingTheViewAndTheDatasetVersion()
    {
        // A period starting on the calendar's first day, which the parser no longer lets through: insights compares it
        // with the period before, which starts before year 1, and throws. It was a 500; now insights fails alone.
        var selection = new Selection(HandWorkedDataset.Snapshot, AnalyticsQuery.All with
        {
            From = DateOnly.MinValue,
            To = new DateOnly(2025, 8, 12)
        });

        var problem = Assert.Throws<ProblemException>(() => ViewCatalog.Get("insights")
            .Compute(selection, HandWorkedDataset.Today));
        var summary = ViewCatalog.Get("summary").Compute(selection, HandWorkedDataset.Today);

        Assert.Equal(422, problem.Status);
        Assert.Contains("'insights' view could not be computed from dataset version hand-v1", problem.Detail);
        Assert.NotNull(problem.InnerException);
        Assert.IsType<SummaryView>(summary);
    }

    [Theory]
    // its Sunday is the calendar's last day and the summary reads the week after: this was a 500
    [InlineData("9999-W52")]
    [InlineData("0000-W01")]
    [InlineData("2025-W53")] // 2025 has 52 ISO weeks
    public void AWeekTheCalendarCannotHoldIsNotAWeek(string text)
    {
        Assert.False(IsoWeek.TryParse(text, out _));
    }

    private static Snapshot Snapshot(params SalesFact[] sales) =>
        SnapshotBuilder.Build("bounds-v1",
            [new SnapshotSource("tracking_data.csv", new SourceFacts(Dataset.Tracking, [], sales, [], [], []))],
            new AnalyticsOptions());

    private static SalesFact Sale(DateOnly date, long orders, long revenuePaise) =>
        new(date, "INF001", "C1", "Whey", "MuscleBlaze", "Instagram", false, orders, revenuePaise, 1);
}
