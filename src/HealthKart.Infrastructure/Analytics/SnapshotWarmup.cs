using System.Text.Json;
using HealthKart.Core;
using HealthKart.Core.Analytics;
using HealthKart.Core.Validation;
using HealthKart.Core.Views;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Analytics;

/// <summary>
/// A cold instance's first analytics request should not wait for work the instance could have done while it was
/// starting. As the host starts (the Functions worker and <c>hk serve</c> alike, both wired by
/// <see cref="HealthKartServices.AddHealthKart"/>), this loads the current version's snapshot in the background
/// (<see cref="SnapshotCache.WarmAsync"/>: the next request still re-reads the catalog, so a version published
/// meanwhile wins), then computes the unfiltered summary once, as a request would, and discards it: the code a first
/// request runs is then compiled, and what the summary memoises on the snapshot is ready. Nothing it computes outlives
/// the snapshot. A failure is only logged: the host stays up and the first request tries again under the cache's own
/// failure rules (docs/snapshot.md#the-warm-up-at-start).
/// </summary>
public sealed partial class SnapshotWarmup(
    IServiceProvider services, IOptions<SnapshotOptions> options, ILogger<SnapshotWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmAtStart)
        {
            return;
        }

        // Off the host's start-up path: the host goes on starting its HTTP server while this runs.
        await Task.Yield();
        try
        {
            // Resolved here, once the host runs, so that a missing storage setting fails the start with its own
            // message, not with this service's.
            var snapshot = await services.GetRequiredService<SnapshotCache>().WarmAsync(stoppingToken);

            // A request that joined the load resumes on the thread that finished it, after this continuation: the
            // summary below must not run there first, or that request waits for it.
            await Task.Yield();
            WarmSummary(snapshot);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stopped before the warm-up was done: nothing to keep.
        }
        catch (Exception exception)
        {
            // A warm-up is an optimisation: whatever stopped it, requests load and answer under the cache's rules.
            LogWarmupFailed(exception);
        }
    }

    /// <summary>
    /// The summary of <c>GET /api/analytics/summary</c> with no filters, computed and serialised once. The answer's
    /// JSON description is built first: a first request that waited for the load is computing this very summary on
    /// the other core by now (and this thread would only wait for it), so the 30-40 ms of building it by reflection
    /// come off that request's answer (docs/snapshot.md#the-warm-up-at-start).
    /// </summary>
    private void WarmSummary(Snapshot snapshot)
    {
        var summary = ViewCatalog.Get("summary");
        _ = ApiJson.Options.GetTypeInfo(summary.ResultType);
        var query = AnalyticsQueryParser.Parse([], services.GetRequiredService<IOptions<DateWindow>>().Value,
            summary.Parameters);
        var answer = summary.Compute(Selection.For(snapshot, query),
            IndiaTime.Today(services.GetRequiredService<TimeProvider>()));
        _ = JsonSerializer.SerializeToUtf8Bytes(answer, answer.GetType(), ApiJson.Options);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The snapshot could not be warmed at start; the first analytics request loads it")]
    private partial void LogWarmupFailed(Exception exception);
}
