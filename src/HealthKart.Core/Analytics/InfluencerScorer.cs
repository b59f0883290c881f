namespace HealthKart.Core.Analytics;

/// <summary>
/// The efficiency score (docs/metrics.md#efficiency-score): 0-100, each component min-max normalised over the paid
/// influencers of the selection — incremental ROAS 40 %, revenue per follower 20 %, engagement rate 20 %, cost per
/// order inverted 20 % (weights are settings). ROI and ROAS are deliberately not both in it: ROI = 100 x (ROAS - 1),
/// one metric twice. A component an influencer has no value for (no followers, posts or orders) counts as the worst;
/// when everybody ties on a component, everybody gets its full weight. Ranking the paid influencers also flags the poor
/// performers among them (docs/metrics.md#poor-performers).
/// </summary>
public static class InfluencerScorer
{
    public static IReadOnlyList<InfluencerItem> Score(IReadOnlyList<InfluencerItem> items, AnalyticsOptions options)
    {
        var paid = items.Where(i => i.Paid).ToArray();
        var components = new (Func<InfluencerItem, double?> Value, double Weight, bool LowerIsBetter)[]
        {
            (i => i.IncrementalRoas, options.IncrementalRoasWeight, false),
            (i => i.RevenuePerFollower, options.RevenuePerFollowerWeight, false),
            (i => i.EngagementRate, options.EngagementRateWeight, false),
            (i => (double?)i.CostPerOrder, options.CostPerOrderWeight, true),
        };
        var totalWeight = components.Sum(c => c.Weight);
        var values = components.Select(c => paid.Select(c.Value).ToArray()).ToArray();
        var ranges = values.Select(Range).ToArray();
        var scores = new double[paid.Length];
        for (var i = 0; i < paid.Length; i++)
        {
            var sum = 0.0;
            for (var k = 0; k < components.Length; k++)
            {
                sum += components[k].Weight * Normalise(values[k][i], ranges[k], components[k].LowerIsBetter);
            }

            scores[i] = Math.Round(100 * sum / totalWeight, 2, MidpointRounding.AwayFromZero);
        }

        // Best score first, then more revenue, then the ID: a total order, so the unstable sort is deterministic.
        var order = Enumerable.Range(0, paid.Length).ToArray();
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is not 0 and var byScore ? byScore
            : paid[b].Revenue.CompareTo(paid[a].Revenue) is not 0 and var byRevenue ? byRevenue
            : string.CompareOrdinal(paid[a].InfluencerId, paid[b].InfluencerId));
        var ranked = new InfluencerItem[items.Count];
        for (var index = 0; index < order.Length; index++)
        {
            var item = paid[order[index]];
            ranked[index] = item with
            {
                EfficiencyScore = scores[order[index]],
                Rank = index + 1,
                Poor = item.Roi < options.PoorRoiBelow || item.Roas < options.PoorRoasBelow,
            };
        }

        // Then the unpaid, more revenue first, then the ID (unique: again a total order).
        var unpaid = items.Where(i => !i.Paid).ToArray();
        Array.Sort(unpaid, (a, b) => b.Revenue.CompareTo(a.Revenue) is not 0 and var byRevenue ? byRevenue
            : string.CompareOrdinal(a.InfluencerId, b.InfluencerId));
        unpaid.CopyTo(ranked, paid.Length);
        return ranked;
    }

    private static (double Min, double Max)? Range(double?[] values)
    {
        (double Min, double Max)? range = null;
        foreach (var value in values)
        {
            if (value is { } v)
            {
                range = range is { } r ? (Math.Min(r.Min, v), Math.Max(r.Max, v)) : (v, v);
            }
        }

        return range;
    }

    private static double Normalise(double? value, (double Min, double Max)? range, bool lowerIsBetter)
    {
        if (value is not { } v || range is not { } r)
        {
            return 0;
        }

        if (r.Max == r.Min)
        {
            return 1;
        }

        var scaled = (v - r.Min) / (r.Max - r.Min);
        return lowerIsBetter ? 1 - scaled : scaled;
    }
}
