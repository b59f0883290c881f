namespace HealthKart.Core.Analytics;

/// <summary>
/// A stable counting sort of items 0..count-1 into a small number of buckets (days, facts, influencers): linear time,
/// and items of one bucket keep their order.
/// </summary>
internal static class CountingSort
{
    /// <summary>
    /// <c>Order[new position] = item</c>, and where each bucket starts: bucket b holds
    /// <c>Order[Starts[b]]</c> to <c>Order[Starts[b + 1] - 1]</c>.
    /// </summary>
    public static (int[] Order, int[] Starts) By(int count, int buckets, Func<int, int> bucketOf)
    {
        var starts = new int[buckets + 1];
        for (var i = 0; i < count; i++)
        {
            starts[bucketOf(i) + 1]++;
        }

        for (var b = 1; b < starts.Length; b++)
        {
            starts[b] += starts[b - 1];
        }

        var next = starts[..^1];
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[next[bucketOf(i)]++] = i;
        }

        return (order, starts);
    }
}
