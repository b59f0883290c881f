using HealthKart.Core.Analytics;
using HealthKart.Simulation;
using HealthKart.Core.Summary;

namespace HealthKart.Core.Tests;

public sealed class IndianTextTests
{
    [Theory]
    [InlineData(2025, 6, 1, "1 Jun 2025")] // day without a leading zero, month by name: never 06/01/2025
    [InlineData(2025, 12, 25, "25 Dec 2025")]
    [InlineData(2026, 1, 9, "9 Jan 2026")]
    public void DatesReadTheSameInIndiaAndEverywhere(int year, int month, int day, string expected) =>
        Assert.Equal(expected, IndianText.Date(new DateOnly(year, month, day)));

    [Fact]
    public void ARangeNamesWhatItKnowsAndSaysSoWhenItKnowsNothing()
    {
        var june = new DateOnly(2025, 6, 1);
        var august = new DateOnly(2025, 8, 29);
        Assert.Equal("1 Jun 2025 to 29 Aug 2025", IndianText.Dates(june, august));
        Assert.Equal("1 Jun 2025", IndianText.Dates(june, june));
        Assert.Equal("from 1 Jun 2025", IndianText.Dates(june, null));
        Assert.Equal("to 29 Aug 2025", IndianText.Dates(null, august));
        Assert.Equal("no dates", IndianText.Dates(null, null)); // the old "( to )"
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(999L, "999")]
    [InlineData(2_699L, "2,699")]
    [InlineData(100_000L, "1,00,000")] // one lakh, not 100,000
    [InlineData(1_073_741_824L, "1,07,37,41,824")] // 1 GiB in bytes: 107 crore 37 lakh 41 thousand 824
    [InlineData(-1_234_567L, "-12,34,567")]
    public void CountsUseLakhAndCroreGrouping(long value, string expected) =>
    Assert.Equal(expected, IndianText.Count(value));

    [Theory]
    [InlineData(1L, "influencer", null, "1 influencer")]
    [InlineData(0L, "error", null, "0 errors")] // none is plural in English
    [InlineData(2L, "day", null, "2 days")]
    [InlineData(1_234_567L, "row", null, "12,34,567 rows")]
    [InlineData(-1L, "order", null, "-1 orders")] // only exactly one is singular
    [InlineData(3L, "person", "people", "3 people")]
    public void ACountSaysItsNounInTheRightNumber(long value, string noun, string? plural, string expected) =>
        Assert.Equal(expected, IndianText.Count(value, noun, plural));

    [Theory]
    [InlineData("1234567.25", 1, "12,34,567.3")] // .25 to one decimal rounds away from zero
    [InlineData("31.6", 1, "31.6")]
    [InlineData("-0.04", 1, "0.0")] // rounds to zero: no "-0.0"
    public void NumbersKeepTheirDecimals(string value, int decimals, string expected) =>
        Assert.Equal(expected,
            IndianText.Number(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), decimals));

    [Fact]
    public void AnInstantIsShownOnIndiasClock() =>
        // 02:30 UTC is 08:00 IST (UTC+05:30).
        Assert.Equal("7 Jul 2025, 08:00 IST",
            IndianText.IndiaClock(new DateTimeOffset(2025, 7, 7, 2, 30, 0, TimeSpan.Zero)));

    [Fact]
    public void YesterdayIsIndiasYesterday()
    {
        // 20:00 UTC on 5 Dec is 01:30 on 6 Dec in India: yesterday there is 5 Dec, although it is still 5 Dec in UTC.
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 5, 20, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 12, 5), IndiaTime.Yesterday(clock));
    }

    [Fact]
    public void ASampleEndingOnADayKeepsItsLength()
    {
        // 90 days ending 29 Aug 2025 start 89 days earlier: 29 Aug less 29 days is 31 Jul, less 31 more is 30 Jun, less
        // 29 more is 1 Jun 2025.
        var sample = new SimulationOptions().EndingOn(new DateOnly(2025, 8, 29));
        Assert.Equal((new DateOnly(2025, 6, 1), new DateOnly(2025, 8, 29), 90),
            (sample.StartDate, sample.EndDate, sample.Days));
        Assert.Equal(new SimulationOptions(), sample); // the committed sample's own dates
    }

    [Fact]
    public void AnEmptyWeekNamesTheLatestWeekWithActivity()
    {
        // Week 35 of 2025 runs Monday 25 Aug to Sunday 31 Aug.
        Assert.Equal("The latest week with influencer activity is 2025-W35 (25 – 31 Aug 2025).",
            SummaryWording.LatestActiveWeek(Week40));
        Assert.Null(SummaryWording.LatestActiveWeek(Week40 with { LatestActiveWeek = null }));
    }

    [Theory]
    [InlineData(0, "The most valuable actions")] // the section then says that none stands out
    [InlineData(1, "The most valuable action")]
    [InlineData(2, "The two most valuable actions")]
    [InlineData(3, "The three most valuable actions")]
    public void TheActionsHeadingCountsTheActionsListed(int actions, string expected) =>
        Assert.Equal(expected, SummaryWording.ActionsHeading(Week40 with
        {
            Actions = [.. Enumerable.Range(1, actions).Select(n => new Insight("reallocation", $"Move ₹{n}", "",
                new Dictionary<string, object?>(), n))],
        }));

    private static readonly WeeklySummary Week40 = new()
    {
        Week = new IsoWeek(2025, 40),
        From = new(2025, 9, 29),
        To = new(2025, 10, 5),
        PreviousFrom = new(2025, 9, 22),
        PreviousTo = new(2025, 9, 28),
        HasActivity = false,
        Headlines = [],
        Top = [],
        Bottom = [],
        Actions = [],
        ImmatureDays = 0,
        MaturityDays = 7,
        DataQuality = [],
        Uploads = [],
        Links = [],
        DatasetVersion = "v1",
        Incrementality = null!,
        GeneratedAt = DateTimeOffset.UnixEpoch,
        LatestActiveWeek = new IsoWeek(2025, 35),
    };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
