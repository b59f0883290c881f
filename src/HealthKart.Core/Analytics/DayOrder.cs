namespace HealthKart.Core.Analytics;

/// <summary>
/// Facts sorted by day, so a date window is a range of indices rather than a scan. The snapshot stores every fact
/// column in day order (<see cref="SnapshotBuilder"/>); a <see cref="DayIndex"/> is derived from the day column alone.
/// </summary>
public static class DayOrder
{
    /// <summary>
    /// The stable order that sorts a day column (undated spend first), as <c>order[new position] = old index</c>; null
    /// when the column is sorted already. A counting sort: days are a small range (the business date window,
    /// docs/reliability.md).
    /// </summary>
    public static int[]? Of(int[] days, int count)
    {
        if (IsSorted(days, count))
        {
            return null;
        }

        var (first, last) = (int.MaxValue, int.MinValue);
        for (var i = 0; i < count; i++)
        {
            if (days[i] != SpendColumns.Undated)
            {
                (first, last) = (Math.Min(first, days[i]), Math.Max(last, days[i]));
            }
        }

        // Bucket 0 holds undated facts; bucket d - first + 1 the facts of day d.
        return CountingSort.By(count, last - first + 2, i => Bucket(days[i], first)).Order;
    }

    /// <summary>Where each old index went: the inverse of <see cref="Of"/>'s order.</summary>
    public static int[] Moves(int[] order)
    {
        var moves = new int[order.Length];
        for (var k = 0; k < order.Length; k++)
        {
            moves[order[k]] = k;
        }

        return moves;
    }

    public static bool IsSorted(int[] days, int count)
    {
        for (var i = 1; i < count; i++)
        {
            if (days[i] < days[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A column's first <paramref name="order"/>.Length entries in the given order (capacity kept).</summary>
    internal static T[] Reordered<T>(T[] column, int[] order)
    {
        var reordered = new T[column.Length];
        for (var k = 0; k < order.Length; k++)
        {
            reordered[k] = column[order[k]];
        }

        return reordered;
    }

    private static int Bucket(int day, int first) => day == SpendColumns.Undated ? 0 : day - first + 1;
}

/// <summary>
/// Where each day's facts start in a day-sorted column, built from the column in one pass (nothing to store): a date
/// window is two lookups. A column that is not sorted (a snapshot from an older layout) gets no index, and a selection
/// then tests each fact's day instead.
/// </summary>
public sealed class DayIndex
{
    private readonly int _first;
    private readonly int[] _starts;

    private DayIndex(int count, int dated, int first, int[] starts)
    {
        Count = count;
        Dated = dated;
        _first = first;
        _starts = starts;
    }

    /// <summary>Facts in the column.</summary>
    public int Count { get; }

    /// <summary>Index of the first dated fact: undated spend sorts before every day.</summary>
    public int Dated { get; }

    /// <summary>The index of a day-sorted column, or null when the column is not sorted.</summary>
    public static DayIndex? Of(int[] days, int count)
    {
        if (!DayOrder.IsSorted(days, count))
        {
            return null;
        }

        var dated = 0;
        while (dated < count && days[dated] == SpendColumns.Undated)
        {
            dated++;
        }

        if (dated == count)
        {
            return new DayIndex(count, dated, 0, [count]);
        }

        var first = days[dated];
        var starts = new int[days[count - 1] - first + 2];
        var i = dated;
        for (var d = 0; d < starts.Length; d++)
        {
            while (i < count && days[i] < first + d)
            {
                i++;
            }

            starts[d] = i;
        }

        return new DayIndex(count, dated, first, starts);
    }

    /// <summary>
    /// The indices [Start, End) of the dated facts from <paramref name="from"/> to <paramref name="to"/> inclusive.
    /// </summary>
    public (int Start, int End) Range(int from, int to) =>
        from > to ? (Dated, Dated) : (StartOf(from), StartOf((long)to + 1));

    private int StartOf(long day) =>
        day <= _first ? Dated : day - _first >= _starts.Length ? Count : _starts[day - _first];
}
