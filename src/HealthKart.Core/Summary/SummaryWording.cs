using System.Globalization;
using HealthKart.Core.Analytics;
using HealthKart.Core.Money;

namespace HealthKart.Core.Summary;

/// <summary>The sentences of the weekly summary, shared by the HTML and the text part (and the subject line).</summary>
public static class SummaryWording
{
    public const string Title = "Weekly influencer ROI summary";

    public static string Subject(WeeklySummary s)
    {
        var prefix = $"HealthKart influencer ROI {s.Week} ({SummaryFigures.Range(s.From, s.To)})";
        if (!s.HasActivity)
        {
            return $"{prefix}: no influencer activity";
        }

        var revenue = s.Headlines.Single(h => h.Metric == "revenue");
        var change = revenue.ChangePercent is null
            ? "" : $", {SummaryFigures.Change(revenue.ChangePercent)} on the week before";
        return $"{prefix}: revenue {SummaryFigures.Current(revenue)}{change}";
    }

    public static string Week(WeeklySummary s) =>
        $"Week {s.Week.Week} of {s.Week.Year} ({s.Week}): Monday {IndianText.Date(s.From)} to Sunday " +
        $"{IndianText.Date(s.To)}, IST";

    public static string ComparedWith(WeeklySummary s) =>
        $"Compared with the week before, {SummaryFigures.Range(s.PreviousFrom, s.PreviousTo)}.";

    /// <summary>
    /// Orders lag posts: the newest days' figures will still rise, and the reader should know how many such days there
    /// are.
    /// </summary>
    public static string? Maturity(WeeklySummary s)
    {
        var days = s.ImmatureDays switch
        {
            <= 0 => null,
            1 => "The last day of this week is",
            >= 7 => "All 7 days of this week are",
            _ => $"The last {s.ImmatureDays} days of this week are",
        };
        var consequence = s.HasActivity ? "so revenue, ROI and ROAS will still rise" : "so some may still come in";
        return days is null
            ? null : $"{days} still maturing: orders arrive up to {s.MaturityDays} days after a post, {consequence}.";
    }

    public static string NoActivity(WeeklySummary s) =>
        "No influencer activity was recorded this week: no tracked influencer sales, no posts and no dated spend. " +
        "There are no results to report, so this summary shows none.";

    public static string DataRange(WeeklySummary s) => (s.DataFrom, s.DataTo) switch
    {
        (null, _) or (_, null) => "No data has been ingested yet.",
        ({ } from, { } to) when to < s.From =>
            $"The data runs from {IndianText.Date(from)} to {IndianText.Date(to)}: nothing dated in this " +
            "week has been ingested yet.",
        ({ } from, { } to) =>
            $"The data runs from {IndianText.Date(from)} to {IndianText.Date(to)}, but none of it falls in this week.",
    };

    /// <summary>Where to look instead of an empty week; null when no week has activity.</summary>
    public static string? LatestActiveWeek(WeeklySummary s) => s.LatestActiveWeek is { } week
        ? $"The latest week with influencer activity is {week} ({SummaryFigures.Range(week.Monday, week.Sunday)})."
        : null;

    /// <summary>An action's rupee value, with the interval the budget plan gives it (docs/planner.md).</summary>
    public static string ActionValue(Insight action) =>
        Figure(action, "expectedGainLow") is { } low && Figure(action, "expectedGainHigh") is { } high
            ? $"Expected gain about {Inr.Prose(action.Value ?? 0)} (interval {Inr.Prose(low)} to {Inr.Prose(high)})"
            : $"Worth about {Inr.Prose(action.Value ?? 0)}";

    /// <summary>
    /// The headings of the rankings and the actions count what they list: a week of seven paid influencers shows its
    /// top five and a bottom of the other two, and a week may have one action worth a rupee figure, or none.
    /// </summary>
    public static string TopHeading(WeeklySummary s) => Ranking("Top", s.Top.Count) + " (by efficiency score)";

    public static string BottomHeading(WeeklySummary s) => Ranking("Bottom", s.Bottom.Count);

    public static string ActionsHeading(WeeklySummary s) => s.Actions.Count switch
    {
        0 => "The most valuable actions",
        1 => "The most valuable action",
        2 => "The two most valuable actions",
        3 => "The three most valuable actions",
        var n => $"The {n} most valuable actions",
    };

    private static string Ranking(string end, int count) => count switch
    {
        0 => $"{end} influencers",
        1 => $"{end} influencer",
        _ => $"{end} {count} influencers",
    };

    /// <summary>
    /// Why a ranking is empty: nobody was paid, or (the bottom list) everyone paid is already among the top.
    /// </summary>
    public static string NoneRanked(WeeklySummary s, string list) => (list, s.Top.Count) switch
    {
        ("bottom", 1) => "The week's only paid influencer is listed above.",
        ("bottom", > 1) => $"All {s.Top.Count} paid influencers of the week are listed above.",
        _ => "No paid influencer was active this week.",
    };

    public static string Influencer(InfluencerItem i) => $"{i.Name} ({i.InfluencerId}, {i.Platform}, {i.Tier})";

    public static string Incrementality(WeeklySummary s) => s.Incrementality.BaselineRate is { } rate
        ? $"Incremental revenue uses the {s.Incrementality.Method} method: revenue less a " +
            $"{(rate * 100).ToString("0.##", CultureInfo.InvariantCulture)} % baseline, an assumption " +
            "rather than a measured lift."
        : $"Incremental revenue uses the {s.Incrementality.Method} method.";

    public static string Footer(WeeklySummary s) =>
        $"Dataset {s.DatasetVersion}, generated {IndianText.IndiaClock(s.GeneratedAt)}. Revenue and orders are " +
        "tracked influencer sales net of refunds and cancellations; spend is the recorded payouts, allocated " +
        "to the days they pay for.";

    public static string NoLinks =>
        "Signed links are not configured (setting Links:Keys), so this e-mail carries none.";

    public static string NoUploads => "No files were uploaded this week.";

    public static string NoWarnings => "No cross-file data-quality warnings.";

    public static string NoObservations =>
        "No influencer stands out this week for new customers per rupee or for orders mostly from returning customers.";

    public static string Upload(WeekUpload u) =>
        $"{u.FileName}: {u.Status}, {IndianText.Count(u.Rows, "row")}, {IndianText.Count(u.Errors, "error")}, " +
        $"{IndianText.Count(u.Warnings, "warning")} (received {IndianText.IndiaClock(u.ReceivedAt)})";

    /// <summary>A figure of an insight, as built or as read back from the API's JSON (a number element then).</summary>
    private static decimal? Figure(Insight action, string name) => action.Figures.TryGetValue(name, out var value)
        ? value switch
        {
            decimal d => d,
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } e => e.GetDecimal(),
            _ => null,
        } : null;
}
