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

    /// <summary>The whole plan: its verdict, the roll-ups and the charted curves with their bands.</summary>
    public static PlanView Plan(Selection selection)
    {
        var measured = Measured(selection);
        return measured.Memo($"plan|{measured.Query.Plan}", () =>
        {
            var (verdict, curves, uncertainty) = Planned(measured);
            return verdict with
            {
                ByTier = Rollup(verdict.Allocations, a => a.Tier),
                ByPlatform = Rollup(verdict.Allocations, a => a.Platform),
                ByCampaign = Campaigns(measured, verdict.Allocations),
                Curves = uncertainty is null ? [] : Charted(verdict.Allocations, curves, uncertainty),
            };
        });
    }

    /// <summary>
    /// The plan's verdict alone: the split, its expected gain with the interval, and the advice, as in
    /// <see cref="Plan"/>, with the roll-ups and charted curves left empty. What the insights quote, so a new filter
    /// state does not pay for the Plan tab's charts.
    /// </summary>
    public static PlanView Verdict(Selection selection) => Planned(Measured(selection)).View;

    /// <summary>The selection under measured (prepost) incrementality, sharing its facts.</summary>
    private static Selection Measured(Selection selection)
    {
        var query = selection.Query with { Incrementality = Incrementality.PrePost };
        return query == selection.Query ? selection : selection.With(query);
    }

    private static Planning Planned(Selection measured) =>
        measured.Memo($"plan-verdict|{measured.Query.Plan}", () => Compute(measured));

    /// <summary>
    /// A verdict, and what its charted curves are drawn from (no uncertainty when nothing was planned).
    /// </summary>
    private sealed record Planning(PlanView View, IReadOnlyList<ResponseCurve> Curves, PlanUncertainty? Uncertainty);

    private static Planning Compute(Selection selection)
    {
        var snapshot = selection.Snapshot;
        var settings = selection.Query.Plan;
        var options = snapshot.Options;
        var level = options.PrePost.Level;
        var lift = LiftModel.Of(snapshot);
        var total = Incrementality.Total(selection).Paise is { } t ? Math.Max(0, t) / 100m : (decimal?)null;
        // What the saturation evidence needs of the facts needs no influencer items, which the insights request builds
        // meanwhile on another core (docs/planner.md, "What a plan costs").
        var earned = OthersEarnedPerPost(selection);
        var influencers = AnalyticsEngine.InfluencersInMeasuredOrder(selection);
        // The saturation fit and the curves' levels are independent: the fit runs on another core meanwhile.
        var fit = Task.Run(() => SaturationFit.Estimate(SaturationEvidenceOf(selection, influencers, earned),
            options.Planner.MinSaturationEvidence, level));
        var evidence = CurveEstimator.Estimate(selection, influencers, options.Planner);
        var saturation = fit.GetAwaiter().GetResult();

        var current = evidence.Select(e => (long)Math.Round(e.Spend * 100)).ToArray();
        var (low, high) = Bounds(evidence, settings);
        var currentTotal = current.Sum();
        var nothingEarned = evidence.All(e => e.Item.Revenue <= 0);
        if (evidence.Count == 0 || nothingEarned || !lift.AnyMeasured || total is null)
        {
            var reason = evidence.Count == 0
                ? "No paid influencer in the selection: there is no spend to plan."
                : nothingEarned
                ? "No paid influencer in the selection has attributed net revenue above zero, so the data cannot " +
                    "tell where a rupee would return more."
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
        var next = BudgetAllocator.NextRupee(curves, proposed, high) is { } n ? Kpis.Round(n) : (double?)null;
        var allocations = evidence.Select((e, i) => new PlanAllocation(
            e.Item.InfluencerId, e.Item.Name, e.Item.Tier, e.Item.Platform, e.Item.Posts,
            Kpis.Rupees(current[i]), Kpis.Rupees(proposed[i]), Kpis.Rupees(low[i]), Kpis.Rupees(high[i]),
            Money(curves[i].At(current[i] / 100.0)), Money(curves[i].At(proposed[i] / 100.0)),
            Kpis.Round(curves[i].Marginal(current[i] / 100.0)), Kpis.Round(curves[i].Marginal(proposed[i] / 100.0)),
            Kpis.Round(e.OwnShare), CurveBasis(e, options.Planner))).ToList();

        return new Planning(new PlanView(
            PlanSettings.Name(settings.Scenario), Kpis.Rupees(proposed.Sum()), Kpis.Rupees(currentTotal),
            settings.Target, settings.MinShare, settings.MaxShare, advised,
            Advice(settings, allocations, gain, advised) + LastRupees(settings, next), gain,
            allocations.Sum(a => a.CurrentIncrementalRevenue), allocations.Sum(a => a.ProposedIncrementalRevenue),
            total, next, allocations, [], [], [], [],
            Describe(saturation), snapshot.DatasetVersion, Incrementality.Describe(selection)), curves, uncertainty);
    }

    /// <summary>
    /// Every influencer with posts and reach: posts, ln reach per post, ln of what the other creators' posts of their
    /// products earned per post (<see cref="OthersEarnedPerPost"/>), and revenue.
    /// </summary>
    private static List<SaturationEvidence> SaturationEvidenceOf(Selection selection,
        IReadOnlyList<InfluencerItem> influencers, (double Earned, double Posts)[] earned) =>
    [
        .. influencers.Where(i => i.Posts > 0 && i.Reach > 0).Select(i =>
        {
            var (sum, weight) = earned[selection.Snapshot.InfluencerOf(i.InfluencerId)];
            var perPost = weight > 0 ? sum / weight : 0;
            return new SaturationEvidence(i.Posts, Math.Log((double)i.Reach / i.Posts), Math.Log(Math.Max(perPost, 1)),
                Math.Max((double)i.Revenue, 0));
        }),
    ];

    /// <summary>
    /// Per influencer (by index), what the other creators' posts of their products earned, weighted by their own posts
    /// of each product, and those posts: their own sales are left out, so their luck does not explain itself.
    /// </summary>
    private static (double Earned, double Posts)[] OthersEarnedPerPost(Selection selection)
    {
        var snapshot = selection.Snapshot;
        var (sales, posts) = (snapshot.Sales, snapshot.Posts);
        var products = snapshot.Products.Count;

        // Influencer x product cells, dense (as the lift model's credit): revenue and posts of each.
        var revenue = new double[snapshot.Influencers.Count * products];
        var posted = new double[revenue.Length];
        var productRevenue = new double[products];
        var productPosts = new double[products];
        foreach (var i in selection.Sales)
        {
            var rupees = sales.Revenue[i] / 100.0;
            revenue[sales.Influencer[i] * products + sales.Product[i]] += rupees;
            productRevenue[sales.Product[i]] += rupees;
        }

        foreach (var i in selection.Posts)
        {
            posted[posts.Influencer[i] * products + posts.Product[i]] += posts.Posts[i];
            productPosts[posts.Product[i]] += posts.Posts[i];
        }

        var yield = new (double Earned, double Posts)[snapshot.Influencers.Count];
        for (var cell = 0; cell < posted.Length; cell++)
        {
            var (count, product) = (posted[cell], cell % products);
            var othersPosts = productPosts[product] - count;
            if (count > 0 && othersPosts > 0)
            {
                var perPost = Math.Max(0, productRevenue[product] - revenue[cell]) / othersPosts;
                ref var influencer = ref yield[cell / products];
                influencer = (influencer.Earned + perPost * count, influencer.Posts + count);
            }
        }

        return yield;
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

    private static Planning Unplanned(
        Selection selection, PlanSettings settings, IReadOnlyList<InfluencerEvidence> evidence, long[] current,
        long[] low, long[] high, SaturationFit saturation, string reason)
    {
        var allocations = evidence.Select((e, i) => new PlanAllocation(e.Item.InfluencerId, e.Item.Name, e.Item.Tier,
            e.Item.Platform, e.Item.Posts, Kpis.Rupees(current[i]), Kpis.Rupees(current[i]), Kpis.Rupees(low[i]),
            Kpis.Rupees(high[i]), null, null, null, null, Kpis.Round(e.OwnShare), "no measured curve")).ToList();
        return new Planning(new PlanView(PlanSettings.Name(settings.Scenario), Kpis.Rupees(current.Sum()),
            Kpis.Rupees(current.Sum()), settings.Target, settings.MinShare, settings.MaxShare, false,
            $"No reallocation is advised: {reason}", new PlanGain(0, 0, 0, selection.Snapshot.Options.PrePost.Level),
            null, null, null, null, allocations, [], [], [], [], Describe(saturation),
            selection.Snapshot.DatasetVersion, Incrementality.Describe(selection)), [], null);
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
            ? Move(moved, down.Count, up.Count)
            : $"Spend {Inr.Prose(allocations.Sum(a => a.ProposedSpend))} instead of " +
                $"{Inr.Prose(allocations.Sum(a => a.CurrentSpend))}, stopping where the next rupee returns less than " +
                $"{settings.Target:0.##} in incremental revenue";
        return $"{what}: expected gain {Inr.Prose(gain.Value)} ({interval}), with diminishing returns and within " +
            "each influencer's bounds.";
    }

    /// <summary>"Move ₹4,310 from 4 influencers to 8": the advice's opening, and the insight that quotes it.</summary>
    internal static string Move(decimal moved, int from, int to) =>
        $"Move {Inr.Prose(moved)} from {IndianText.Count(from, "influencer")} to {IndianText.Count(to)}";

    /// <summary>
    /// When a fixed budget's last rupees return less than they cost, the advice says so, and where to see how much of
    /// it pays its way: the target-roas plan, with its own interval. Nothing when they pay, or when the target sets
    /// the level.
    /// </summary>
    private static string LastRupees(PlanSettings settings, double? next) =>
        settings.Scenario == PlanScenario.MaxResponse && next is < 1
            ? " At this budget the next rupee returns about ₹" +
                next.Value.ToString("0.00", CultureInfo.InvariantCulture) + " of incremental revenue, " +
                "wherever the bounds leave room: less than it costs. Spending to a target return of 1 " +
                "(scenario=target-roas) shows how much of the budget returns at least a rupee per rupee, with its " +
                "own interval."
            : "";

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
        var campaigns = snapshot.Campaigns.Count;

        // Influencer x campaign cells, dense (as the lift model's credit), and each influencer's whole.
        var amounts = new long[snapshot.Influencers.Count * campaigns];
        var spent = new bool[amounts.Length];
        var wholes = new long[snapshot.Influencers.Count];
        foreach (var i in selection.Spend)
        {
            var cell = spend.Influencer[i] * campaigns + spend.Campaign[i];
            amounts[cell] += spend.Amount[i];
            spent[cell] = true;
            wholes[spend.Influencer[i]] += spend.Amount[i];
        }

        var sums = new (decimal, decimal, decimal?, decimal?)?[campaigns];
        foreach (var a in allocations)
        {
            var influencer = snapshot.InfluencerOf(a.InfluencerId);
            for (var campaign = 0; campaign < campaigns; campaign++)
            {
                var amount = amounts[influencer * campaigns + campaign];
                if (!spent[influencer * campaigns + campaign])
                {
                    continue;
                }

                var share = wholes[influencer] == 0 ? 0 : amount / (decimal)wholes[influencer];
                var (cs, ps, ci, pi) = sums[campaign] ?? (0m, 0m, 0m, 0m);
                sums[campaign] = (cs + a.CurrentSpend * share, ps + a.ProposedSpend * share,
                    ci + a.CurrentIncrementalRevenue * share, pi + a.ProposedIncrementalRevenue * share);
            }
        }

        return [.. Enumerable.Range(0, campaigns).Where(c => sums[c] is not null)
            .Select(c => (Name: snapshot.Campaigns[c], Sum: sums[c]!.Value))
            .Select(x => new PlanGroup(x.Name, Round(x.Sum.Item1), Round(x.Sum.Item2), Round(x.Sum.Item3),
                Round(x.Sum.Item4)))
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
            ? "Estimated from how attributed revenue grows with posting volume across " +
                $"{IndianText.Count(fit.Evidence, "influencer")}: each further post adds " +
                $"{Math.Exp(-1 / fit.Median):P0} of what the one before it added."
            : $"Only {IndianText.Count(fit.Evidence, "influencer")} with posts and sales: too few to estimate " +
                "saturation, so every degree of it is kept possible and the intervals are wide.");

    private static decimal Money(double rupees) => Math.Round((decimal)rupees, 2, MidpointRounding.AwayFromZero);

    private static decimal Round(decimal rupees) => Math.Round(rupees, 2, MidpointRounding.AwayFromZero);

    private static decimal? Round(decimal? rupees) => rupees is { } r ? Round(r) : null;
}
