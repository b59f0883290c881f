namespace HealthKart.Core.Validation;

/// <summary>
/// The dates this business can have (setting <c>Dates:First</c> / <c>Dates:Last</c>, default 2000-01-01 to 2099-12-31).
/// A file's dates and a request's <c>from</c>/<c>to</c> must lie inside it: one row dated in year 1 or 9999 would
/// otherwise make every unfiltered daily view span eight thousand years (docs/reliability.md, "Bounds").
/// </summary>
public sealed record DateWindow
{
    public const string Section = "Dates";

    public static readonly DateWindow Default = new();

    public DateOnly First { get; init; } = new(2000, 1, 1);
    public DateOnly Last { get; init; } = new(2099, 12, 31);

    public bool Contains(DateOnly date) => date >= First && date <= Last;

    /// <summary>The reason given for a date outside the window, naming the window.</summary>
    public string OutsideReason => $"outside the accepted dates {IndianText.Date(First)} to {IndianText.Date(Last)}";
}
