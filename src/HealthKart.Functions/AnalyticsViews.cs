using HealthKart.Core;
using HealthKart.Core.Analytics;
using HealthKart.Core.Problems;
using HealthKart.Core.Validation;
using HealthKart.Core.Views;
using HealthKart.Infrastructure.Analytics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace HealthKart.Functions;

/// <summary>
/// The analytics API: every view of the <see cref="ViewCatalog"/> (docs/views.md; the metrics: docs/metrics.md) over
/// the current snapshot, honouring every filter.
/// </summary>
public sealed class AnalyticsViews(SnapshotCache snapshots, AnswerMemo answers, TimeProvider clock,
    IOptions<DateWindow> dates)
{
    [Function("GetAnalytics")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "analytics/{view}")] HttpRequest request, string view,
        CancellationToken cancellationToken)
    {
        var analytics = ViewCatalog.Routed.FirstOrDefault(v => v.Name.Equals(view, StringComparison.OrdinalIgnoreCase))
            ?? throw ProblemException.NotFound(
                $"There is no analytics view '{view}'. Views: " +
                $"{string.Join(", ", ViewCatalog.Routed.Select(v => v.Name))}.");
        // A view that lists items may be asked for some of each item's fields (a JSON matter: the exports have theirs).
        var pairs = QueryPairs(request).ToList();
        var itemType = analytics.ItemType;
        var fields = itemType is null ? [] : ItemFields.Parse(itemType,
            pairs.Where(IsFields).SelectMany(p => p.Value));
        var query = AnalyticsQueryParser.Parse(itemType is null ? pairs : pairs.Where(p => !IsFields(p)), dates.Value,
            analytics.Parameters);
        var snapshot = await snapshots.GetAsync(cancellationToken);
        var today = IndiaTime.Today(clock);

        // The same computation the exports render, so JSON, CSV and XLSX never drift apart; computed and serialised
        // once per snapshot, query and day, as a snapshot never changes: a repeated request costs a copy.
        return SnapshotJson.Result(request, answers, snapshot,
            $"{today.DayNumber}|{analytics.Name}|{request.QueryString.Value}",
            () => analytics.Compute(Selection.For(snapshot, query), today),
            itemType is null ? ApiJson.Options : ItemFields.For(itemType, fields));
    }

    public static IEnumerable<KeyValuePair<string, string?[]>> QueryPairs(HttpRequest request) =>
        request.Query.Select(p => KeyValuePair.Create(p.Key, p.Value.ToArray()));

    private static bool IsFields(KeyValuePair<string, string?[]> pair) =>
        pair.Key.Equals(ItemFields.Parameter, StringComparison.OrdinalIgnoreCase);
}
