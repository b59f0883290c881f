namespace HealthKart.Core.Analytics.Customers;

/// <summary>
/// One entry per customer with a first purchase, as parallel arrays (29 bytes a customer). <see cref="Sale"/> is the
/// acquiring row's fact: an index into the snapshot's sales when an influencer is credited with it, or the bitwise
/// complement (<c>~i</c>, negative) of an index into the organic sales. That fact carries the row's date (the first
/// purchase date) and its campaign, product, brand and platform, so filters select customers as they select sales.
/// A built snapshot keeps its customers in acquiring-fact order (<see cref="SortByAcquiringFact"/>), which is what
/// lets the snapshot blob store who acquired them as a count per fact (docs/snapshot.md#the-customer-section).
/// </summary>
public sealed class CustomerColumns(int capacity)
{
    /// <summary>No purchase after the first one in the data.</summary>
    public const int NeverAgain = int.MaxValue;

    public int Count { get; internal set; }
    public int[] Sale { get; private set; } = ColumnMemory.Allocate<int>(capacity);

    /// <summary>First purchase date (<see cref="DateOnly.DayNumber"/>), the acquiring fact's day.</summary>
    public int[] FirstDay { get; private set; } = ColumnMemory.Allocate<int>(capacity);

    /// <summary>
    /// False for "existing or unknown": first seen within the history window at the start of the data
    /// (<see cref="CustomerOptions.IsNew"/>).
    /// </summary>
    public bool[] New { get; private set; } = ColumnMemory.Allocate<bool>(capacity);

    /// <summary>Net revenue of the acquiring row, paise.</summary>
    public long[] Revenue { get; private set; } = ColumnMemory.Allocate<long>(capacity);

    /// <summary>
    /// Net revenue (any source) of the customer's rows 1 to FollowOnDays days after the first purchase, paise.
    /// </summary>
    public long[] FollowOn { get; private set; } = ColumnMemory.Allocate<long>(capacity);

    /// <summary>
    /// Days from the first purchase to the next day with a purchase (1 or more), or <see cref="NeverAgain"/>.
    /// </summary>
    public int[] RepeatGap { get; private set; } = ColumnMemory.Allocate<int>(capacity);

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

    /// <summary>
    /// Where a customer's acquiring fact falls in acquiring-fact order: the sales facts in index order, then the
    /// organic ones (<c>~i</c> at <paramref name="sales"/> + i).
    /// </summary>
    public static int AcquiringPosition(int sale, int sales) => sale >= 0 ? sale : sales + ~sale;

    /// <summary>
    /// Puts the customers in acquiring-fact order (<see cref="AcquiringPosition"/>), keeping the order of customers of
    /// one fact: a stable counting sort over the facts.
    /// </summary>
    internal void SortByAcquiringFact(int sales, int organic)
    {
        var (order, _) = CountingSort.By(Count, sales + organic, i => AcquiringPosition(Sale[i], sales));
        (Sale, FirstDay, New) = (DayOrder.Reordered(Sale, order), DayOrder.Reordered(FirstDay, order),
            DayOrder.Reordered(New, order));
        (Revenue, FollowOn, RepeatGap) = (DayOrder.Reordered(Revenue, order), DayOrder.Reordered(FollowOn, order),
            DayOrder.Reordered(RepeatGap, order));
    }

    /// <summary>Whether the customers are in acquiring-fact order (what the snapshot blob relies on).</summary>
    internal bool InAcquiringFactOrder(int sales)
    {
        for (var i = 1; i < Count; i++)
        {
            if (AcquiringPosition(Sale[i], sales) < AcquiringPosition(Sale[i - 1], sales))
            {
                return false;
            }
        }

        return true;
    }
}
