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
        var (order, scores) = Rank(paid, [.. paid.Select(i => i.IncrementalRoas)], options);
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

    /// <summary>
    /// The paid influencers' ranking, given each one's incremental ROAS (the measure of the incrementality asked
    /// for): their positions best first, and each one's score.
    /// </summary>
    public static (int[] Order, double[] Scores) Rank(IReadOnlyList<InfluencerItem> paid, double?[] incrementalRoas,
        AnalyticsOptions options)
    {
        var components = new (double?[] Values, double Weight, bool LowerIsBetter)[]
        {
            (incrementalRoas, options.IncrementalRoasWeight, false),
            ([.. paid.Select(i => i.RevenuePerFollower)], options.RevenuePerFollowerWeight, false),
            ([.. paid.Select(i => i.EngagementRate)], options.EngagementRateWeight, false),
            ([.. paid.Select(i => (double?)i.CostPerOrder)], options.CostPerOrderWeight, true),
        };
        var totalWeight = components.Sum(c => c.Weight);
        var ranges = components.Select(c => Range(c.Values)).ToArray();
        var scores = new double[paid.Count];
        for (var i = 0; i < paid.Count; i++)
        {
            var sum = 0.0;
            for (var k = 0; k < components.Length; k++)
            {
                var (values, weight, lowerIsBetter) = components[k];
                sum += weight * Normalise(values[i], ranges[k], lowerIsBetter);
            }

            scores[i] = Math.Round(100 * sum / totalWeight, 2, MidpointRounding.AwayFromZero);
        }

        // Best score first, then more revenue, then the ID: a total order, so the unstable sort is deterministic.
        var order = Enumerable.Range(0, paid.Count).ToArray();
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is not 0 and var byScore ? byScore
            : paid[b].Revenue.CompareTo(paid[a].Revenue) is not 0 and var byRevenue ? byRevenue
            : string.CompareOrdinal(paid[a].InfluencerId, paid[b].InfluencerId));
        return (order, scores);
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
