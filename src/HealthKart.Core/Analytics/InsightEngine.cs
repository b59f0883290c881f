using HealthKart.Core.Analytics.Customers;
using HealthKart.Core.Analytics.Planning;
using HealthKart.Core.Money;

namespace HealthKart.Core.Analytics;

/// <summary>
/// Rule-based insights and recommendations, each computed from the selection's numbers and carrying its reason and
/// figures: best and worst segments, budget reallocation (from the budget planner, with its interval: the only advice
/// here that moves money and carries a rupee value), influencers whose cost their incremental revenue did not cover,
/// similar-profile candidates, risks and data-quality warnings; plus the executive summary.
/// </summary>
public static class InsightEngine
{
    private const double ConcentrationRisk = 0.3;

    /// <summary>The share of the spend a segment needs to be named best or weakest (<see cref="Segments"/>).</summary>
    private const decimal MinSegmentSpendShare = 0.02m;

    /// <summary>How many influencers short of their cost the insights name one by one (<see cref="Drops"/>).</summary>
    private const int NamedDrops = 5;

    public static InsightsView Insights(Selection selection, DateOnly today)
    {
        // The plan's verdict is most of the work and needs nothing else here: it runs on another core meanwhile (or on
        // this thread, when waited for before any other took it up).
        var verdict = Task.Run(() => BudgetPlanner.Verdict(selection));
        var influencers = AnalyticsEngine.InfluencerItems(selection);
        var items = new List<Insight>();
        items.AddRange(
            Segments("platform", AnalyticsEngine.Platforms(selection).Items.Select(i => (i.Platform, (Kpis)i))));
        items.AddRange(
            Segments("campaign", AnalyticsEngine.Campaigns(selection).Items.Select(i => (i.Campaign, (Kpis)i))));
        items.AddRange(Segments("persona",
            AnalyticsEngine.Personas(selection).Items.Select(i => ($"{i.Category} on {i.Platform}", (Kpis)i))));
        var reallocation = items.Count;
        items.AddRange(Drops(influencers));
        items.AddRange(SimilarProfiles(influencers));
        items.AddRange(Risks(selection, influencers, today));
        items.AddRange(CustomerObservations.Of(influencers, selection.Snapshot.CustomerOptions));
        // The data-quality warnings are the dataset's, whatever the filters: checked once per snapshot.
        var quality = selection.Snapshot.Memo("data-quality", () => DataQuality.Check(selection.Snapshot));
        if (quality.Items.Count > 0)
        {
            items.Add(new Insight("data-quality",
                $"{IndianText.Count(quality.Items.Count, "kind")} of data-quality warning",
                "Cross-file problems that may distort the figures; see the data-quality view.",
                quality.Items.ToDictionary(w => w.Kind, w => (object?)w.Count)));
        }

        items.Insert(reallocation, Reallocation(verdict.GetAwaiter().GetResult()));
        var summary = Summarise(selection, today, influencers, items);
        return new InsightsView(items, summary, selection.Snapshot.DatasetVersion, Incrementality.Describe(selection));
    }

    public static ExecutiveSummary Summarise(Selection selection, DateOnly today,
        IReadOnlyList<InfluencerItem> influencers, IReadOnlyList<Insight> insights)
    {
        var current = AnalyticsEngine.Summary(selection, today);
        SummaryView? previous = null;
        if (current.Period is { From: { } from, To: { } to })
        {
            var days = to.DayNumber - from.DayNumber + 1;
            var before = selection.Query with { From = from.AddDays(-days), To = from.AddDays(-1) };
            previous = AnalyticsEngine.Summary(Selection.For(selection.Snapshot, before), today);
        }

        var ranked = influencers.Where(i => i.Paid).ToList();
        var actions = insights.Where(i => i.Value is > 0).OrderByDescending(i => i.Value).Take(3).ToList();
        return new ExecutiveSummary(current, previous, Changes(current, previous), ranked.Take(5).ToList(),
            ranked.AsEnumerable().Reverse().Take(5).ToList(), actions);
    }

    private static Dictionary<string, double?> Changes(SummaryView current, SummaryView? previous)
    {
        static double? Percent(decimal? now, decimal? before) => now is { } n && before is { } b && b != 0
            ? Kpis.Round((double)((n - b) / Math.Abs(b) * 100)) : null;
        static double? Ratio(double? now, double? before) => now is { } n && before is { } b && b != 0
            ? Kpis.Round((n - b) / Math.Abs(b) * 100) : null;
        return new Dictionary<string, double?>
        {
            ["revenue"] = previous is null ? null : Percent(current.Revenue, previous.Revenue),
            ["spend"] = previous is null ? null : Percent(current.Spend, previous.Spend),
            ["orders"] = previous is null ? null : Percent(current.Orders, previous.Orders),
            ["incrementalRevenue"] = previous is null
                ? null : Percent(current.IncrementalRevenue, previous.IncrementalRevenue),
            ["roi"] = Ratio(current.Roi, previous?.Roi),
            ["roas"] = Ratio(current.Roas, previous?.Roas),
            ["incrementalRoas"] = Ratio(current.IncrementalRoas, previous?.IncrementalRoas),
        };
    }

    /// <summary>
    /// The best and the weakest segment by ROAS, among those with at least <see cref="MinSegmentSpendShare"/> of the
    /// spend (a persona with 0.1 % of it and one lucky sale is not the best persona). None when fewer than two qualify,
    /// or when the two read the same at the paise the titles show (spend and no sales: every one returns ₹0.00):
    /// naming one of equals the best is a claim the data does not make. The reason says what the ROAS rests on.
    /// </summary>
    internal static IEnumerable<Insight> Segments(string dimension, IEnumerable<(string Name, Kpis Kpis)> segments)
    {
        var paid = segments.Where(s => s.Kpis.Roas is not null && s.Name != Snapshot.Unattributed).ToList();
        var floor = paid.Sum(s => s.Kpis.Spend) * MinSegmentSpendShare;
        var ranked = paid.Where(s => s.Kpis.Spend >= floor).OrderByDescending(s => s.Kpis.Roas).ToList();
        if (ranked.Count < 2 || Shown(ranked[0]) == Shown(ranked[^1]))
        {
            yield break;
        }

        var among = ranked.Count == paid.Count
            ? $"of the {ranked.Count} {dimension}s with spend"
            : $"of the {ranked.Count} {dimension}s with at least {MinSegmentSpendShare * 100:0} % of the spend " +
                $"({paid.Count - ranked.Count} with less left out)";
        var (best, worst) = (ranked[0], ranked[^1]);
        yield return new Insight("best-segment",
            $"Best {dimension}: {best.Name} returns {Shown(best)} per ₹1 spent",
            $"Highest ROAS {among}: {RestsOn(best)}.", Figures(dimension, best));
        yield return new Insight("worst-segment",
            $"Weakest {dimension}: {worst.Name} returns {Shown(worst)} per ₹1 spent",
            $"Lowest ROAS {among}: {RestsOn(worst)}.", Figures(dimension, worst));
    }

    private static string RestsOn((string Name, Kpis Kpis) segment) =>
        $"{Inr.Prose(segment.Kpis.Revenue)} of revenue on {Inr.Prose(segment.Kpis.Spend)} of spend";

    /// <summary>Rupees per rupee as the title shows them: ₹1.20, or -₹0.30 where refunds exceed sales.</summary>
    private static string Shown((string Name, Kpis Kpis) segment) => Inr.Format((decimal)segment.Kpis.Roas!.Value);

    private static Dictionary<string, object?> Figures(string dimension, (string Name, Kpis Kpis) segment) => new()
    {
        [dimension] = segment.Name,
        ["revenue"] = segment.Kpis.Revenue,
        ["spend"] = segment.Kpis.Spend,
        ["roas"] = segment.Kpis.Roas,
        ["roi"] = segment.Kpis.Roi,
        ["incrementalRoas"] = segment.Kpis.IncrementalRoas,
    };

    /// <summary>
    /// The budget plan's verdict (docs/planner.md): where the money should go, with diminishing returns and the gain's
    /// interval, and a rupee value only when that interval excludes zero; otherwise the insight says no reallocation is
    /// supported, and it is no action.
    /// </summary>
    private static Insight Reallocation(PlanView plan)
    {
        var up = plan.Allocations.Where(a => a.ProposedSpend > a.CurrentSpend)
            .OrderByDescending(a => a.ProposedSpend - a.CurrentSpend).ToList();
        var down = plan.Allocations.Where(a => a.ProposedSpend < a.CurrentSpend)
            .OrderByDescending(a => a.CurrentSpend - a.ProposedSpend).ToList();
        var moved = down.Sum(a => a.CurrentSpend - a.ProposedSpend);
        var title = plan.Advised
            ? $"{BudgetPlanner.Move(moved, down.Count, up.Count)}: expected gain {Inr.Prose(plan.ExpectedGain.Value)}"
            : "No reallocation is supported by the data";
        return new Insight("reallocation", title, plan.Advice, new Dictionary<string, object?>
        {
            ["advised"] = plan.Advised,
            ["spendMoved"] = moved,
            ["from"] = down.Select(a => a.InfluencerId).Take(10).ToList(),
            ["to"] = up.Select(a => a.InfluencerId).Take(10).ToList(),
            ["expectedGain"] = plan.ExpectedGain.Value,
            ["expectedGainLow"] = plan.ExpectedGain.Low,
            ["expectedGainHigh"] = plan.ExpectedGain.High,
            ["level"] = plan.ExpectedGain.Level,
        }, plan.Advised ? plan.ExpectedGain.Value : null);
    }

    /// <summary>
    /// Influencers whose incremental revenue did not cover their cost, the largest shortfall first: the first
    /// <see cref="NamedDrops"/> by name, the rest as one line with their totals (at the design scale a thousand or more
    /// fall short, and a list that long would bury every other insight). Observations, not ranked actions: how much to
    /// move is the budget plan's answer (docs/metrics.md#insights-and-the-budget-planner).
    /// </summary>
    private static IEnumerable<Insight> Drops(IReadOnlyList<InfluencerItem> influencers)
    {
        var shortOfCost = influencers.Where(i => i.Poor && i.IncrementalRevenue < i.Spend)
            .OrderByDescending(i => i.Spend - i.IncrementalRevenue!.Value).ToList();
        foreach (var item in shortOfCost.Take(NamedDrops))
        {
            var shortfall = item.Spend - item.IncrementalRevenue!.Value;
            yield return new Insight("drop",
                $"{item.Name} ({item.InfluencerId}) cost more than their incremental revenue",
                $"ROI {item.Roi:0.0} %: {Inr.Prose(item.Spend)} spent for {Inr.Prose(item.IncrementalRevenue.Value)} " +
                $"of incremental revenue, {Inr.Prose(shortfall)} short of the cost. An observation: the budget plan " +
                "says whether the data supports moving money, and how much.",
                new Dictionary<string, object?>(capacity: 5)
                {
                    ["influencerId"] = item.InfluencerId,
                    ["spend"] = item.Spend,
                    ["incrementalRevenue"] = item.IncrementalRevenue,
                    ["roi"] = item.Roi,
                    ["shortfall"] = shortfall,
                });
        }

        var rest = shortOfCost.Skip(NamedDrops).ToList();
        if (rest.Count > 0)
        {
            var (spend, incremental) = (rest.Sum(i => i.Spend), rest.Sum(i => i.IncrementalRevenue!.Value));
            yield return new Insight("drop",
                $"{IndianText.Count(rest.Count, "more influencer")} {(rest.Count == 1 ? "costs" : "cost")} more than " +
                "their incremental revenue",
                $"Together {Inr.Prose(spend)} spent for {Inr.Prose(incremental)} of incremental revenue, " +
                $"{Inr.Prose(spend - incremental)} short of the cost. The poor performers list and the influencers " +
                "table name them; the budget plan says whether the data supports moving money, and how much.",
                new Dictionary<string, object?>(capacity: 4)
                {
                    ["influencers"] = rest.Count,
                    ["spend"] = spend,
                    ["incrementalRevenue"] = incremental,
                    ["shortfall"] = spend - incremental,
                });
        }
    }

    /// <summary>Unpaid or lightly used influencers who share a top performer's category, platform and tier.</summary>
    private static IEnumerable<Insight> SimilarProfiles(IReadOnlyList<InfluencerItem> influencers)
    {
        foreach (var top in influencers.Where(i => i.Paid && !i.Poor).Take(3))
        {
            var similar = influencers
                .Where(i => i.InfluencerId != top.InfluencerId && i.Category == top.Category
                    && i.Platform == top.Platform && i.Tier == top.Tier
                    && (!i.Paid || i.Spend < top.Spend / 2))
                .Select(i => i.InfluencerId).Take(5).ToList();
            if (similar.Count > 0)
            {
                yield return new Insight("similar-profile", $"Profiles like {top.Name}: {string.Join(", ", similar)}",
                    $"Same category ({top.Category}), platform ({top.Platform}) and tier ({top.Tier}) as a top " +
                    "performer, with little or no spend so far.",
                    new Dictionary<string, object?> { ["like"] = top.InfluencerId, ["candidates"] = similar });
            }
        }
    }

    private static IEnumerable<Insight> Risks(Selection selection, IReadOnlyList<InfluencerItem> influencers,
        DateOnly today)
    {
        var revenue = influencers.Sum(i => i.Revenue);
        if (revenue > 0 && influencers.MaxBy(i => i.Revenue) is { } biggest
            && (double)(biggest.Revenue / revenue) > ConcentrationRisk)
        {
            var share = Kpis.Round((double)(biggest.Revenue / revenue) * 100);
            yield return new Insight("risk", $"{share:0.#} % of influencer revenue depends on {biggest.Name}",
                "Revenue concentrated on one influencer is at risk if they stop posting or change terms.",
                new Dictionary<string, object?> { ["influencerId"] = biggest.InfluencerId, ["revenueShare"] = share });
        }

        var spend = influencers.Sum(i => i.Spend);
        var poorSpend = influencers.Where(i => i.Poor).Sum(i => i.Spend);
        if (spend > 0 && poorSpend / spend > 0.25m)
        {
            var share = Kpis.Round((double)(poorSpend / spend) * 100);
            yield return new Insight("risk", $"{share:0.#} % of spend goes to poor performers",
                $"Influencers with ROI under {selection.Snapshot.Options.PoorRoiBelow} % or ROAS under " +
                $"{selection.Snapshot.Options.PoorRoasBelow} take {Inr.Format(poorSpend)} of {Inr.Format(spend)}.",
                new Dictionary<string, object?> { ["poorSpend"] = poorSpend, ["spend"] = spend, ["share"] = share });
        }

        var period = AnalyticsEngine.Period(selection, today);
        if (period.ImmatureDays > 0)
        {
            yield return new Insight("risk", period.ImmatureDays == 1
                    ? "The last day is still maturing" : $"The last {period.ImmatureDays} days are still maturing",
                $"Orders lag posts by up to {period.MaturityDays} days, so recent revenue and ROI will still rise.",
                new Dictionary<string, object?>
                {
                    ["immatureDays"] = period.ImmatureDays,
                    ["maturityDays"] = period.MaturityDays
                });
        }
    }
}
