using System.Text;
using HealthKart.Core.Analytics;

namespace HealthKart.Core.Summary;

/// <summary>
/// The plain-text alternative of the weekly e-mail: the same sentences and the same figures as the HTML.
/// </summary>
public static class WeeklySummaryText
{
    public static string Render(WeeklySummary s)
    {
        var text = new StringBuilder(4 * 1024);
        text.AppendLine($"HealthKart influencer ROI: {SummaryWording.Title}").AppendLine(SummaryWording.Week(s));
        if (s.HasActivity)
        {
            text.AppendLine(SummaryWording.ComparedWith(s));
        }

        if (SummaryWording.Maturity(s) is { } maturity)
        {
            text.AppendLine().AppendLine($"Note: {maturity}");
        }

        if (s.HasActivity)
        {
            Heading(text, "HEADLINE FIGURES");
            text.AppendLine(Row("", "This week", "Week before", "Change"));
            foreach (var h in s.Headlines)
            {
                text.AppendLine(Row(h.Label, SummaryFigures.Current(h), SummaryFigures.Previous(h),
                    SummaryFigures.Change(h)));
            }

            Influencers(text, SummaryWording.TopHeading(s).ToUpperInvariant(), s, "top");
            Influencers(text, SummaryWording.BottomHeading(s).ToUpperInvariant(), s, "bottom");
            Heading(text, SummaryWording.ActionsHeading(s).ToUpperInvariant());
            if (s.Actions.Count == 0)
            {
                text.AppendLine("No action with a rupee value stands out this week.");
                if (s.BudgetAdvice is not null)
                {
                    text.AppendLine("Budget plan: " + s.BudgetAdvice);
                }
            }

            for (var n = 0; n < s.Actions.Count; n++)
            {
                var a = s.Actions[n];
                text.AppendLine($"{n + 1}. {a.Title}").AppendLine($"   {a.Reason}")
                    .AppendLine($"   {SummaryWording.ActionValue(a)}");
            }

            Heading(text, "CUSTOMER OBSERVATIONS");
            text.AppendLine(s.Observations.Count == 0 ? SummaryWording.NoObservations
                : string.Join(Environment.NewLine,
                    s.Observations.Select(o => $"- {o.Title}{Environment.NewLine}  {o.Reason}")));
        }
        else
        {
            Heading(text, "NO INFLUENCER ACTIVITY THIS WEEK");
            text.AppendLine(SummaryWording.NoActivity(s)).AppendLine(SummaryWording.DataRange(s));
            if (SummaryWording.LatestActiveWeek(s) is { } latest)
            {
                text.AppendLine(latest);
            }
        }

        Heading(text, "DATA-QUALITY WARNINGS");
        text.AppendLine(s.DataQuality.Count == 0 ? SummaryWording.NoWarnings : string.Join(Environment.NewLine,
            s.DataQuality.Select(Warning)));
        Heading(text, "UPLOADS THIS WEEK");
        text.AppendLine(s.Uploads.Count == 0 ? SummaryWording.NoUploads : string.Join(Environment.NewLine,
            s.Uploads.Select(u => "- " + SummaryWording.Upload(u))));
        if (s.HasActivity)
        {
            Heading(text, "REPORTS FOR THIS WEEK");
            if (s.Links.Count == 0)
            {
                text.AppendLine(SummaryWording.NoLinks);
            }
            else
            {
                foreach (var link in s.Links)
                {
                    text.AppendLine($"{link.Title} ({link.Format.ToUpperInvariant()}): {link.Url}");
                }

                text.AppendLine(
                    $"The links open without signing in until {IndianText.IndiaClock(s.Links.Min(l => l.ExpiresAt))}.");
            }

            if (s.Attachment is { } attachment)
            {
                text.AppendLine($"Attached: {attachment}, the full report for the week.");
            }
        }

        text.AppendLine().AppendLine("--").AppendLine(SummaryWording.Incrementality(s))
            .AppendLine(SummaryWording.Footer(s));
        return text.ToString();
    }

    /// <summary>
    /// A row of the headline table: right-aligned columns that never run into each other, however long a figure.
    /// </summary>
    private static string Row(string label, string current, string previous, string change) =>
        $"{label,-16}  {current,12}  {previous,12}  {change,12}";

    private static void Heading(StringBuilder text, string heading) => text.AppendLine().AppendLine(heading)
        .AppendLine(new string('-', heading.Length));

    private static void Influencers(StringBuilder text, string heading, WeeklySummary s, string list)
    {
        Heading(text, heading);
        var items = list == "top" ? s.Top : s.Bottom;
        if (items.Count == 0)
        {
            text.AppendLine(SummaryWording.NoneRanked(s, list));
        }

        foreach (var i in items)
        {
            text.AppendLine(
                $"{i.Rank}. {SummaryWording.Influencer(i)}: revenue {SummaryFigures.Money(i.Revenue)}, spend " +
                $"{SummaryFigures.Money(i.Spend)}, " +
                $"ROAS {SummaryFigures.Ratio(i.Roas)}, ROI {SummaryFigures.Percent(i.Roi)}, score " +
                $"{SummaryFigures.Score(i.EfficiencyScore)}");
        }
    }

    private static string Warning(DataQualityWarning w) =>
        $"- {w.Message} ({SummaryFigures.Count(w.Count)})"
        + (w.Examples.Count > 0 ? $" For example: {string.Join("; ", w.Examples.Take(2))}" : "");
}
