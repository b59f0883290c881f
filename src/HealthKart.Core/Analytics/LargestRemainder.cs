namespace HealthKart.Core.Analytics;

/// <summary>
/// Splits an amount in paise over weights so the shares add up to the amount exactly: each share is rounded down, and
/// the paise left over go one each to the largest remainders (ties to the earlier target, so results are
/// deterministic).
/// </summary>
public static class LargestRemainder
{
    public static long[] Split(long amount, IReadOnlyList<long> weights)
    {
        var shares = new long[weights.Count];
        Int128 total = 0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        if (total <= 0)
        {
            throw new ArgumentException("Weights must add up to more than zero.", nameof(weights));
        }

        var remainders = new Int128[weights.Count];
        long assigned = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (Int128)amount * weights[i];
            shares[i] = (long)(exact / total);
            remainders[i] = exact % total;
            assigned += shares[i];
        }

        var left = amount - assigned;
        if (left > 0)
        {
            var order = Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i);
            foreach (var i in order.Take((int)left))
            {
                shares[i]++;
            }
        }

        return shares;
    }
}
