using HealthKart.Core.Validation;


namespace HealthKart.Core;

/// <summary>
/// The data's calendar is India's (IST, UTC+05:30 all year): "today" for maturity and weeks is IST's today.
/// </summary>
public static class IndiaTime
{
    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(FieldParser.Ist).DateTime);

    /// <summary>The last complete day in India: where a sample that looks alive ends.</summary>
    public static DateOnly Yesterday(TimeProvider clock) => Today(clock).AddDays(-1);
}
