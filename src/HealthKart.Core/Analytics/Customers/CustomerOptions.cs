namespace HealthKart.Core.Analytics.Customers;

/// <summary>The windows of the customer figures (docs/customers.md); bound from <c>Customers</c>.</summary>
public sealed record CustomerOptions
{
    public const string Section = "Customers";

    /// <summary>
    /// A customer whose first purchase in the data falls within this many days of the tracking data's first day is
    /// "existing or unknown", not new: they may well have bought before the data begins.
    /// </summary>
    public int HistoryDays { get; init; } = 30;

    /// <summary>
    /// Whether a customer first seen on <paramref name="firstDay"/> counts as new, in data whose tracking starts on
    /// <paramref name="dataFirstDay"/> (both <see cref="DateOnly.DayNumber"/>s): not within <see cref="HistoryDays"/>.
    /// </summary>
    public bool IsNew(int firstDay, int dataFirstDay) => firstDay - dataFirstDay >= HistoryDays;

    /// <summary>Follow-on revenue counts a new customer's purchases 1 to this many days after their first.</summary>
    public int FollowOnDays { get; init; } = 90;
}
