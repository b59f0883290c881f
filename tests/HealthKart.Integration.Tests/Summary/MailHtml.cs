using System.Net;
using System.Text.RegularExpressions;

namespace HealthKart.Integration.Tests.Summary;

/// <summary>
/// Reads figures back out of the e-mail's HTML by its <c>data-*</c> attributes, decoded as a reader sees them.
/// </summary>
internal static partial class MailHtml
{
    /// <summary>A headline figure: <paramref name="figure"/> is current, previous or change.</summary>
    public static string Headline(string? html, string metric, string figure) =>
        Figure(Element(html, "div", $"data-metric=\"{metric}\""), figure);

    /// <summary>A figure of an influencer's row in the top or bottom list (revenue, spend, roas, roi, score).</summary>
    public static string Influencer(string? html, string list, string influencerId, string figure) =>
        Figure(Element(html, "tr", $"data-list=\"{list}\" data-influencer=\"{influencerId}\""), figure);

    public static IReadOnlyList<string> Rows(string? html, string list) =>
        [.. RowOf().Matches(html ?? "").Where(m => m.Groups[1].Value == list)
            .Select(m => WebUtility.HtmlDecode(m.Groups[2].Value))];

    public static IReadOnlyList<string> ActionValues(string? html) =>
        [.. ValueOf().Matches(html ?? "").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    public static IReadOnlyList<string> Links(string? html) =>
        [.. LinkOf().Matches(html ?? "").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    private static string Element(string? html, string tag, string attributes)
    {
        Assert.NotNull(html);
        var start = html.IndexOf($"<{tag} {attributes}", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The HTML has no <{tag} {attributes}>.");
        return html[start..];
    }

    /// <summary>
    /// The first element with <c>data-figure="name"</c> after the start of <paramref name="html"/>, as text.
    /// </summary>
    private static string Figure(string html, string name)
    {
        var match = Regex.Match(html, $"data-figure=\"{name}\"[^>]*>(.*?)</(td|span|div)>", RegexOptions.Singleline);
        Assert.True(match.Success, $"No data-figure=\"{name}\" found.");
        return WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
    }

    [GeneratedRegex("<tr data-list=\"([a-z]+)\" data-influencer=\"([^\"]+)\"")]
    private static partial Regex RowOf();

    [GeneratedRegex("data-figure=\"value\"[^>]*>([^<]*)<")]
    private static partial Regex ValueOf();

    [GeneratedRegex("<a data-report=\"[^\"]+\" href=\"([^\"]+)\"")]
    private static partial Regex LinkOf();
}
