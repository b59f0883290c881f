using System.Globalization;
using System.Text;

namespace HealthKart.Integration.Tests.Dashboard;

/// <summary>
/// What a dashboard figure should read, worked out here independently of the page's JavaScript: INR with Indian digit
/// grouping (the last three digits, then pairs: ₹1,23,45,678), rounded half away from zero as Intl does.
/// </summary>
internal static class IndianFormat
{
    public static string Money(decimal? value) => value is { } v ? Money(v) : "—";

    public static string Money(decimal value) => (value < 0 ? "-" : "") + "₹" + Grouped(Math.Abs(value), 0);

    public static string Count(decimal value) => Grouped(value, 0);

    public static string Percent(decimal? value) => value is null ? "—" : Signed(value.Value, 1) + "%";

    public static string Ratio(decimal? value) => value is null ? "—" : Signed(value.Value, 2) + "×";

    private static string Signed(decimal value, int decimals) => (value < 0 ? "-" : "")
        + Grouped(Math.Abs(value), decimals);

    private static string Grouped(decimal value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        var text = rounded.ToString("F" + decimals, CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? "" : text[dot..];
        if (whole.Length <= 3)
        {
            return whole + fraction;
        }

        var head = whole[..^3];
        var grouped = new StringBuilder();
        for (var i = 0; i < head.Length; i++)
        {
            if (i > 0 && (head.Length - i) % 2 == 0)
            {
                grouped.Append(',');
            }

            grouped.Append(head[i]);
        }

        return grouped + "," + whole[^3..] + fraction;
    }
}
