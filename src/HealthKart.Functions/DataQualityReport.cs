using HealthKart.Core.Analytics;
using HealthKart.Infrastructure.Analytics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HealthKart.Functions;

/// <summary>
/// Cross-file data-quality warnings over the current dataset (never errors: they do not block analytics).
/// </summary>
public sealed class DataQualityReport(SnapshotCache snapshots)
{
    [Function("GetDataQuality")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "data-quality")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        RequestParameters.RejectUnknown(request);
        var snapshot = await snapshots.GetAsync(cancellationToken);
        return new OkObjectResult(DataQuality.Check(snapshot).With(snapshots.LastFailure));
    }
}
