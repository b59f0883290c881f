using HealthKart.Core.Analytics.Customers;
using HealthKart.Core.Money;

namespace HealthKart.Core.Analytics;

/// <summary>
/// Rule-based insights and recommendations, each computed from the selection's numbers and carrying its reason and
/// figures: best and worst segments, budget reallocation from poor to top performers, scaling candidates, influencers to
/// drop, similar-profile candidates, risks and data-quality warnings; plus the executive summary.
/// </summary>
public static class InsightEngine
{
    /// <summary>Share of a scaled influencer's spend added in the scaling projection.</summary>
    private const decimal ScaleStep = 0.2m;

    private const double ConcentrationRisk = 0.3;

    public static InsightsView Insights(Selection selection, DateOnly today)
    {
        var influencers = AnalyticsEngine.InfluencerItems(selection);
        var items = new List<Insight>();
        items.AddRange(Segments("platform", AnalyticsEngine.Platforms(selection).Items.Select(i => (i.Platform, (Kpis)i))));
        items.AddRange(Segments("campaign", AnalyticsEngine.Campaigns(selection).Items.Select(i => (i.Campaign, (Kpis)i))));
        items.AddRange(Segments("persona", AnalyticsEngine.Personas(selection).Items.Select(i => ($"{i.Category} on {i.Platform}", (Kpis)i))));
        items.AddRange(Reallocation(influencers));
        items.AddRange(Scaling(influencers));
        items.AddRange(Drops(influencers));
        items.AddRange(SimilarProfiles(influencers));
        items.AddRange(Risks(selection, influencers, today));
        items.AddRange(CustomerObservations.Of(influencers, selection.Snapshot.CustomerOptions));
        var quality = DataQuality.Check(selection.Snapshot);
        if (quality.Items.Count > 0)
        {
            items.Add(new Insight("data-quality", $"{quality.Items.Count} kind(s) of data-quality warning",
                "Cross-file problems that may distort the figures; see the data-quality view.",
                quality.Items.ToDictionary(w => w.Kind, w => (object?)w.Count)));
        }

        var summary = Summarise(selection, today, influencers, items);
        return new InsightsView(items, summary, selection.Snapshot.DatasetVersion, Incrementality.Describe(selection));
    }

    public static ExecutiveSummary Summarise(Selection selection, DateOnly today, IReadOnlyList<InfluencerItem> influencers, IReadOnlyList<Insight> insights)
    {
        var current = AnalyticsEngine.Summary(selection, today);
        SummaryView? previous = null;
        if (current.Period is { From: { } from, To: { } to })
        {
            var days = to.DayNumber - from.DayNumber + 1;
            var before = selection.Query with { From = from.AddDays(-days), To = from.AddDays(-1) };
            previous = AnalyticsEngine.Summary(new Selection(selection.Snapshot, before), today);
        }

        var ranked = influencers.Where(i => i.Paid).ToList();
        var actions = insights.Where(i => i.Value is > 0).OrderByDescending(i => i.Value).Take(3).ToList();
        return new ExecutiveSummary(current, previous, Changes(current, previous), ranked.Take(5).ToList(),
            ranked.AsEnumerable().Reverse().Take(5).ToList(), actions);
    }

    private static Dictionary<string, double?> Changes(SummaryView current, SummaryView? previous)
    {
        static double? Percent(decimal? now, decimal? before) => now is { } n && before is { } b && b != 0 ? Kpis.Round((double)((n - b) / Math.Abs(b) * 100)) : null;
        static double? Ratio(double? now, double? before) => now is { } n && before is { } b && b != 0 ? Kpis.Round((n - b) / Math.Abs(b) * 100) : null;
        return new Dictionary<string, double?>
        {
            ["revenue"] = previous is null ? null : Percent(current.Revenue, previous.Revenue),
            ["spend"] = previous is null ? null : Percent(current.Spend, previous.Spend),
            ["orders"] = previous is null ? null : Percent(current.Orders, previous.Orders),
            ["incrementalRevenue"] = previous is null ? null : Percent(current.IncrementalRevenue, previous.IncrementalRevenue),
            ["roi"] = Ratio(current.Roi, previous?.Roi),
            ["roas"] = Ratio(current.Roas, previous?.Roas),
            ["incrementalRoas"] = Ratio(current.IncrementalRoas, previous?.IncrementalRoas),
        };
    }

    private static IEnumerable<Insight> Segments(string dimension, IEnumerable<(string Name, Kpis Kpis)> segments)
    {
        var paid = segments.Where(s => s.Kpis.Roas is not null && s.Name != Snapshot.Unattributed).OrderByDescending(s => s.Kpis.Roas).ToList();
        if (paid.Count < 2)
        {
            yield break;
        }

        var (best, worst) = (paid[0], paid[^1]);
        yield return new Insight("best-segment", $"Best {dimension}: {best.Name} returns ₹{best.Kpis.Roas:0.00} per ₹1 spent",
            $"Highest ROAS of {paid.Count} {dimension}s with spend.", Figures(dimension, best));
        yield return new Insight("worst-segment", $"Weakest {dimension}: {worst.Name} returns ₹{worst.Kpis.Roas:0.00} per ₹1 spent",
            $"Lowest ROAS of {paid.Count} {dimension}s with spend.", Figures(dimension, worst));
    }

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
    /// Moving the poor performers' spend to the top performers, at each group's current incremental ROAS. A projection:
    /// returns usually diminish as spend grows, so treat it as an upper bound.
    /// </summary>
    private static IEnumerable<Insight> Reallocation(IReadOnlyList<InfluencerItem> influencers)
    {
        var poor = influencers.Where(i => i.Poor).ToList();
        var top = influencers.Where(i => i.Paid && !i.Poor).Take(5).ToList();
        var moved = poor.Sum(i => i.Spend);
        var topSpend = top.Sum(i => i.Spend);
        if (poor.Count == 0 || top.Count == 0 || moved == 0 || topSpend == 0 || poor.Concat(top).Any(i => i.IncrementalRevenue is null))
        {
            yield break;
        }

        var topRoas = top.Sum(i => i.IncrementalRevenue!.Value) / topSpend;
        var poorRoas = poor.Sum(i => i.IncrementalRevenue!.Value) / moved;
        var gain = Math.Round(moved * (topRoas - poorRoas), 2);
        if (gain <= 0)
        {
            yield break;
        }

        yield return new Insight("reallocation",
            $"Move {Inr.Format(moved)} from {poor.Count} poor performer(s) to the top {top.Count}",
            $"Projection: at current incremental ROAS ({topRoas:0.00} for the top performers, {poorRoas:0.00} for the poor ones) this adds about {Inr.Format(gain)} of incremental revenue. Returns usually diminish with scale, so treat it as an upper bound.",
            new Dictionary<string, object?>
            {
                ["spendMoved"] = moved,
                ["from"] = poor.Select(i => i.InfluencerId).ToList(),
                ["to"] = top.Select(i => i.InfluencerId).ToList(),
                ["topIncrementalRoas"] = Kpis.Round((double)topRoas),
                ["poorIncrementalRoas"] = Kpis.Round((double)poorRoas),
                ["projectedIncrementalRevenue"] = gain,
                ["projection"] = true,
            }, gain);
    }

    private static IEnumerable<Insight> Scaling(IReadOnlyList<InfluencerItem> influencers)
    {
        foreach (var item in influencers.Where(i => i.Paid && !i.Poor && i.IncrementalRoas > 1 && i.EfficiencyScore >= 60).Take(3))
        {
            var added = Math.Round(item.Spend * ScaleStep, 2);
            var net = Math.Round(added * ((decimal)item.IncrementalRoas!.Value - 1), 2);
            yield return new Insight("scale", $"Scale {item.Name} ({item.InfluencerId}) by {ScaleStep:P0}",
                $"Efficiency score {item.EfficiencyScore:0.0} (rank {item.Rank}) with incremental ROAS {item.IncrementalRoas:0.00}. Projection: {Inr.Format(added)} more spend would return about {Inr.Format(net)} net incremental revenue if the ROAS holds.",
                new Dictionary<string, object?>
                {
                    ["influencerId"] = item.InfluencerId,
                    ["efficiencyScore"] = item.EfficiencyScore,
                    ["incrementalRoas"] = item.IncrementalRoas,
                    ["additionalSpend"] = added,
                    ["projectedNetIncrementalRevenue"] = net,
                    ["projection"] = true,
                }, net);
        }
    }

    /// <summary>An influencer whose incremental revenue does not cover their cost loses money on every rupee.</summary>
    private static IEnumerable<Insight> Drops(IReadOnlyList<InfluencerItem> influencers)
    {
        foreach (var item in influencers.Where(i => i.Poor && i.IncrementalRevenue < i.Spend).OrderBy(i => i.Roi))
        {
            var saved = item.Spend - item.IncrementalRevenue!.Value;
            yield return new Insight("drop", $"Stop or renegotiate {item.Name} ({item.InfluencerId})",
                $"ROI {item.Roi:0.0} %: {Inr.Format(item.Spend)} spent for {Inr.Format(item.IncrementalRevenue.Value)} of incremental revenue, a net loss of {Inr.Format(saved)}.",
                new Dictionary<string, object?>
                {
                    ["influencerId"] = item.InfluencerId,
                    ["spend"] = item.Spend,
                    ["incrementalRevenue"] = item.IncrementalRevenue,
                    ["roi"] = item.Roi,
                    ["netSaving"] = saved,
                }, saved);
        }
    }

    /// <summary>Unpaid or lightly used influencers who share a top performer's category, platform and tier.</summary>
    private static IEnumerable<Insight> SimilarProfiles(IReadOnlyList<InfluencerItem> influencers)
    {
        foreach (var top in influencers.Where(i => i.Paid && !i.Poor).Take(3))
        {
            var similar = influencers
                .Where(i => i.InfluencerId != top.InfluencerId && i.Category == top.Category && i.Platform == top.Platform && i.Tier == top.Tier
                    && (!i.Paid || i.Spend < top.Spend / 2))
                .Select(i => i.InfluencerId).Take(5).ToList();
            if (similar.Count > 0)
            {
                yield return new Insight("similar-profile", $"Profiles like {top.Name}: {string.Join(", ", similar)}",
                    $"Same category ({top.Category}), platform ({top.Platform}) and tier ({top.Tier}) as a top performer, with little or no spend so far.",
                    new Dictionary<string, object?> { ["like"] = top.InfluencerId, ["candidates"] = similar });
            }
        }
    }

    private static IEnumerable<Insight> Risks(Selection selection, IReadOnlyList<InfluencerItem> influencers, DateOnly today)
    {
        var revenue = influencers.Sum(i => i.Revenue);
        if (revenue > 0 && influencers.MaxBy(i => i.Revenue) is { } biggest && (double)(biggest.Revenue / revenue) > ConcentrationRisk)
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
                $"Influencers with ROI under {selection.Snapshot.Options.PoorRoiBelow} % or ROAS under {selection.Snapshot.Options.PoorRoasBelow} take {Inr.Format(poorSpend)} of {Inr.Format(spend)}.",
                new Dictionary<string, object?> { ["poorSpend"] = poorSpend, ["spend"] = spend, ["share"] = share });
        }

        var period = AnalyticsEngine.Period(selection, today);
        if (period.ImmatureDays > 0)
        {
            yield return new Insight("risk", $"The last {period.ImmatureDays} day(s) are still maturing",
                $"Orders lag posts by up to {period.MaturityDays} days, so recent revenue and ROI will still rise.",
                new Dictionary<string, object?> { ["immatureDays"] = period.ImmatureDays, ["maturityDays"] = period.MaturityDays });
        }
    }
}
