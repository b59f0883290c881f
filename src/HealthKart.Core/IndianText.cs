using System.Globalization;
using HealthKart.Core.Money;
using HealthKart.Core.Validation;

namespace HealthKart.Core;

/// <summary>
/// Dates and numbers as people in India read them, in every message, ledger entry, CLI table and e-mail: one date form
/// (<c>1 Jun 2025</c>, never 06/01/2025, which reads as 6 January) and lakh/crore grouping (<c>12,34,567</c>). Machines
/// get ISO dates (<c>2025-06-01</c>) instead, in JSON, CSV cells and file names; rupees are <see cref="Inr"/>.
/// </summary>
public static class IndianText
{
    /// <summary>1 Jun 2025.</summary>
    public static string Date(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// "1 Jun 2025 to 29 Aug 2025", one end alone when the other is unknown, and "no dates" when both are.
    /// </summary>
    public static string Dates(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        ({ } f, { } t) when f == t => Date(f),
        ({ } f, { } t) => $"{Date(f)} to {Date(t)}",
        ({ } f, null) => $"from {Date(f)}",
        (null, { } t) => $"to {Date(t)}",
        _ => "no dates",
    };

    /// <summary>An instant on the IST clock: 7 Jul 2025, 08:00 IST.</summary>
    public static string IndiaClock(DateTimeOffset instant) =>
        instant.ToOffset(FieldParser.Ist).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " IST";

    /// <summary>A whole number with Indian grouping: 12,34,567.</summary>
    public static string Count(long value) => (value < 0 ? "-" : "")
        + Inr.GroupIndian(Math.Abs(value).ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// A count with its noun, singular for exactly one: "1 influencer", "12,34,567 rows". Never "influencer(s)": the
    /// sentence knows its number.
    /// </summary>
    public static string Count(long value, string noun, string? plural = null) =>
        $"{Count(value)} {(value == 1 ? noun : plural ?? noun + "s")}";

    /// <summary>A number with Indian grouping and a fixed number of decimals: 12,34,567.8.</summary>
    public static string Number(decimal value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        var text = Math.Abs(rounded).ToString("F" + decimals, CultureInfo.InvariantCulture);
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        return (rounded < 0 ? "-" : "") + Inr.GroupIndian(whole) + (point < 0 ? "" : text[point..]);
    }
}
