using System.Text;
using CsCheck;
using HealthKart.Core.Analytics;
using HealthKart.Core.Problems;
using HealthKart.Core.Validation;

namespace HealthKart.Core.Tests.Validation;

/// <summary>
/// Property-based tests (CsCheck): any text at all, and text built from the characters dates and numbers are made of
/// (so the near misses are many), either parses to a value inside its domain or is refused with a reason. Nothing
/// throws.
/// </summary>
public sealed class ParserPropertyTests
{
    private const long Iterations = 20_000;

    /// <summary>
    /// Arbitrary text, date-shaped text, number-shaped text and the extremes of the calendar and of long.
    /// </summary>
    private static readonly Gen<string> Values = Gen.OneOf(
        Gen.String,
        Gen.String["0123456789-T:Z+. "],
        Gen.String["0123456789.-+eE,"],
        Gen.Int[0, 9999].Select(Gen.Int[0, 13], Gen.Int[0, 32], Gen.Int[0, 24], Gen.Int[-14, 14],
            (y, m, d, h, z) => $"{y:D4}-{m:D2}-{d:D2}T{h:D2}:59:59{(z < 0 ? "-" : "+")}{Math.Abs(z):D2}:00"),
        Gen.OneOf<string>("9999-12-31T23:59:59.9999999Z", "0001-01-01T00:00:00+14:00", "9223372036854775807",
            "92233720368547758.07", "0.000000000000000000001", "1" + new string('0', 40), "\uFEFF1", "1\u0000"));

    [Fact]
    public void ADateParsesToARealCalendarDayOrGivesAReason()
    {
        Values.Sample(text =>
        {
            if (FieldParser.TryParseDate(text, out var date, out var reason))
            {
                Assert.InRange(date, DateOnly.MinValue, DateOnly.MaxValue);
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(reason));
            }
        }, iter: Iterations);
    }

    [Fact]
    public void MoneyParsesToWholePaiseThatRoundTripOrGivesAReason()
    {
        Values.Sample(text =>
        {
            if (FieldParser.TryParseMoney(text, out var paise, out var reason))
            {
                // Nothing is rounded: the paise, written back with two decimals, are the same number as the text.
                Assert.True(paise >= 0);
                Assert.Equal(decimal.Parse(text.Trim().TrimStart('+'),
                    System.Globalization.CultureInfo.InvariantCulture), paise / 100m);
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(reason));
            }
        }, iter: Iterations);
    }

    [Fact]
    public void ACountParsesToAWholeNonNegativeNumberOrGivesAReason()
    {
        Values.Sample(text =>
        {
            if (FieldParser.TryParseCount(text, out var count, out var reason))
            {
                Assert.True(count >= 0);
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(reason));
            }
        }, iter: Iterations);
    }

    /// <summary>
    /// A tracking row whose date, orders, revenue and influencer are any value: accepted inside the domains, or a row
    /// error.
    /// </summary>
    [Fact]
    public void ATrackingRowIsAcceptedWithEveryValueInItsDomainOrRejectedWithARowError()
    {
        var field = Values.Select(v => v.Replace("\"", "\"\""));
        Gen.Select(field, field, field, field).Sample((date, orders, revenue, influencer) =>
        {
            var csv = "source,campaign,influencer_id,user_id,product,date,orders,revenue\n"
                + $"Instagram,C1,\"{influencer}\",U1,Whey,\"{date}\",\"{orders}\",\"{revenue}\"\n";

            var outcome = UploadValidator.Validate("tracking_data.csv", new MemoryStream(Encoding.UTF8.GetBytes(csv)),
                ValidationContext.None);

            if (outcome.Report.Accepted)
            {
                var sale = Assert.Single(outcome.Facts!.Sales);
                Assert.True(DateWindow.Default.Contains(sale.Date));
                Assert.InRange(sale.Orders, 0, ValueDomains.MaxOrders);
                Assert.InRange(sale.RevenuePaise, 0, ValueDomains.MaxMoneyPaise);
                Assert.DoesNotContain(sale.InfluencerId, c => char.IsControl(c) || c == '\uFEFF');
            }
            else
            {
                Assert.All(outcome.Report.Errors, e => Assert.True(e.Row >= 0 && e.Reason.Length > 0));
            }
        }, iter: 5_000);
    }

    /// <summary>
    /// Any parameters at all: a query whose dates lie in the window, or a 400 problem naming the parameter.
    /// </summary>
    [Fact]
    public void AQueryParsesWithDatesInTheWindowOrIsA400()
    {
        string[] known = [.. AnalyticsQueryParser.FilterParameters, "n", "granularity", "code", "_", "FROM"];
        var names = Gen.OneOf(Gen.OneOf(known), Gen.String);
        var pair = Gen.Select(names, Values.Array[0, 3]);
        pair.Array[0, 4].Sample(pairs =>
        {
            try
            {
                var query =
                    AnalyticsQueryParser.Parse(pairs.Select(p => KeyValuePair.Create(p.Item1, (string?[])p.Item2)),
                        ViewParameters.Count, ViewParameters.Granularity);
                Assert.True(query.From is null || DateWindow.Default.Contains(query.From.Value));
                Assert.True(query.To is null || DateWindow.Default.Contains(query.To.Value));
                Assert.True(query.From is null || query.To is null || query.From <= query.To);
                Assert.InRange(query.N, 1, 1000);
            }
            catch (ProblemException problem)
            {
                Assert.Equal(400, problem.Status);
                Assert.NotNull(problem.Parameter); // the name at fault, which may be the empty name "=x" gives
            }
        }, iter: Iterations);
    }
}
