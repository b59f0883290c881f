namespace HealthKart.Core.Analytics;

/// <summary>
/// Net sales as parallel primitive arrays (one entry per fact): 38 bytes a fact, scanned without indirection.
/// <see cref="Day"/> is a <see cref="DateOnly.DayNumber"/>; dimensions are <see cref="DimensionPool"/> ids, the
/// platform's in two bytes (<see cref="Snapshot.MaxPlatforms"/>).
/// </summary>
public sealed class SalesColumns(int capacity)
{
    public int Count { get; internal set; }
    public int[] Day { get; private set; } = ColumnMemory.Allocate<int>(capacity);
    public int[] Influencer { get; private set; } = ColumnMemory.Allocate<int>(capacity);
    public int[] Campaign { get; private set; } = ColumnMemory.Allocate<int>(capacity);
    public int[] Product { get; private set; } = ColumnMemory.Allocate<int>(capacity);
    public int[] Brand { get; private set; } = ColumnMemory.Allocate<int>(capacity);
    public ushort[] Platform { get; private set; } = ColumnMemory.Allocate<ushort>(capacity);
    public int[] Orders { get; private set; } = ColumnMemory.Allocate<int>(capacity);
    public long[] Revenue { get; private set; } = ColumnMemory.Allocate<long>(capacity);

    /// <summary>
    /// Net orders of the fact's rows whose customer first bought on an earlier day (filled by the customer ledger).
    /// </summary>
    public int[] ReturningOrders { get; private set; } = ColumnMemory.Allocate<int>(capacity);

    public void Add(int day, int influencer, int campaign, int product, int brand, int platform, long orders,
        long revenue)
    {
        var i = Count++;
        Day[i] = day;
        Influencer[i] = influencer;
        Campaign[i] = campaign;
        Product[i] = product;
        Brand[i] = brand;
        Platform[i] = checked((ushort)platform);
        Orders[i] = checked((int)orders);
        Revenue[i] = revenue;
    }

    /// <summary>Puts the facts in the given order (<see cref="DayOrder"/>).</summary>
    internal void Reorder(int[] order)
    {
        _days = null;
        (Day, Influencer, Campaign, Product, Brand, Platform) =
            (DayOrder.Reordered(Day, order), DayOrder.Reordered(Influencer, order),
            DayOrder.Reordered(Campaign, order), DayOrder.Reordered(Product, order), DayOrder.Reordered(Brand, order),
            DayOrder.Reordered(Platform, order));
        (Orders, Revenue, ReturningOrders) = (DayOrder.Reordered(Orders, order), DayOrder.Reordered(Revenue, order),
            DayOrder.Reordered(ReturningOrders, order));
    }

    private DayIndex? _days;

    /// <summary>
    /// Where each day starts, derived from <see cref="Day"/> once the column is complete (null if unsorted).
    /// </summary>
    internal DayIndex? Days => _days ??= DayIndex.Of(Day, Count);
}

/// <summary>Posting activity per day x influencer x platform x campaign x product: 38 bytes a fact.</summary>
public sealed class PostColumns(int capacity)
{
    public int Count { get; internal set; }
    public int[] Day { get; private set; } = ColumnMemory.Allocate<int>(capacity);
    public int[] Influencer { get; private set; } = ColumnMemory.Allocate<int>(capacity);
    public ushort[] Platform { get; private set; } = ColumnMemory.Allocate<ushort>(capacity);
    public int[] Campaign { get; private set; } = ColumnMemory.Allocate<int>(capacity);
    public int[] Product { get; private set; } = ColumnMemory.Allocate<int>(capacity);
    public int[] Posts { get; private set; } = ColumnMemory.Allocate<int>(capacity);
    public long[] Reach { get; private set; } = ColumnMemory.Allocate<long>(capacity);
    public long[] Engagements { get; private set; } = ColumnMemory.Allocate<long>(capacity);

    public void Add(int day, int influencer, int platform, int campaign, int product, int posts, long reach,
        long engagements)
    {
        var i = Count++;
        Day[i] = day;
        Influencer[i] = influencer;
        Platform[i] = checked((ushort)platform);
        Campaign[i] = campaign;
        Product[i] = product;
        Posts[i] = posts;
        Reach[i] = reach;
        Engagements[i] = engagements;
    }

    /// <summary>Puts the facts in the given order (<see cref="DayOrder"/>).</summary>
    internal void Reorder(int[] order)
    {
        _days = null;
        (Day, Influencer, Platform, Campaign, Product) =
            (DayOrder.Reordered(Day, order), DayOrder.Reordered(Influencer, order),
            DayOrder.Reordered(Platform, order), DayOrder.Reordered(Campaign, order),
            DayOrder.Reordered(Product, order));
        (Posts, Reach, Engagements) = (DayOrder.Reordered(Posts, order), DayOrder.Reordered(Reach, order),
            DayOrder.Reordered(Engagements, order));
    }

    private DayIndex? _days;

    /// <summary>
    /// Where each day starts, derived from <see cref="Day"/> once the column is complete (null if unsorted).
    /// </summary>
    internal DayIndex? Days => _days ??= DayIndex.Of(Day, Count);
}

/// <summary>
/// Spend after allocation (docs/metrics.md#spend-allocation), in paise, on the dimensions it landed on (30 bytes a
/// fact). <see cref="Undated"/> marks spend with nothing to spread over: it counts when no date filter is set.
/// </summary>
public sealed class SpendColumns(int capacity)
{
    public const int Undated = int.MinValue;

    public int Count { get; internal set; }
    public int[] Day { get; private set; } = ColumnMemory.Allocate<int>(capacity);
    public int[] Influencer { get; private set; } = ColumnMemory.Allocate<int>(capacity);
    public int[] Campaign { get; private set; } = ColumnMemory.Allocate<int>(capacity);
    public int[] Product { get; private set; } = ColumnMemory.Allocate<int>(capacity);
    public int[] Brand { get; private set; } = ColumnMemory.Allocate<int>(capacity);
    public ushort[] Platform { get; private set; } = ColumnMemory.Allocate<ushort>(capacity);
    public long[] Amount { get; private set; } = ColumnMemory.Allocate<long>(capacity);

    public void Add(int day, int influencer, int campaign, int product, int brand, int platform, long amount)
    {
        if (Count == Day.Length)
        {
            Grow();
        }

        var i = Count++;
        Day[i] = day;
        Influencer[i] = influencer;
        Campaign[i] = campaign;
        Product[i] = product;
        Brand[i] = brand;
        Platform[i] = checked((ushort)platform);
        Amount[i] = amount;
    }

    /// <summary>Puts the facts in the given order (<see cref="DayOrder"/>): undated spend first, then by day.</summary>
    internal void Reorder(int[] order)
    {
        _days = null;
        (Day, Influencer, Campaign, Product) = (DayOrder.Reordered(Day, order), DayOrder.Reordered(Influencer, order),
            DayOrder.Reordered(Campaign, order), DayOrder.Reordered(Product, order));
        (Brand, Platform, Amount) = (DayOrder.Reordered(Brand, order), DayOrder.Reordered(Platform, order),
            DayOrder.Reordered(Amount, order));
    }

    private DayIndex? _days;

    /// <summary>
    /// Where each day starts, derived from <see cref="Day"/> once the column is complete (null if unsorted).
    /// </summary>
    internal DayIndex? Days => _days ??= DayIndex.Of(Day, Count);

    private void Grow()
    {
        var size = Math.Max(16, Day.Length * 2);
        Day = Resize(Day, size);
        Influencer = Resize(Influencer, size);
        Campaign = Resize(Campaign, size);
        Product = Resize(Product, size);
        Brand = Resize(Brand, size);
        Platform = Resize(Platform, size);
        Amount = Resize(Amount, size);
    }

    private static T[] Resize<T>(T[] array, int size)
    {
        Array.Resize(ref array, size);
        return array;
    }
}
