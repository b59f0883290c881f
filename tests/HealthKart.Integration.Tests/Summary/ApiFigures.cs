using System.Text.RegularExpressions;
using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Customers;
using HealthKart.Core.Summary;
using static HealthKart.Core.Summary.SummaryFigures;

namespace HealthKart.Integration.Tests.Summary;

/// <summary>
/// Checks that the e-mail shows exactly the analytics API's figures for the week (<c>from</c>/<c>to</c> = Monday and
/// Sunday): the summary of the week and of the week before, the insights' changes, top and bottom five and actions.
/// </summary>
internal static class ApiFigures
{
    /// <summary>The headline metrics, their labels in the text part, and how the API's summary value reads.</summary>
    private static readonly (string Metric, string Label, Func<SummaryView, string> Read)[] Headlines =
    [
        ("revenue", "Revenue", v => Money(v.Revenue)),
        ("spend", "Spend", v => Money(v.Spend)),
        ("roi", "ROI", v => Percent(v.Roi)),
        ("roas", "ROAS", v => Ratio(v.Roas)),
        ("incrementalRoas", "Incremental ROAS", v => Ratio(v.IncrementalRoas)),
        ("orders", "Orders", v => Count(v.Orders)),
    ];

    public static async Task AssertShownAsync(SummaryApp app, IsoWeek week, string? html, string? text)
    {
        Assert.NotNull(html);
        Assert.NotNull(text);
        var range = $"?from={week.Monday:yyyy-MM-dd}&to={week.Sunday:yyyy-MM-dd}";
        var current = await AnalyticsApi.ViewAsync<SummaryView>(app, "summary", range);
        var previous = await AnalyticsApi.ViewAsync<SummaryView>(app, "summary",
            $"?from={week.Previous.Monday:yyyy-MM-dd}&to={week.Previous.Sunday:yyyy-MM-dd}");
        var insights = await AnalyticsApi.ViewAsync<InsightsView>(app, "insights", range);
        var executive = insights.ExecutiveSummary;
        foreach (var (metric, label, read) in Headlines)
        {
            // ROI is a percentage: its change reads in percentage points; every other change is the API's percent.
            var change = metric == "roi" ? Points((decimal?)current.Roi - (decimal?)previous.Roi)
                : Change(executive.ChangePercent[metric]);
            Assert.Equal(read(current), MailHtml.Headline(html, metric, "current"));
            Assert.Equal(read(previous), MailHtml.Headline(html, metric, "previous"));
            Assert.Equal(change, MailHtml.Headline(html, metric, "change"));
            Assert.Matches(
                new Regex(
                    $"(?m)^{Regex.Escape(label)} +{Regex.Escape(read(current))} +{Regex.Escape(read(previous))} " +
                    $"+{Regex.Escape(change)}$"), text);
        }

        // The API's bottom five, less any already in its top five (they overlap when fewer than ten are paid).
        var bottom = executive.Bottom.Where(b => !executive.Top.Contains(b)).ToList();
        foreach (var (list, items) in new[] { ("top", executive.Top), ("bottom", bottom) })
        {
            Assert.Equal(items.Select(i => i.InfluencerId), MailHtml.Rows(html, list));
            foreach (var i in items)
            {
                Assert.Equal(Money(i.Revenue), MailHtml.Influencer(html, list, i.InfluencerId, "revenue"));
                Assert.Equal(Money(i.Spend), MailHtml.Influencer(html, list, i.InfluencerId, "spend"));
                Assert.Equal(Ratio(i.Roas), MailHtml.Influencer(html, list, i.InfluencerId, "roas"));
                Assert.Equal(Percent(i.Roi), MailHtml.Influencer(html, list, i.InfluencerId, "roi"));
                Assert.Equal(Score(i.EfficiencyScore), MailHtml.Influencer(html, list, i.InfluencerId, "score"));
                Assert.Contains(
                    $"({i.InfluencerId}, {i.Platform}, {i.Tier}): revenue {Money(i.Revenue)}, spend " +
                    $"{Money(i.Spend)}, ROAS {Ratio(i.Roas)}, ROI {Percent(i.Roi)}", text);
            }
        }

        Assert.All(executive.Actions, a => Assert.Equal("reallocation", a.Kind));
        Assert.Equal(executive.Actions.Select(SummaryWording.ActionValue), MailHtml.ActionValues(html));
        Assert.All(executive.Actions, a => Assert.Contains(a.Title, text));

        // The customer observations of the week's insights, each with its rule, in both parts.
        var observations = insights.Items.Where(i => CustomerObservations.Kinds.Contains(i.Kind)).ToList();
        Assert.Equal(observations.Select(o => o.Kind), Regex.Matches(html, "data-observation=\"([a-z-]+)\"")
            .Select(m => m.Groups[1].Value));
        Assert.All(observations, o => Assert.Contains(o.Title, text));
        Assert.All(observations, o => Assert.Contains(o.Reason, text));
    }
}
