namespace HealthKart.Core.Analytics.Planning;

/// <summary>
/// The k-th smallest of a set of numbers without sorting it (Hoare's selection): linear time on average, where a
/// quantile of the plan's thousand draws was a sort per curve point.
/// </summary>
internal static class OrderStatistics
{
    /// <summary>
    /// The value that would be at index <paramref name="k"/> if <paramref name="values"/> were sorted ascending. The
    /// array is reordered around it (everything before index k is at most it, everything after at least it).
    /// </summary>
    public static double Select(double[] values, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, values.Length);
        var (low, high) = (0, values.Length - 1);
        while (low < high)
        {
            var pivot = values[low + (high - low) / 2];
            var (i, j) = (low, high);
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                high = j;
            }
            else if (k >= i)
            {
                low = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }
}
