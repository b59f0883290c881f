using HealthKart.Core;
using HealthKart.Core.Analytics;
using HealthKart.Core.Csv;
using HealthKart.Core.Problems;
using HealthKart.Core.Reports;
using HealthKart.Infrastructure.Analytics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace HealthKart.Functions;

/// <summary>The analytics API: every view (docs/metrics.md) over the current snapshot, honouring every filter.</summary>
public sealed class AnalyticsViews(SnapshotCache snapshots, TimeProvider clock, IOptions<DateWindow> dates)
{
    public static IReadOnlyList<string> Views => ReportCatalog.AnalyticsViews;

    [Function("GetAnalytics")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "analytics/{view}")] HttpRequest request, string view, CancellationToken cancellationToken)
    {
        var name = view.ToLowerInvariant();
        if (!Views.Contains(name))
        {
            throw ProblemException.NotFound($"There is no analytics view '{view}'. Views: {string.Join(", ", Views)}.");
        }

        var query = AnalyticsQueryParser.Parse(QueryPairs(request), dates.Value, ReportCatalog.Parameters(name));
        var snapshot = await snapshots.GetAsync(cancellationToken);
        var today = IndiaTime.Today(clock);

        // The same computation the exports render (ReportCatalog), so JSON, CSV and XLSX never drift apart; computed and
        // rendered once per snapshot, query and day, as a snapshot never changes: a repeated request costs a copy.
        return SnapshotJson.Result(snapshot, $"{today.DayNumber}|{name}|{request.QueryString.Value}",
            () => ReportCatalog.View(name, Selection.For(snapshot, query), today));
    }

    public static IEnumerable<KeyValuePair<string, string?[]>> QueryPairs(HttpRequest request) =>
        request.Query.Select(p => KeyValuePair.Create(p.Key, p.Value.ToArray()));

}
