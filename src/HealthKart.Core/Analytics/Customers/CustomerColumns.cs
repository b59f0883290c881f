namespace HealthKart.Core.Analytics.Customers;

/// <summary>
/// One entry per customer with a first purchase, as parallel arrays (29 bytes a customer). <see cref="Sale"/> is the
/// acquiring row's fact: an index into the snapshot's sales when an influencer is credited with it, or the bitwise
/// complement (<c>~i</c>, negative) of an index into the organic sales. That fact carries the row's date (the first
/// purchase date) and its campaign, product, brand and platform, so filters select customers as they select sales.
/// </summary>
public sealed class CustomerColumns(int capacity)
{
    /// <summary>No purchase after the first one in the data.</summary>
    public const int NeverAgain = int.MaxValue;

    public int Count { get; internal set; }
    public int[] Sale { get; } = new int[capacity];

    /// <summary>First purchase date (<see cref="DateOnly.DayNumber"/>), the acquiring fact's day.</summary>
    public int[] FirstDay { get; } = new int[capacity];

    /// <summary>False for "existing or unknown": first seen within the history window at the start of the data.</summary>
    public bool[] New { get; } = new bool[capacity];

    /// <summary>Net revenue of the acquiring row, paise.</summary>
    public long[] Revenue { get; } = new long[capacity];

    /// <summary>Net revenue (any source) of the customer's rows 1 to FollowOnDays days after the first purchase, paise.</summary>
    public long[] FollowOn { get; } = new long[capacity];

    /// <summary>Days from the first purchase to the next day with a purchase, or <see cref="NeverAgain"/>.</summary>
    public int[] RepeatGap { get; } = new int[capacity];

    public void Add(int sale, int firstDay, bool isNew, long revenue, long followOn, int repeatGap)
    {
        var i = Count++;
        Sale[i] = sale;
        FirstDay[i] = firstDay;
        New[i] = isNew;
        Revenue[i] = revenue;
        FollowOn[i] = followOn;
        RepeatGap[i] = repeatGap;
    }
}
