using System.Text.RegularExpressions;
using HealthKart.Core.Views;
using HealthKart.Infrastructure.Exports;
using HealthKart.Integration.Tests.Cli;

namespace HealthKart.Integration.Tests.Views;

/// <summary>
/// The dashboard names views in its scripts (the tabs' reports, the analytics it loads, its export buttons); every name
/// it uses is one the catalog has, so a view renamed or removed there cannot leave the page asking for nothing.
/// </summary>
public sealed partial class DashboardViewsTests
{
    [Fact]
    public void EveryViewAndReportThePageNamesIsInTheCatalog()
    {
        var scripts = string.Join('\n', Directory.GetFiles(Path.Combine(HkProcess.RepositoryRoot, "static-web", "js"),
            "*.js").Select(File.ReadAllText));
        var views = Names(AnalyticsRoute(), scripts).Concat(Names(Breakdown(), scripts)).Distinct().ToList();
        var reports = Names(Report(), scripts).Append("full").Distinct().ToList();

        Assert.Empty(views.Except(ViewCatalog.Routed.Select(v => v.Name)));
        Assert.Empty(reports.Except(ExportBuilder.Reports));
        // Found, not merely absent: the page loads at least its ten tabs' views, and exports as many reports.
        Assert.InRange(views.Count, 10, ViewCatalog.Routed.Count);
        Assert.InRange(reports.Count, 8, ExportBuilder.Reports.Count);
    }

    private static IEnumerable<string> Names(Regex pattern, string scripts) =>
        pattern.Matches(scripts).Select(m => m.Groups[1].Value);

    /// <summary><c>getJson('analytics/tiers', q)</c>, as a literal route.</summary>
    [GeneratedRegex(@"['`]analytics/([a-z-]+)['`]")]
    private static partial Regex AnalyticsRoute();

    /// <summary><c>breakdown('campaigns', ...)</c>: a tab that loads <c>analytics/{view}</c>.</summary>
    [GeneratedRegex(@"breakdown\('([a-z-]+)'")]
    private static partial Regex Breakdown();

    /// <summary><c>report: 'plan'</c>: the report a tab's export buttons download.</summary>
    [GeneratedRegex(@"report: '([a-z-]+)'")]
    private static partial Regex Report();
}
