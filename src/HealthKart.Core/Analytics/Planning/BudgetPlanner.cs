using System.Globalization;
using HealthKart.Core.Analytics.Lift;
using HealthKart.Core.Money;
using HealthKart.Core.Problems;

namespace HealthKart.Core.Analytics.Planning;

/// <summary>
/// The budget planner (docs/planner.md): response curves per paid influencer (<see cref="CurveEstimator"/>,
/// <see cref="SaturationFit"/>), the best split within bounds (<see cref="BudgetAllocator"/>), and the expected gain
/// with an interval from draws of every uncertain input (<see cref="PlanUncertainty"/>). Always on measured
/// (<c>prepost</c>) incrementality: a flat haircut has no uncertainty to plan with.
/// </summary>
public static class BudgetPlanner
{
    private const int ChartedCurves = 8;

    public static PlanView Plan(Selection selection)
    {
        var query = selection.Query with { Incrementality = Incrementality.PrePost };
        var measured = query == selection.Query ? selection : selection.With(query);
        return measured.Memo($"plan|{query.Plan}", () => Compute(measured));
    }

    private static PlanView Compute(Selection selection)
    {
        var snapshot = selection.Snapshot;
        var settings = selection.Query.Plan;
        var options = snapshot.Options;
        var level = options.PrePost.Level;
        var influencers = AnalyticsEngine.InfluencerItems(selection);
        var evidence = CurveEstimator.Estimate(selection, influencers, options.Planner);
        var saturation = SaturationFit.Estimate(SaturationEvidenceOf(selection, influencers),
            options.Planner.MinSaturationEvidence, level);
        var lift = LiftModel.Of(snapshot);
        var total = Incrementality.Total(selection).Paise is { } t ? Math.Max(0, t) / 100m : (decimal?)null;

        var current = evidence.Select(e => (long)Math.Round(e.Spend * 100)).ToArray();
        var (low, high) = Bounds(evidence, settings);
        var currentTotal = current.Sum();
        if (evidence.Count == 0 || !lift.AnyMeasured || total is null)
        {
            var reason = evidence.Count == 0
                ? "No paid influencer in the selection: there is no spend to plan."
                : "Incremental revenue could not be measured for this selection (see incrementality), so there are " +
                    "no response curves to plan with.";
            return Unplanned(selection, settings, evidence, current, low, high, saturation, reason);
        }

        var ratios = Enumerable.Range(0, snapshot.Products.Count).Select(lift.Ratio).ToArray();
        var curves = evidence.Select(e => new ResponseCurve(e.Spend, e.Posts, saturation.Median,
            Math.Max(0, e.Lift(ratios)) * e.Roas * e.Spend)).ToList();
        var budget = settings.Budget is { } b ? (long)Math.Round(b * 100) : (long?)null;
        long[] proposed;
        if (settings.Scenario == PlanScenario.MaxResponse)
        {
            var fixedBudget = budget ?? currentTotal;
            var (min, max) = (low.Sum(), high.Sum());
            if (fixedBudget < min || fixedBudget > max)
            {
                throw ProblemException.BadRequest("budget",
                    $"With these bounds the budget must be between {Inr.Format(min)} and {Inr.Format(max)} (each " +
                    "influencer between minShare and maxShare times their spend, and never above what " +
                    "similar creators were paid).");
            }

            proposed = BudgetAllocator.MaxResponse(curves, low, high, fixedBudget);
        }
        else
        {
            proposed = BudgetAllocator.TargetRoas(curves, low, high, settings.Target, budget);
        }

        var uncertainty = PlanUncertainty.Draw(evidence, curves, current, proposed, saturation, lift,
            options.Planner.Draws, settings, level);
        var gain = Clamp(uncertainty.Gain, total.Value);
        var advised = gain.Low > 0;
        var allocations = evidence.Select((e, i) => new PlanAllocation(
            e.Item.InfluencerId, e.Item.Name, e.Item.Tier, e.Item.Platform, e.Item.Posts,
            Kpis.Rupees(current[i]), Kpis.Rupees(proposed[i]), Kpis.Rupees(low[i]), Kpis.Rupees(high[i]),
            Money(curves[i].At(current[i] / 100.0)), Money(curves[i].At(proposed[i] / 100.0)),
            Kpis.Round(curves[i].Marginal(current[i] / 100.0)), Kpis.Round(curves[i].Marginal(proposed[i] / 100.0)),
            Kpis.Round(e.OwnShare), CurveBasis(e, options.Planner))).ToList();

        return new PlanView(
            PlanSettings.Name(settings.Scenario), Kpis.Rupees(proposed.Sum()), Kpis.Rupees(currentTotal),
            settings.Target, settings.MinShare, settings.MaxShare, advised,
            Advice(settings, allocations, gain, advised), gain, allocations.Sum(a => a.CurrentIncrementalRevenue),
            allocations.Sum(a => a.ProposedIncrementalRevenue), total, allocations, Rollup(allocations, a => a.Tier),
            Rollup(allocations, a => a.Platform), Campaigns(selection, allocations),
            Charted(allocations, curves, uncertainty), Describe(saturation), snapshot.DatasetVersion,
            Incrementality.Describe(selection));
    }

    /// <summary>
    /// Every influencer with posts and reach: posts, ln reach per post, ln of what the other creators' posts of their
    /// products earned per post (leaving their own sales out, so their luck does not explain itself), and revenue.
    /// </summary>
    private static List<SaturationEvidence> SaturationEvidenceOf(Selection selection,
        IReadOnlyList<InfluencerItem> influencers)
    {
        var snapshot = selection.Snapshot;
        var (sales, posts) = (snapshot.Sales, snapshot.Posts);
        var revenue = new Dictionary<(int Influencer, int Product), double>();
        var posted = new Dictionary<(int Influencer, int Product), double>();
        var productRevenue = new double[snapshot.Products.Count];
        var productPosts = new double[snapshot.Products.Count];
        foreach (var i in selection.Sales)
        {
            revenue[(sales.Influencer[i], sales.Product[i])] =
                revenue.GetValueOrDefault((sales.Influencer[i], sales.Product[i])) + sales.Revenue[i] / 100.0;
            productRevenue[sales.Product[i]] += sales.Revenue[i] / 100.0;
        }

        foreach (var i in selection.Posts)
        {
            posted[(posts.Influencer[i], posts.Product[i])] =
                posted.GetValueOrDefault((posts.Influencer[i], posts.Product[i])) + posts.Posts[i];
            productPosts[posts.Product[i]] += posts.Posts[i];
        }

        var yield = new Dictionary<int, (double Earned, double Posts)>();
        foreach (var ((influencer, product), count) in posted)
        {
            var othersPosts = productPosts[product] - count;
            if (othersPosts > 0)
            {
                var perPost =
                    Math.Max(0,
                        productRevenue[product] - revenue.GetValueOrDefault((influencer, product))) / othersPosts;
                var (earned, weight) = yield.GetValueOrDefault(influencer);
                yield[influencer] = (earned + perPost * count, weight + count);
            }
        }

        return [.. influencers.Where(i => i.Posts > 0 && i.Reach > 0).Select(i =>
        {
            var (earned, weight) = yield.GetValueOrDefault(snapshot.InfluencerOf(i.InfluencerId));
            var perPost = weight > 0 ? earned / weight : 0;
            return new SaturationEvidence(i.Posts,
                [Math.Log((double)i.Reach / i.Posts), Math.Log(Math.Max(perPost, 1))], Math.Max((double)i.Revenue, 0));
        })];
    }

    /// <summary>
    /// minShare and maxShare times actual spend, and never above the most that a paid influencer of the same group
    /// (tier x platform, else tier, else everyone) was paid in the period: the curve is not trusted beyond what was
    /// seen.
    /// </summary>
    private static (long[] Low, long[] High) Bounds(IReadOnlyList<InfluencerEvidence> evidence, PlanSettings settings)
    {
        var seen = evidence.GroupBy(e => e.Group).ToDictionary(g => g.Key, g => g.Max(e => e.Spend));
        var low = evidence.Select(e => (long)Math.Ceiling(e.Spend * 100 * settings.MinShare - 1e-6)).ToArray();
        var high =
            evidence.Select((e, i) =>
                Math.Max(low[i],
                    (long)Math.Floor(Math.Min(e.Spend * settings.MaxShare,
                        Math.Max(e.Spend, seen[e.Group])) * 100 + 1e-6))).ToArray();
        return (low, high);
    }

    private static PlanView Unplanned(
        Selection selection, PlanSettings settings, IReadOnlyList<InfluencerEvidence> evidence, long[] current,
        long[] low, long[] high, SaturationFit saturation, string reason)
    {
        var allocations = evidence.Select((e, i) => new PlanAllocation(e.Item.InfluencerId, e.Item.Name, e.Item.Tier,
            e.Item.Platform, e.Item.Posts, Kpis.Rupees(current[i]), Kpis.Rupees(current[i]), Kpis.Rupees(low[i]),
            Kpis.Rupees(high[i]), null, null, null, null, Kpis.Round(e.OwnShare), "no measured curve")).ToList();
        return new PlanView(PlanSettings.Name(settings.Scenario), Kpis.Rupees(current.Sum()),
            Kpis.Rupees(current.Sum()), settings.Target, settings.MinShare, settings.MaxShare, false,
            $"No reallocation is advised: {reason}", new PlanGain(0, 0, 0, selection.Snapshot.Options.PrePost.Level),
            null, null, null, allocations, Rollup(allocations, a => a.Tier), Rollup(allocations, a => a.Platform),
            Campaigns(selection, allocations), [], Describe(saturation), selection.Snapshot.DatasetVersion,
            Incrementality.Describe(selection));
    }

    /// <summary>No projected gain may exceed the period's whole incremental revenue.</summary>
    private static PlanGain Clamp(PlanGain gain, decimal total) =>
        gain with
        {
            Value = Math.Min(gain.Value, total),
            Low = Math.Min(gain.Low, total),
            High = Math.Min(gain.High, total)
        };

    private static string CurveBasis(InfluencerEvidence e, PlannerOptions options) =>
        !e.OwnLift ? $"pooled: their products' lift was not measured; {e.Group}'s mix is used"
        : e.OwnShare < options.OwnDataShare ? $"pooled: thin history, mostly {e.Group}'s rate"
        : "own history, partly pooled";

    private static string Advice(PlanSettings settings, IReadOnlyList<PlanAllocation> allocations, PlanGain gain,
        bool advised)
    {
        var level = (gain.Level * 100).ToString("0", CultureInfo.InvariantCulture);
        var interval = $"{level} % interval {Inr.Prose(gain.Low)} to {Inr.Prose(gain.High)}";
        if (!advised)
        {
            return "No reallocation is supported by the data: the best split's expected gain is " +
                $"{Inr.Prose(gain.Value)}, but its {interval} includes zero. Keep the current " +
                "split and measure longer.";
        }

        var up = allocations.Where(a => a.ProposedSpend > a.CurrentSpend).ToList();
        var down = allocations.Where(a => a.ProposedSpend < a.CurrentSpend).ToList();
        var moved = down.Sum(a => a.CurrentSpend - a.ProposedSpend);
        var what = settings.Scenario == PlanScenario.MaxResponse
            ? $"Move {Inr.Prose(moved)} from {down.Count} influencer(s) to {up.Count}"
            : $"Spend {Inr.Prose(allocations.Sum(a => a.ProposedSpend))} instead of " +
                $"{Inr.Prose(allocations.Sum(a => a.CurrentSpend))}, stopping where the next rupee returns less than " +
                $"{settings.Target:0.##} in incremental revenue";
        return $"{what}: expected gain {Inr.Prose(gain.Value)} ({interval}), with diminishing returns and within " +
            "each influencer's bounds.";
    }

    private static List<PlanGroup> Rollup(IReadOnlyList<PlanAllocation> allocations,
        Func<PlanAllocation, string> key) =>
        [.. allocations.GroupBy(key)
            .Select(g => new PlanGroup(g.Key, g.Sum(a => a.CurrentSpend), g.Sum(a => a.ProposedSpend),
            g.Sum(a => a.CurrentIncrementalRevenue), g.Sum(a => a.ProposedIncrementalRevenue)))
                .OrderByDescending(g => g.ProposedSpend)];

    /// <summary>Each influencer's plan split over campaigns as their spend is split now.</summary>
    private static List<PlanGroup> Campaigns(Selection selection, IReadOnlyList<PlanAllocation> allocations)
    {
        var snapshot = selection.Snapshot;
        var spend = snapshot.Spend;
        var byInfluencer = new Dictionary<int, Dictionary<int, long>>();
        foreach (var i in selection.Spend)
        {
            var campaigns = byInfluencer.TryGetValue(spend.Influencer[i], out var c)
                ? c : byInfluencer[spend.Influencer[i]] = [];
            campaigns[spend.Campaign[i]] = campaigns.GetValueOrDefault(spend.Campaign[i]) + spend.Amount[i];
        }

        var sums = new Dictionary<string, (decimal, decimal, decimal?, decimal?)>();
        foreach (var a in allocations)
        {
            if (!byInfluencer.TryGetValue(snapshot.InfluencerOf(a.InfluencerId), out var campaigns))
            {
                continue;
            }

            var whole = (decimal)campaigns.Values.Sum();
            foreach (var (campaign, amount) in campaigns)
            {
                var share = whole == 0 ? 0 : amount / whole;
                var name = snapshot.Campaigns[campaign];
                var (cs, ps, ci, pi) = sums.GetValueOrDefault(name, (0m, 0m, 0m, 0m));
                sums[name] = (cs + a.CurrentSpend * share, ps + a.ProposedSpend * share,
                    ci + a.CurrentIncrementalRevenue * share, pi + a.ProposedIncrementalRevenue * share);
            }
        }

        return [.. sums.Select(s => new PlanGroup(s.Key, Round(s.Value.Item1), Round(s.Value.Item2),
            Round(s.Value.Item3), Round(s.Value.Item4)))
            .OrderByDescending(g => g.ProposedSpend)];
    }

    private static List<PlanCurve> Charted(IReadOnlyList<PlanAllocation> allocations,
        IReadOnlyList<ResponseCurve> curves, PlanUncertainty uncertainty) =>
        [.. Enumerable.Range(0, allocations.Count)
            .OrderByDescending(i => Math.Abs(allocations[i].ProposedSpend - allocations[i].CurrentSpend)).ThenBy(i => i)
            .Take(ChartedCurves).Select(i => new PlanCurve(allocations[i].InfluencerId, allocations[i].Name,
                allocations[i].CurrentSpend, allocations[i].ProposedSpend, uncertainty.Band(i, curves[i])))];

    private static PlanSaturation Describe(SaturationFit fit) =>
        new(fit.Median, fit.Low, fit.High, fit.Evidence, fit.Estimated,
        fit.Estimated
            ? $"Estimated from how attributed revenue grows with posting volume across {fit.Evidence} influencers: " +
                $"each further post adds {Math.Exp(-1 / fit.Median):P0} of what the one before it added."
            : $"Only {fit.Evidence} influencer(s) with posts and sales: too few to estimate saturation, so every " +
                "degree of it is kept possible and the intervals are wide.");

    private static decimal Money(double rupees) => Math.Round((decimal)rupees, 2, MidpointRounding.AwayFromZero);

    private static decimal Round(decimal rupees) => Math.Round(rupees, 2, MidpointRounding.AwayFromZero);

    private static decimal? Round(decimal? rupees) => rupees is { } r ? Round(r) : null;
}
