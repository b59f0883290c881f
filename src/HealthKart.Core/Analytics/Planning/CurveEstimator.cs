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
        for (var i = 0; i < paid.Count; i++)
        {
            var (revenue, spend, count) = sums.GetValueOrDefault(groups[i]);
            sums[groups[i]] = (revenue + Math.Max(paid[i].Revenue, 0), spend + paid[i].Spend, count + 1);
        }

        var rate = sums.ToDictionary(g => g.Key, g => (double)g.Value.Revenue / (double)g.Value.Spend);
        var size = sums.ToDictionary(g => g.Key, g => g.Value.Size);
        double spread = 0, sampling = 0;
        for (var i = 0; i < paid.Count; i++)
        {
            var group = rate[groups[i]];
            spread += Math.Pow(Math.Max((double)paid[i].Revenue, 0) / (double)paid[i].Spend - group, 2);
            sampling += group * noise / (double)paid[i].Spend;
        }

        var between = paid.Count == 0 ? 0 : Math.Max(0, (spread - sampling) / paid.Count);

        // Each group's product mix over its members whose own products were measured, for those whose were not.
        var mixes = new Dictionary<string, double[]>();
        var own = new (int, double)[]?[paid.Count];
        for (var i = 0; i < paid.Count; i++)
        {
            var index = snapshot.InfluencerIndex[paid[i].InfluencerId];
            double covered = 0, total = 0;
            for (var p = 0; p < products; p++)
            {
                total += credit[index * products + p];
                covered += lift.Measured(p) ? credit[index * products + p] : 0;
            }

            var measured = lift.AnyMeasured && covered > 0 && covered >= snapshot.Options.PrePost.MinCoverage * total;
            if (measured)
            {
                own[i] = OwnMix(lift, credit.AsSpan(index * products, products), covered);
                var mix = mixes.TryGetValue(groups[i], out var m) ? m : mixes[groups[i]] = new double[products];
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

        // A group's mix, normalised once for all of its members whose own products' lift was not measured.
        var pooledMixes = new Dictionary<string, (int, double)[]>();
        return paid.Select((item, i) =>
        {
            var group = groups[i];
            var groupRate = rate[group];
            var roas = Math.Max((double)item.Revenue, 0) / (double)item.Spend;
            var variance = groupRate * noise / (double)item.Spend;
            var weight = between + variance <= 0 ? 0 : between / (between + variance);
            var pooled = weight * roas + (1 - weight) * groupRate;
            var remaining = weight * variance + (1 - weight) * (1 - weight) * between / size[group];
            var mix = own[i] ?? (pooledMixes.TryGetValue(group, out var pooledMix) ? pooledMix
                : pooledMixes[group] = Normalised(mixes.TryGetValue(group, out var m) ? m : everyone));
            return new InfluencerEvidence(item, (double)item.Spend, Math.Max(item.Posts, 1), group, weight, pooled,
                remaining, mix, own[i] is not null);
        }).ToList();
    }

    /// <summary>
    /// Each paid influencer's group: tier x platform when it has enough paid influencers, else the tier, else everyone.
    /// </summary>
    private static string[] Groups(IReadOnlyList<InfluencerItem> paid, int minSize)
    {
        var personas = paid.Select(i => $"{i.Tier} on {i.Platform}").ToArray();
        var byPersona = personas.CountBy(p => p).ToDictionary();
        var byTier = paid.CountBy(i => i.Tier).ToDictionary();
        return [.. paid.Select((i, n) =>
            byPersona[personas[n]] >= minSize ? personas[n]
            : byTier[i.Tier] >= minSize ? $"{i.Tier} (all platforms)"
            : "all paid influencers")];
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

    /// <summary>The influencer's measured products, each weighted by its share of their measured credit.</summary>
    private static (int, double)[] OwnMix(LiftModel lift, ReadOnlySpan<double> credit, double covered)
    {
        var count = 0;
        for (var p = 0; p < credit.Length; p++)
        {
            count += lift.Measured(p) && credit[p] != 0 ? 1 : 0;
        }

        var mix = new (int, double)[count];
        for (var (p, m) = (0, 0); p < credit.Length; p++)
        {
            if (lift.Measured(p) && credit[p] != 0)
            {
                mix[m++] = (p, credit[p] / covered);
            }
        }

        return mix;
    }

    private static (int, double)[] Normalised(double[] mix)
    {
        var total = mix.Sum();
        return total <= 0 ? [] : [.. mix.Select((w, p) => (p, w / total)).Where(x => x.Item2 > 0)];
    }
}
