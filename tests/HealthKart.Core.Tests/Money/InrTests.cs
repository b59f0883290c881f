using HealthKart.Core.Money;

namespace HealthKart.Core.Tests.Money;

public sealed class InrTests
{
    [Theory]
    [InlineData(0L, "₹0.00")]
    [InlineData(1L, "₹0.01")]
    [InlineData(999L, "₹9.99")] // the long overload takes paise: 999 paise is 9 rupees 99 paise
    [InlineData(100_000L, "₹1,000.00")] // 1,00,000 paise is only a thousand rupees
    [InlineData(10_000_000L, "₹1,00,000.00")] // one lakh rupees
    [InlineData(1_234_567_800L, "₹1,23,45,678.00")] // 1 crore 23 lakh 45 thousand 678 rupees
    [InlineData(-150L, "-₹1.50")]
    [InlineData(-1_234_567_890L, "-₹1,23,45,678.90")]
    public void FormatsPaiseAsRupeesWithIndianGrouping(long paise, string expected)
    {
        Assert.Equal(expected, Inr.Format(paise));
    }

    [Theory]
    [InlineData("0", "₹0.00")]
    [InlineData("999", "₹999.00")] // three digits: no separator yet
    [InlineData("1000", "₹1,000.00")]
    [InlineData("100000", "₹1,00,000.00")]
    [InlineData("12345678", "₹1,23,45,678.00")]
    [InlineData("123456789", "₹12,34,56,789.00")]
    [InlineData("-12345678.5", "-₹1,23,45,678.50")]
    [InlineData("999.995", "₹1,000.00")] // half a paisa rounds away from zero, carrying into the thousands
    [InlineData("-0.004", "₹0.00")] // rounds to zero: no "-₹0.00"
    [InlineData("-0.005", "-₹0.01")]
    public void FormatsRupees(string rupees, string expected)
    {
        Assert.Equal(expected, Inr.Format(decimal.Parse(rupees, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("1234567.5", 0, "₹12,34,568")] // whole rupees, half rounds up
    [InlineData("1234567.49", 0, "₹12,34,567")]
    [InlineData("1.23456", 4, "₹1.2346")]
    public void FormatsWithTheRequestedDecimals(string rupees, int decimals, string expected)
    {
        Assert.Equal(expected, Inr.Format(decimal.Parse(rupees, System.Globalization.CultureInfo.InvariantCulture),
            decimals));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("7", "7")]
    [InlineData("123", "123")]
    [InlineData("1234", "1,234")]
    [InlineData("12345", "12,345")]
    [InlineData("123456", "1,23,456")]
    [InlineData("1234567890", "1,23,45,67,890")]
    public void GroupsTheLastThreeDigitsThenPairs(string digits, string expected)
    {
        Assert.Equal(expected, Inr.GroupIndian(digits));
    }

    [Theory]
    [InlineData("12345.67", "₹12,346")]
    [InlineData("955100", "₹9.55 lakh")]
    [InlineData("9621027.14", "₹96.2 lakh")]
    [InlineData("12000000", "₹1.20 crore")]
    [InlineData("-250000", "-₹2.50 lakh")]
    public void WritesMoneyInProseToTheRupeeOrInLakhAndCrore(string rupees, string expected) =>
        Assert.Equal(expected, Inr.Prose(decimal.Parse(rupees, System.Globalization.CultureInfo.InvariantCulture)));
}
