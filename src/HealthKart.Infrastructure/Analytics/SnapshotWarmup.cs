using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HealthKart.Infrastructure.Analytics;

/// <summary>
/// Starts loading the current snapshot as the app starts, instead of on the first analytics request: a cold instance
/// reads its snapshot blob while the host and its HTTP server are still starting, so the request that woke it waits for
/// less. Requests arriving meanwhile join the same load (<see cref="SnapshotCache"/> loads a version once). A failure
/// here is only logged: the first request tries again and answers with the cache's own failure rules. The cache is
/// resolved only once the host runs, so a storage setting that is missing still fails the start with its own message.
/// </summary>
public sealed partial class SnapshotWarmup(IServiceProvider services, ILogger<SnapshotWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await services.GetRequiredService<SnapshotCache>().GetAsync(stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            LogWarmupFailed(exception);
        }
        catch (OperationCanceledException)
        {
            // The app stopped before the snapshot was loaded: nothing to warm.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The snapshot could not be loaded at start; the first analytics request loads it")]
    private partial void LogWarmupFailed(Exception exception);
}
