using HealthKart.Core.Analytics;
using HealthKart.Core.Csv;
using HealthKart.Core.Problems;
using HealthKart.Infrastructure.Analytics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HealthKart.Functions;

/// <summary>The analytics API: every view of DESIGN §4 over the current snapshot, honouring every filter.</summary>
public sealed class AnalyticsViews(SnapshotCache snapshots, TimeProvider clock)
{
    public static readonly string[] Views =
        ["summary", "influencers", "top", "poor", "campaigns", "platforms", "categories", "personas", "products", "tiers", "timeseries", "insights"];

    [Function("GetAnalytics")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "analytics/{view}")] HttpRequest request, string view, CancellationToken cancellationToken)
    {
        var name = view.ToLowerInvariant();
        if (!Views.Contains(name))
        {
            throw ProblemException.NotFound($"There is no analytics view '{view}'. Views: {string.Join(", ", Views)}.");
        }

        var query = AnalyticsQueryParser.Parse(QueryPairs(request), name switch
        {
            "top" or "poor" => ["n"],
            "timeseries" => ["granularity"],
            _ => [],
        });
        var selection = new Selection(await snapshots.GetAsync(cancellationToken), query);
        return new OkObjectResult(Render(name, selection, Today(clock)));
    }

    /// <summary>The one place a view name becomes its computation, shared by the JSON API and (later) the exports.</summary>
    public static object Render(string view, Selection selection, DateOnly today) => view switch
    {
        "summary" => AnalyticsEngine.Summary(selection, today),
        "influencers" => AnalyticsEngine.Influencers(selection),
        "top" => AnalyticsEngine.Top(selection),
        "poor" => AnalyticsEngine.Poor(selection),
        "campaigns" => AnalyticsEngine.Campaigns(selection),
        "platforms" => AnalyticsEngine.Platforms(selection),
        "categories" => AnalyticsEngine.Categories(selection),
        "personas" => AnalyticsEngine.Personas(selection),
        "products" => AnalyticsEngine.Products(selection),
        "tiers" => AnalyticsEngine.Tiers(selection),
        "timeseries" => AnalyticsEngine.TimeSeries(selection),
        "insights" => InsightEngine.Insights(selection, today),
        _ => throw ProblemException.NotFound($"There is no analytics view '{view}'."),
    };

    public static IEnumerable<KeyValuePair<string, string?[]>> QueryPairs(HttpRequest request) =>
        request.Query.Select(p => KeyValuePair.Create(p.Key, p.Value.ToArray()));

    /// <summary>Today on the IST calendar, which is the one the data's dates are on.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(FieldParser.Ist).DateTime);
}
