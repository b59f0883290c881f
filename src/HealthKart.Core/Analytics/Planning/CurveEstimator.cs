using HealthKart.Core.Analytics.Lift;

namespace HealthKart.Core.Analytics.Planning;

/// <summary>
/// Estimates every paid influencer's response curve level from the selection (docs/planner.md): attributed revenue
/// per rupee, partially pooled toward their tier x platform group by empirical Bayes (the group's rate, the
/// between-influencer spread measured across all groups, and each influencer's sampling noise, which shrinks as their
/// spend buys more orders), turned into incremental revenue by the prepost lift of the products they sold.
/// </summary>
internal static class CurveEstimator
{
    public static IReadOnlyList<InfluencerEvidence> Estimate(Selection selection,
        IReadOnlyList<InfluencerItem> influencers, PlannerOptions options)
    {
        var snapshot = selection.Snapshot;
        var lift = LiftModel.Of(snapshot);
        var products = snapshot.Products.Count;
        var credit = lift.Credit(selection, snapshot.Influencers.Count, new GroupKey(snapshot.Sales.Influencer));
        var paid = influencers.Where(i => i.Paid && i.Spend > 0).ToList();
        var groups = Groups(paid, options.MinGroupSize);
        var noise = RevenuePerOrderNoise(selection);

        // Group rates, spend-weighted, and the between-influencer variance by the method of moments.
        var sums = new Dictionary<string, (decimal Revenue, decimal Spend, int Size)>();
        foreach (var item in paid)
        {
            var (revenue, spend, count) = sums.GetValueOrDefault(groups[item.InfluencerId]);
            sums[groups[item.InfluencerId]] = (revenue + Math.Max(item.Revenue, 0), spend + item.Spend, count + 1);
        }

        var rate = sums.ToDictionary(g => g.Key, g => (double)g.Value.Revenue / (double)g.Value.Spend);
        var size = sums.ToDictionary(g => g.Key, g => g.Value.Size);
        double spread = 0, sampling = 0;
        foreach (var item in paid)
        {
            var group = rate[groups[item.InfluencerId]];
            spread += Math.Pow(Math.Max((double)item.Revenue, 0) / (double)item.Spend - group, 2);
            sampling += group * noise / (double)item.Spend;
        }

        var between = paid.Count == 0 ? 0 : Math.Max(0, (spread - sampling) / paid.Count);

        // Each group's product mix over its members whose own products were measured, for those whose were not.
        var mixes = new Dictionary<string, double[]>();
        var own = new Dictionary<string, (int, double)[]?>();
        foreach (var item in paid)
        {
            var index = snapshot.InfluencerIndex[item.InfluencerId];
            double covered = 0, total = 0;
            for (var p = 0; p < products; p++)
            {
                total += credit[index * products + p];
                covered += lift.Measured(p) ? credit[index * products + p] : 0;
            }

            var measured = lift.AnyMeasured && covered > 0 && covered >= snapshot.Options.PrePost.MinCoverage * total;
            own[item.InfluencerId] = measured
                ? [.. Enumerable.Range(0, products).Where(p => lift.Measured(p) && credit[index * products + p] != 0)
                    .Select(p => (p, credit[index * products + p] / covered))]
                : null;
            if (measured)
            {
                var mix = mixes.TryGetValue(groups[item.InfluencerId], out var m)
                    ? m : mixes[groups[item.InfluencerId]] = new double[products];
                for (var p = 0; p < products; p++)
                {
                    mix[p] += lift.Measured(p) ? credit[index * products + p] : 0;
                }
            }
        }

        var everyone = new double[products];
        foreach (var mix in mixes.Values)
        {
            for (var p = 0; p < products; p++)
            {
                everyone[p] += mix[p];
            }
        }

        return paid.Select(item =>
        {
            var group = groups[item.InfluencerId];
            var groupRate = rate[group];
            var roas = Math.Max((double)item.Revenue, 0) / (double)item.Spend;
            var variance = groupRate * noise / (double)item.Spend;
            var weight = between + variance <= 0 ? 0 : between / (between + variance);
            var pooled = weight * roas + (1 - weight) * groupRate;
            var remaining = weight * variance + (1 - weight) * (1 - weight) * between / size[group];
            var mix = own[item.InfluencerId] ?? Normalised(mixes.TryGetValue(group, out var m) ? m : everyone);
            return new InfluencerEvidence(item, (double)item.Spend, Math.Max(item.Posts, 1), group, weight, pooled,
                remaining, mix, own[item.InfluencerId] is not null);
        }).ToList();
    }

    /// <summary>Tier x platform when it has enough paid influencers, else the tier, else everyone.</summary>
    private static Dictionary<string, string> Groups(IReadOnlyList<InfluencerItem> paid, int minSize)
    {
        var byPersona = paid.GroupBy(i => $"{i.Tier} on {i.Platform}").ToDictionary(g => g.Key, g => g.Count());
        var byTier = paid.GroupBy(i => i.Tier).ToDictionary(g => g.Key, g => g.Count());
        return paid.ToDictionary(i => i.InfluencerId, i =>
            byPersona[$"{i.Tier} on {i.Platform}"] >= minSize ? $"{i.Tier} on {i.Platform}"
            : byTier[i.Tier] >= minSize ? $"{i.Tier} (all platforms)"
            : "all paid influencers");
    }

    /// <summary>
    /// How noisy attributed revenue is per rupee of it: orders arrive one by one, so revenue R made of orders of value
    /// r varies by about R x E[r^2] / E[r]; this returns E[r^2] / E[r] over the selection's attributed sales.
    /// </summary>
    private static double RevenuePerOrderNoise(Selection selection)
    {
        var sales = selection.Snapshot.Sales;
        double squares = 0, revenue = 0;
        foreach (var i in selection.Sales)
        {
            if (sales.Orders[i] > 0 && sales.Revenue[i] > 0)
            {
                var rupees = sales.Revenue[i] / 100.0;
                squares += rupees * rupees / sales.Orders[i];
                revenue += rupees;
            }
        }

        return revenue > 0 ? squares / revenue : 0;
    }

    private static (int, double)[] Normalised(double[] mix)
    {
        var total = mix.Sum();
        return total <= 0 ? [] : [.. mix.Select((w, p) => (p, w / total)).Where(x => x.Item2 > 0)];
    }
}
