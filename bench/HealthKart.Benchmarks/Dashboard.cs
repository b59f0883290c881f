using HealthKart.Core.Analytics;

namespace HealthKart.Benchmarks;

/// <summary>
/// What the dashboard page asks for when it opens: summary, influencers, campaigns, platforms, personas and the daily
/// time series, with no filter. Each view gets its own <see cref="Selection"/>, as each is its own HTTP request
/// (<c>AnalyticsViews.Get</c>), so nothing is shared between views that the app would not share; JSON is left out.
/// </summary>
public static class Dashboard
{
    public static readonly string[] Views = ["summary", "influencers", "campaigns", "platforms", "personas",
        "timeseries"];

    /// <summary>
    /// A fixed "today", so the summary's maturity figures do not depend on the day the benchmark runs.
    /// </summary>
    public static readonly DateOnly Today = new(2026, 1, 15);

    public static DashboardResult Compute(Snapshot snapshot) => new(
        AnalyticsEngine.Summary(Select(snapshot), Today),
        AnalyticsEngine.Influencers(Select(snapshot)),
        AnalyticsEngine.Campaigns(Select(snapshot)),
        AnalyticsEngine.Platforms(Select(snapshot)),
        AnalyticsEngine.Personas(Select(snapshot)),
        AnalyticsEngine.TimeSeries(Select(snapshot, ViewParameters.Granularity)));

    /// <summary>One view alone, for the breakdown.</summary>
    public static object View(Snapshot snapshot, string view) => view switch
    {
        "summary" => AnalyticsEngine.Summary(Select(snapshot), Today),
        "influencers" => AnalyticsEngine.Influencers(Select(snapshot)),
        "campaigns" => AnalyticsEngine.Campaigns(Select(snapshot)),
        "platforms" => AnalyticsEngine.Platforms(Select(snapshot)),
        "personas" => AnalyticsEngine.Personas(Select(snapshot)),
        "timeseries" => AnalyticsEngine.TimeSeries(Select(snapshot, ViewParameters.Granularity)),
        _ => throw new ArgumentOutOfRangeException(nameof(view), view, null),
    };

    /// <summary>The request path's own query parsing, with no parameters: the unfiltered dashboard.</summary>
    private static Selection Select(Snapshot snapshot, params ViewParameter[] viewParameters) =>
        new(snapshot, AnalyticsQueryParser.Parse([], viewParameters));
}

public sealed record DashboardResult(
    SummaryView Summary, Breakdown<InfluencerItem> Influencers, Breakdown<CampaignItem> Campaigns,
    Breakdown<PlatformItem> Platforms, PersonaBreakdown Personas, TimeSeries TimeSeries);
