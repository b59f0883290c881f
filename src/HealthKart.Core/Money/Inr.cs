using System.Globalization;

namespace HealthKart.Core.Money;

/// <summary>Rupee amounts as Indians read them: ₹1,23,45,678.50 (lakh and crore grouping).</summary>
public static class Inr
{
    public static string Format(long paise) => Format(paise / 100m);

    public static string Format(decimal rupees, int decimals = 2)
    {
        var rounded = Math.Round(rupees, decimals, MidpointRounding.AwayFromZero);
        // The sign is taken after rounding, so -₹0.004 reads ₹0.00, not "-₹0.00".
        var negative = rounded < 0;
        var text = Math.Abs(rounded).ToString("F" + decimals, CultureInfo.InvariantCulture);
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? "" : text[point..];
        return (negative ? "-₹" : "₹") + GroupIndian(whole) + fraction;
    }

    /// <summary>
    /// Money in a sentence, where paise are noise: to the rupee below a lakh (₹96,210), else in lakh or crore words
    /// with three significant digits (₹9.55 lakh, ₹1.20 crore).
    /// </summary>
    public static string Prose(decimal rupees)
    {
        var magnitude = Math.Abs(rupees);
        var sign = rupees < 0 ? "-" : "";
        return magnitude >= 1_00_00_000m ? $"{sign}₹{Significant(magnitude / 1_00_00_000m)} crore"
            : magnitude >= 1_00_000m ? $"{sign}₹{Significant(magnitude / 1_00_000m)} lakh"
            : Format(rupees, 0);
    }

    private static string Significant(decimal value) =>
        value.ToString(value >= 100 ? "0" : value >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);

    /// <summary>Groups the last three digits, then every two: 12345678 becomes 1,23,45,678.</summary>
    public static string GroupIndian(string digits)
    {
        if (digits.Length <= 3)
        {
            return digits;
        }

        var head = digits[..^3];
        var groups = new List<string>();
        for (var end = head.Length; end > 0; end -= 2)
        {
            groups.Insert(0, head[Math.Max(0, end - 2)..end]);
        }

        return string.Join(',', groups) + "," + digits[^3..];
    }
}
