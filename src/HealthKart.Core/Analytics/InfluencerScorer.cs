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
        var paid = items.Where(i => i.Paid).ToList();
        var components = new (Func<InfluencerItem, double?> Value, double Weight, bool LowerIsBetter)[]
        {
            (i => i.IncrementalRoas, options.IncrementalRoasWeight, false),
            (i => i.RevenuePerFollower, options.RevenuePerFollowerWeight, false),
            (i => i.EngagementRate, options.EngagementRateWeight, false),
            (i => (double?)i.CostPerOrder, options.CostPerOrderWeight, true),
        };
        var totalWeight = components.Sum(c => c.Weight);
        var ranges = components.Select(c => Range(paid.Select(c.Value))).ToArray();

        double ScoreOf(InfluencerItem item)
        {
            var sum = 0.0;
            for (var k = 0; k < components.Length; k++)
            {
                sum += components[k].Weight * Normalise(components[k].Value(item), ranges[k],
                    components[k].LowerIsBetter);
            }

            return Math.Round(100 * sum / totalWeight, 2, MidpointRounding.AwayFromZero);
        }

        // Best score first, then more revenue, then the ID: a total order, so the unstable sort is deterministic.
        var scores = paid.Select(ScoreOf).ToArray();
        var order = Enumerable.Range(0, paid.Count).ToArray();
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is not 0 and var byScore ? byScore
            : paid[b].Revenue.CompareTo(paid[a].Revenue) is not 0 and var byRevenue ? byRevenue
            : string.CompareOrdinal(paid[a].InfluencerId, paid[b].InfluencerId));
        var ranked = order.Select((i, index) => paid[i] with
        {
            EfficiencyScore = scores[i],
            Rank = index + 1,
            Poor = paid[i].Roi < options.PoorRoiBelow || paid[i].Roas < options.PoorRoasBelow,
        });
        var unpaid = items.Where(i => !i.Paid).OrderByDescending(i => i.Revenue).ThenBy(i => i.InfluencerId,
            StringComparer.Ordinal);
        return [.. ranked, .. unpaid];
    }

    private static (double Min, double Max)? Range(IEnumerable<double?> values)
    {
        var present = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return present.Count == 0 ? null : (present.Min(), present.Max());
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
