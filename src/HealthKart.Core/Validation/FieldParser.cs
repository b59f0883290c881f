using System.Buffers;

namespace HealthKart.Core.Validation;

/// <summary>
/// Strict parsing of CSV values: ISO dates, whole counts and INR amounts with '.' as decimal separator. Anything else
/// is an error with a reason, never a guess (no thousands separators, exponents, NaN, or locale formats).
/// </summary>
public static class FieldParser
{
    private static readonly SearchValues<char> DecimalDigits = SearchValues.Create("0123456789");
    private static readonly SearchValues<char> DigitsAndPoint = SearchValues.Create("0123456789.");

    /// <summary>
    /// India Standard Time is a fixed UTC+05:30 with no daylight saving, so no time-zone database is needed.
    /// </summary>
    public static readonly TimeSpan Ist = new(5, 30, 0);

    private const int MaxIntegerDigits = 15;

    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date, out string? reason)
    {
        text = text.Trim();
        date = default;
        reason = null;
        if (text.Length == 10 && IsIsoDateShape(text))
        {
            var (year, month, day) = (Digits(text[..4]), Digits(text[5..7]), Digits(text[8..10]));
            // The year is checked first: DaysInMonth throws for year
            // 0, and an exception here would fail the whole upload.
            if (year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                date = new DateOnly(year, month, day);
                return true;
            }

            reason = "not a real calendar date";
            return false;
        }

        if (text.Length > 10 && IsIsoDateShape(text[..10]) && text[10] is 'T' or ' ')
        {
            return TryParseIsoDateTime(text, out date, out reason);
        }

        reason = "not a date in yyyy-MM-dd format (ISO 8601)";
        return false;
    }

    /// <summary>A date-time counts on the IST calendar: 2025-07-01T20:00:00Z is 2 July in India.</summary>
    private static bool TryParseIsoDateTime(ReadOnlySpan<char> text, out DateOnly date, out string? reason)
    {
        date = default;
        reason = null;
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var styles = System.Globalization.DateTimeStyles.AllowWhiteSpaces;

        // RoundtripKind leaves a time without any zone Unspecified; it is already Indian wall-clock time. Any zone
        // (Z, +05:30, +0530, +05) is placed on the IST calendar explicitly: DateTime.TryParse alone would convert it
        // to the server's local time zone, so the date would depend on where the code runs.
        if (!DateTime.TryParse(text, culture, styles | System.Globalization.DateTimeStyles.RoundtripKind,
            out var parsed))
        {
            reason = "not an ISO 8601 date-time";
            return false;
        }

        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            date = DateOnly.FromDateTime(parsed);
            return true;
        }

        if (!DateTimeOffset.TryParse(text, culture, styles, out var instant))
        {
            reason = "not an ISO 8601 date-time";
            return false;
        }

        // 9999-12-31T23:00:00Z is already 1 January of year 10000 in India: outside the calendar, a row error
        // (converting it threw, and an exception here failed the whole upload instead of naming its row).
        if (instant.UtcDateTime > DateTime.MaxValue - Ist)
        {
            reason = "falls after 9999-12-31 on the IST calendar";
            return false;
        }

        date = DateOnly.FromDateTime(instant.ToOffset(Ist).DateTime);
        return true;
    }

    private static bool IsIsoDateShape(ReadOnlySpan<char> text) =>
        text[4] == '-' && text[7] == '-'
        && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2])
        && char.IsAsciiDigit(text[3])
        && char.IsAsciiDigit(text[5]) && char.IsAsciiDigit(text[6]) && char.IsAsciiDigit(text[8])
        && char.IsAsciiDigit(text[9]);

    private static int Digits(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = value * 10 + (c - '0');
        }

        return value;
    }

    /// <summary>
    /// A whole, non-negative count such as reach or orders. "12.0" is accepted (spreadsheets write it), "12.5" is not.
    /// </summary>
    public static bool TryParseCount(ReadOnlySpan<char> text, out long count, out string? reason)
    {
        if (!TryParseDecimal(text, out var whole, out var fraction, out _, out reason, out var extraDigits))
        {
            count = 0;
            return false;
        }

        if (fraction != 0 || extraDigits)
        {
            count = 0;
            reason = "not a whole number";
            return false;
        }

        count = whole;
        return true;
    }

    /// <summary>
    /// A non-negative INR amount in paise. More than two decimals are an error, not rounded (100.005 is not an amount
    /// of money); zeros past the paise (100.500) lose nothing and are accepted. Amounts are stored as whole paise so
    /// every total and breakdown adds up exactly.
    /// </summary>
    public static bool TryParseMoney(ReadOnlySpan<char> text, out long paise, out string? reason)
    {
        paise = 0;
        if (!TryParseDecimal(text, out var whole, out var fraction, out var fractionDigits, out reason,
            out var extraDigits))
        {
            return false;
        }

        if (whole > long.MaxValue / 100 - 1)
        {
            reason = "amount too large";
            return false;
        }

        // fraction holds up to 18 digits of the decimal part; past the paise only zeros are allowed.
        long scaled;
        if (fractionDigits <= 2)
        {
            scaled = fraction * (fractionDigits == 0 ? 100 : fractionDigits == 1 ? 10 : 1);
        }
        else
        {
            var divisor = Pow10(fractionDigits - 2);
            if (fraction % divisor != 0 || extraDigits)
            {
                reason = "has more than two decimals; amounts are in rupees and paise and are not rounded";
                return false;
            }

            scaled = fraction / divisor;
        }

        paise = whole * 100 + scaled;
        return true;
    }

    private static long Pow10(int exponent)
    {
        var value = 1L;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }

    /// <summary>
    /// <paramref name="extraDigits"/>: a non-zero digit beyond the 18 decimals <paramref name="fraction"/> holds.
    /// </summary>
    private static bool TryParseDecimal(
        ReadOnlySpan<char> text, out long whole, out long fraction, out int fractionDigits, out string? reason,
        out bool extraDigits)
    {
        text = text.Trim();
        whole = fraction = 0;
        fractionDigits = 0;
        reason = null;
        extraDigits = false;
        if (text.IsEmpty)
        {
            reason = "empty; a number is required";
            return false;
        }

        if (text[0] == '-')
        {
            reason = IsPlainNumber(text[1..]) ? "negative; must be zero or more" : "not a number";
            return false;
        }

        if (text[0] == '+')
        {
            text = text[1..];
        }

        var integerDigits = 0;
        var seenPoint = false;
        foreach (var c in text)
        {
            if (c == '.' && !seenPoint)
            {
                seenPoint = true;
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                reason = Diagnose(text);
                return false;
            }

            if (!seenPoint)
            {
                if (++integerDigits > MaxIntegerDigits)
                {
                    reason = "number too large";
                    return false;
                }

                whole = whole * 10 + (c - '0');
            }
            else if (fractionDigits < 18)
            {
                fraction = fraction * 10 + (c - '0');
                fractionDigits++;
            }
            else
            {
                extraDigits |= c != '0';
            }
        }

        if (integerDigits == 0 && fractionDigits == 0)
        {
            reason = "not a number";
            return false;
        }

        return true;
    }

    private static bool IsPlainNumber(ReadOnlySpan<char> text) =>
        !text.IsEmpty && text.IndexOfAnyExcept(DigitsAndPoint) < 0 && text.Count('.') <= 1;

    private static string Diagnose(ReadOnlySpan<char> text)
    {
        if (text.Contains(','))
        {
            return "contains ',': write numbers without thousands separators, with '.' for decimals";
        }

        if (IsExponentNotation(text))
        {
            return "exponent notation is not accepted; write the number in full";
        }

        return text.Contains(' ') ? "contains a space; write a plain number" : "not a number";
    }

    /// <summary>
    /// 1e5, 1.5E+3, 2e-4: a mantissa, an 'e' and whole exponent digits. Words with an 'e' ("free") are not.
    /// </summary>
    private static bool IsExponentNotation(ReadOnlySpan<char> text)
    {
        var e = text.IndexOfAny('e', 'E');
        if (e <= 0 || !IsPlainNumber(text[..e]))
        {
            return false;
        }

        var exponent = text[(e + 1)..];
        if (!exponent.IsEmpty && exponent[0] is '+' or '-')
        {
            exponent = exponent[1..];
        }

        return !exponent.IsEmpty && exponent.IndexOfAnyExcept(DecimalDigits) < 0;
    }
}
