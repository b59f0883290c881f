using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealthKart.Core.Validation;

namespace HealthKart.Core.Summary;

/// <summary>
/// An ISO 8601 week (<c>2025-W27</c>): Monday to Sunday on the IST calendar, the data's calendar. The weekly summary
/// covers one, and its ledger entity and Message-ID are named after it.
/// </summary>
[JsonConverter(typeof(IsoWeekJsonConverter))]
public readonly record struct IsoWeek
{
    public IsoWeek(int year, int week)
    {
        if (year is < 1 or > 9998 || week < 1 || week > ISOWeek.GetWeeksInYear(year))
        {
            throw new ArgumentOutOfRangeException(nameof(week), $"{year} has no ISO week {week}.");
        }

        (Year, Week) = (year, week);
    }

    public int Year { get; }
    public int Week { get; }

    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));
    public DateOnly Sunday => Monday.AddDays(6);
    public IsoWeek Previous => Of(Monday.AddDays(-7));

    public static IsoWeek Of(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(date), ISOWeek.GetWeekOfYear(date));
    }

    /// <summary>
    /// The last week that has ended by <paramref name="today"/> (IST): on any day of this week, last week.
    /// </summary>
    public static IsoWeek LastComplete(DateOnly today) => Of(today).Previous;

    /// <summary>
    /// Whether an instant falls in this week on the IST calendar (Monday 00:00 IST up to the next Monday).
    /// </summary>
    public bool Contains(DateTimeOffset instant)
    {
        var day = DateOnly.FromDateTime(instant.ToOffset(FieldParser.Ist).DateTime);
        return day >= Monday && day <= Sunday;
    }

    /// <summary>
    /// Monday 00:00 IST, for a week of the accepted dates (year 1's first Monday, in IST, is before what a
    /// <see cref="DateTimeOffset"/> holds).
    /// </summary>
    public DateTimeOffset Start => new(Monday.ToDateTime(TimeOnly.MinValue), FieldParser.Ist);

    /// <summary>The next Monday 00:00 IST: the first instant after the week.</summary>
    public DateTimeOffset End => Start.AddDays(7);

    /// <summary>
    /// Parses <c>2025-W27</c> (case-insensitive <c>W</c>, two-digit week). Year 9999 is refused: its last week ends
    /// after the calendar does, and the summary also reads the week after.
    /// </summary>
    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        if (text is not { Length: 8 } || text[4] != '-' || text[5] is not ('W' or 'w')
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year is < 1 or > 9998 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        week = new IsoWeek(year, number);
        return true;
    }

    public override string ToString() => $"{Year:D4}-W{Week:D2}";
}

internal sealed class IsoWeekJsonConverter : JsonConverter<IsoWeek>
{
    public override IsoWeek Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IsoWeek.TryParse(reader.GetString(), out var week)
        ? week : throw new JsonException("Expected an ISO week such as 2025-W27.");

    public override void Write(Utf8JsonWriter writer, IsoWeek value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
