using HealthKart.Core.Analytics;
using HealthKart.Core.DataContract;
using HealthKart.Infrastructure.Analytics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HealthKart.Functions;

/// <summary>The values every filter can take in the current dataset, for the dashboard's sidebar.</summary>
public sealed class Filters(SnapshotCache snapshots, AnswerMemo answers)
{
    [Function("GetFilters")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "filters")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        RequestParameters.RejectUnknown(request);
        var snapshot = await snapshots.GetAsync(cancellationToken);
        return SnapshotJson.Result(request, answers, snapshot, "filters", () => Values(snapshot));
    }

    private static object Values(Snapshot snapshot)
    {
        var known = snapshot.Influencers.Where(i => i.Known).ToList();
        static List<string> Sorted(IEnumerable<string> values) =>
            values.Where(v => v != Snapshot.Unattributed).Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase).ToList();

        return new
        {
            snapshot.DatasetVersion,
            platforms = Sorted(snapshot.Platforms.Values.Where(p => p != MarketingNames.Organic)),
            categories = Sorted(known.Select(i => i.Category)),
            campaigns = Sorted(snapshot.Campaigns.Values),
            products = Sorted(snapshot.Products.Values),
            brands = Sorted(snapshot.Brands.Values),
            genders = MarketingNames.Genders,
            tiers = Enum.GetNames<FollowerTier>(),
            influencers = snapshot.Influencers.OrderBy(i => i.Id, StringComparer.OrdinalIgnoreCase)
                .Select(i => new { id = i.Id, i.Name }),
            dateRange = snapshot.DayRange is { } range
                ? new
                {
                    from = (DateOnly?)DateOnly.FromDayNumber(range.First),
                    to = (DateOnly?)DateOnly.FromDayNumber(range.Last)
                }
                : new { from = (DateOnly?)null, to = (DateOnly?)null },
            incrementality = Incrementality.Methods,
            snapshot.Options.BaselineRate,
            granularities = ViewParameters.Granularity.Schema.Values,
        };
    }
}
