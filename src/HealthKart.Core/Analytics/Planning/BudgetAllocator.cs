namespace HealthKart.Core.Analytics.Planning;

/// <summary>
/// Splits spend over concave response curves within per-influencer bounds (docs/planner.md). Every influencer is taken
/// to the spend where their marginal incremental ROAS equals one common level (clamped to their bounds): with concave
/// curves that is the best split, as in Robyn's and Meridian's allocators. <c>max-response</c> finds the level at which
/// the split spends the budget exactly; <c>target-roas</c> uses the target as the level (or a higher one, when a budget
/// caps it). Amounts are in paise, and a fixed budget is met to the paisa.
/// </summary>
internal static class BudgetAllocator
{
    /// <returns>Proposed spend per curve, in paise, each within its bounds.</returns>
    public static long[] MaxResponse(IReadOnlyList<ResponseCurve> curves, long[] low, long[] high, long budget)
    {
        var level = LevelFor(curves, low, high, budget);
        var spend = At(curves, low, high, level);
        Fill(spend, curves, high, budget);
        return Round(spend, low, high, budget);
    }

    public static long[] TargetRoas(IReadOnlyList<ResponseCurve> curves, long[] low, long[] high, double target,
        long? cap)
    {
        var spend = At(curves, low, high, target);
        if (cap is { } budget && spend.Sum() > budget)
        {
            return MaxResponse(curves, low, high, budget);
        }

        return Round(spend, low, high, (long)Math.Round(spend.Sum()));
    }

    /// <summary>
    /// What the next rupee of a split returns: the highest marginal incremental ROAS among the curves whose spend
    /// (paise) is still below their upper bound; null when every one is at it. In <c>max-response</c> that is about the
    /// common level the split equalises, the return of the budget's last rupees.
    /// </summary>
    public static double? NextRupee(IReadOnlyList<ResponseCurve> curves, long[] spend, long[] high)
    {
        double? best = null;
        for (var i = 0; i < curves.Count; i++)
        {
            if (spend[i] < high[i])
            {
                best = Math.Max(best ?? 0, curves[i].Marginal(spend[i] / 100.0));
            }
        }

        return best;
    }

    /// <summary>Each curve's spend (paise) at a marginal level, clamped to its bounds.</summary>
    private static double[] At(IReadOnlyList<ResponseCurve> curves, long[] low, long[] high, double level)
    {
        var spend = new double[curves.Count];
        for (var i = 0; i < curves.Count; i++)
        {
            spend[i] = SpendAt(curves[i], curves[i].MarginalAtZero, low[i], high[i], level);
        }

        return spend;
    }

    private static double SpendAt(ResponseCurve curve, double atZero, long low, long high, double level) =>
        Math.Clamp(curve.SpendAtMarginal(atZero, level) * 100, low, high);

    /// <summary>
    /// The marginal level at which the clamped split spends the budget (bisection on its logarithm; each curve's
    /// marginal at zero is taken once, not at every step).
    /// </summary>
    private static double LevelFor(IReadOnlyList<ResponseCurve> curves, long[] low, long[] high, long budget)
    {
        var atZero = new double[curves.Count];
        for (var i = 0; i < curves.Count; i++)
        {
            atZero[i] = curves[i].MarginalAtZero;
        }

        double lo = -30, hi = 30;
        for (var iteration = 0; iteration < 200 && hi - lo > 1e-12; iteration++)
        {
            var mid = (lo + hi) / 2;
            var (level, spent) = (Math.Exp(mid), 0.0);
            for (var i = 0; i < curves.Count; i++)
            {
                spent += SpendAt(curves[i], atZero[i], low[i], high[i], level);
            }

            if (spent > budget)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return Math.Exp(hi);
    }

    /// <summary>
    /// Spend the data gives no reason to place (curves flat at zero stop at their lower bound) goes back toward current
    /// spend first, then into the remaining headroom, in proportion: moving it would change nothing measurable.
    /// </summary>
    private static void Fill(double[] spend, IReadOnlyList<ResponseCurve> curves, long[] high, long budget)
    {
        foreach (var room in new Func<int, double>[] { i => Math.Max(0, curves[i].Spend * 100 - spend[i]),
            i => high[i] - spend[i] })
        {
            var left = budget - spend.Sum();
            var total = Enumerable.Range(0, spend.Length).Sum(room);
            if (left <= 0.5 || total <= 0)
            {
                continue;
            }

            var share = Math.Min(1, left / total);
            for (var i = 0; i < spend.Length; i++)
            {
                spend[i] += room(i) * share;
            }
        }
    }

    /// <summary>
    /// Whole paise adding up to <paramref name="total"/>: rounded down, then a paisa each to the largest remainders
    /// with room.
    /// </summary>
    private static long[] Round(double[] spend, long[] low, long[] high, long total)
    {
        var paise = new long[spend.Length];
        for (var i = 0; i < spend.Length; i++)
        {
            paise[i] = Math.Clamp((long)Math.Floor(spend[i]), low[i], high[i]);
        }

        var left = total - paise.Sum();
        var order = Enumerable.Range(0, spend.Length).OrderByDescending(i => spend[i] - Math.Floor(spend[i]))
            .ThenBy(i => i).ToList();
        while (left != 0)
        {
            var moved = false;
            foreach (var i in order)
            {
                if (left > 0 && paise[i] < high[i])
                {
                    paise[i]++;
                    left--;
                    moved = true;
                }
                else if (left < 0 && paise[i] > low[i])
                {
                    paise[i]--;
                    left++;
                    moved = true;
                }

                if (left == 0)
                {
                    break;
                }
            }

            if (!moved)
            {
                break;
            }
        }

        return paise;
    }
}
