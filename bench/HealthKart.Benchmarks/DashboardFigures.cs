using System.Globalization;
using HealthKart.Core.Analytics;

namespace HealthKart.Benchmarks;

/// <summary>
/// One item of a view: its sums (money in paise) and whatever else the view computes (ratios, counts).
/// </summary>
public sealed record Figure(long Orders, long Revenue, long Spend, long Posts, long Reach, long Engagements,
    double?[] Extra);

/// <summary>
/// Both sides' dashboards in one comparable form, view -> item key -> sums, so the run can assert that DuckDB and the
/// engine computed the same thing before it times either.
/// </summary>
public sealed record DashboardFigures(IReadOnlyDictionary<string, Dictionary<string, Figure>> Views)
{
    /// <summary>
    /// Our views in the same form. Engagements are not in the API (only the rate), so they are not compared.
    /// </summary>
    public static DashboardFigures Of(DashboardResult ours)
    {
        var summary = ours.Summary;
        var personas = ours.Personas.Items.Select(p => ($"persona|{p.Category}|{p.Platform}", (Kpis)p))
            .Concat(ours.Personas.ByGender.Select(g => ($"gender|{g.Gender}", (Kpis)g)))
            .Concat(ours.Personas.ByTier.Select(t => ($"tier|{t.Tier}", (Kpis)t)));
        return new DashboardFigures(new Dictionary<string, Dictionary<string, Figure>>
        {
            ["summary"] = new()
            {
                ["total"] = Of(summary, Paise(summary.UndatedSpend), summary.InfluencerCount,
                    summary.PaidInfluencerCount, summary.PoorPerformerCount),
            },
            ["influencers"] = ours.Influencers.Items.ToDictionary(i => i.InfluencerId, i => Of(i)),
            ["campaigns"] = ours.Campaigns.Items.ToDictionary(c => c.Campaign, c => Of(c)),
            ["platforms"] = ours.Platforms.Items.ToDictionary(p => p.Platform, p => Of(p)),
            ["personas"] = personas.ToDictionary(p => p.Item1, p => Of(p.Item2)),
            ["timeseries"] = ours.TimeSeries.Items.Where(d => d.Orders != 0 || d.Revenue != 0 || d.Spend != 0
                || d.Posts != 0)
                .ToDictionary(d => d.Period.DayNumber.ToString(CultureInfo.InvariantCulture), d => Of(d)),
        });
    }

    /// <summary>Every view's keys and sums must agree; the summary's undated spend and influencer counts too.</summary>
    public static void AssertSame(DashboardFigures ours, DashboardFigures duck)
    {
        var problems = new List<string>();
        foreach (var (view, items) in ours.Views)
        {
            var theirs = duck.Views[view];
            foreach (var key in items.Keys.Except(theirs.Keys).Take(3))
            {
                problems.Add($"{view}: '{key}' only in ours");
            }

            foreach (var key in theirs.Keys.Except(items.Keys).Take(3))
            {
                problems.Add($"{view}: '{key}' only in DuckDB's");
            }

            foreach (var (key, a) in items)
            {
                if (theirs.TryGetValue(key, out var b) && !Same(a, b, view == "summary"))
                {
                    problems.Add($"{view} '{key}': ours {Show(a)} vs DuckDB {Show(b)}");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The engine and DuckDB disagree:\n  "
                + string.Join("\n  ", problems.Take(20)));
        }
    }

    public int Items => Views.Values.Sum(v => v.Count);

    private static bool Same(Figure a, Figure b, bool summary) =>
        a.Orders == b.Orders && a.Revenue == b.Revenue && a.Spend == b.Spend && a.Posts == b.Posts && a.Reach == b.Reach
        && (!summary || a.Extra.SequenceEqual(b.Extra));

    private static string Show(Figure f) =>
        $"orders {f.Orders} revenue {f.Revenue} spend {f.Spend} posts {f.Posts} reach {f.Reach} " +
        $"[{string.Join(' ', f.Extra)}]";

    private static Figure Of(Kpis k, params double?[] extra) =>
        new(k.Orders, Paise(k.Revenue), Paise(k.Spend), k.Posts, k.Reach, 0, extra);

    private static long Paise(decimal rupees) => (long)(rupees * 100);
}
