using HealthKart.Core.Validation;


namespace HealthKart.Core.Tests.Validation;

public sealed class FieldParserTests
{
    [Theory]
    [InlineData("2025-07-01", 2025, 7, 1)]
    [InlineData("  2024-02-29 ", 2024, 2, 29)] // 2024 is a leap year; surrounding spaces are not part of the value
    [InlineData("2025-12-31", 2025, 12, 31)]
    public void AcceptsIsoDates(string text, int year, int month, int day)
    {
        Assert.True(FieldParser.TryParseDate(text, out var date, out var reason));
        Assert.Equal(new DateOnly(year, month, day), date);
        Assert.Null(reason);
    }

    [Theory]
    [InlineData("2025-02-30")] // February never has 30 days
    [InlineData("2025-02-29")] // 2025 is not a leap year
    [InlineData("2025-13-01")]
    [InlineData("2025-00-10")]
    [InlineData("2025-04-31")]
    [InlineData("0000-01-01")] // year 0 does not exist; this used to throw out of DateTime.DaysInMonth
    public void RejectsImpossibleCalendarDates(string text)
    {
        Assert.False(FieldParser.TryParseDate(text, out _, out var reason));
        Assert.Equal("not a real calendar date", reason);
    }

    [Theory]
    [InlineData("03/07/2025")] // 3 July or 7 March? Never guessed.
    [InlineData("2025/07/03")]
    [InlineData("03-07-2025")]
    [InlineData("2025-7-3")]
    [InlineData("20250703")]
    [InlineData("July 3, 2025")]
    [InlineData("")]
    public void RejectsDatesInOtherFormats(string text)
    {
        Assert.False(FieldParser.TryParseDate(text, out _, out var reason));
        Assert.Contains("yyyy-MM-dd", reason);
    }

    [Theory]
    // 20:00 UTC + 5:30 = 01:30 the next day in India.
    [InlineData("2025-07-01T20:00:00Z", 2025, 7, 2)]
    // 18:29:59 UTC + 5:30 = 23:59:59, still the same day.
    [InlineData("2025-07-01T18:29:59Z", 2025, 7, 1)]
    // Already in IST.
    [InlineData("2025-07-01T20:00:00+05:30", 2025, 7, 1)]
    // The same offset written without a colon: 02:00 IST is 1 July, whatever the server's time zone.
    [InlineData("2025-07-01T02:00:00+0530", 2025, 7, 1)]
    // 23:00 in New York (UTC-4) = 03:00 UTC = 08:30 IST the next day.
    [InlineData("2025-07-01T23:00:00-04:00", 2025, 7, 2)]
    // No offset: the time is taken as IST wall-clock time, so the date is as written.
    [InlineData("2025-07-01T23:30:00", 2025, 7, 1)]
    [InlineData("2025-07-01 23:30", 2025, 7, 1)]
    public void TruncatesDateTimesToTheIstCalendarDay(string text, int year, int month, int day)
    {
        Assert.True(FieldParser.TryParseDate(text, out var date, out var reason), reason);
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("9999-12-31T23:00:00Z")] // 04:30 on 1 January 10000 in India: this threw and failed the whole upload
    [InlineData("9999-12-31T23:59:59.9999999+00:00")]
    [InlineData("9999-12-31T18:30:00Z")]
    public void RejectsADateTimePastTheEndOfTheCalendarInIndiaWithAReason(string text)
    {
        Assert.False(FieldParser.TryParseDate(text, out _, out var reason));
        Assert.Equal("falls after 9999-12-31 on the IST calendar", reason);
    }

    [Theory]
    [InlineData("2025-07-01T25:00:00")]
    [InlineData("2025-07-01Tnoon")]
    public void RejectsBrokenDateTimes(string text)
    {
        Assert.False(FieldParser.TryParseDate(text, out _, out var reason));
        Assert.Equal("not an ISO 8601 date-time", reason);
    }

    [Theory]
    [InlineData("1234.5", 123_450)] // 1234 rupees 50 paise
    [InlineData("1234.50", 123_450)]
    [InlineData("1234", 123_400)]
    [InlineData("0", 0)]
    [InlineData(".5", 50)]
    [InlineData("7.", 700)]
    [InlineData(" 99.99 ", 9_999)]
    [InlineData("+10", 1_000)]
    [InlineData("100.500", 10_050)] // zeros past the paise lose nothing
    [InlineData("2.6700000000000000000000", 267)] // zeros past the 18 decimals the parser keeps
    [InlineData("999999999999999.99", 99_999_999_999_999_999)] // the largest amount: 15 integer digits
    public void ParsesMoneyToWholePaise(string text, long paise)
    {
        Assert.True(FieldParser.TryParseMoney(text, out var parsed, out var reason), reason);
        Assert.Equal(paise, parsed);
    }

    [Theory]
    [InlineData("1,234.00", "thousands separators")]
    [InlineData("1,23,456", "thousands separators")] // Indian grouping is refused the same way
    [InlineData("1e5", "exponent notation")]
    [InlineData("1.5E+3", "exponent notation")]
    [InlineData("2e-4", "exponent notation")]
    [InlineData("free", "not a number")] // a word with an 'e' is not exponent notation
    [InlineData("NaN", "not a number")]
    [InlineData("Infinity", "not a number")]
    [InlineData("-Infinity", "not a number")]
    [InlineData("-5", "negative")]
    [InlineData("-0.01", "negative")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData(".", "not a number")]
    [InlineData("1.2.3", "not a number")]
    [InlineData("12 500", "contains a space")]
    [InlineData("₹500", "not a number")]
    [InlineData("1234567890123456", "too large")] // 16 integer digits
    [InlineData("100.005", "more than two decimals")] // was rounded to 100.01: an amount nobody paid
    [InlineData("0.0049", "more than two decimals")]
    [InlineData("2.675", "more than two decimals")]
    [InlineData("1.0000000000000000000001", "more than two decimals")] // a non-zero digit past the 18 kept decimals
    public void RejectsMoneyThatIsNotAPlainAmount(string text, string reasonFragment)
    {
        Assert.False(FieldParser.TryParseMoney(text, out var paise, out var reason));
        Assert.Equal(0, paise);
        Assert.Contains(reasonFragment, reason, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("12", 12)]
    [InlineData("12.0", 12)] // spreadsheets write whole numbers this way
    [InlineData("12.000", 12)]
    [InlineData("0", 0)]
    [InlineData("007", 7)]
    [InlineData("999999999999999", 999_999_999_999_999)]
    public void ParsesWholeCounts(string text, long expected)
    {
        Assert.True(FieldParser.TryParseCount(text, out var count, out var reason), reason);
        Assert.Equal(expected, count);
    }

    [Theory]
    [InlineData("12.5", "not a whole number")]
    [InlineData("0.001", "not a whole number")]
    [InlineData("-1", "negative")]
    [InlineData("1e3", "exponent")]
    [InlineData("1,000", "thousands separators")]
    [InlineData("", "empty")]
    [InlineData("twelve", "not a number")] // has an 'e' but no mantissa: this used to be called exponent notation
    [InlineData("3.0000000000000000000001", "not a whole number")]
    public void RejectsCountsThatAreNotWholeAndNonNegative(string text, string reasonFragment)
    {
        Assert.False(FieldParser.TryParseCount(text, out _, out var reason));
        Assert.Contains(reasonFragment, reason, StringComparison.OrdinalIgnoreCase);
    }
}
