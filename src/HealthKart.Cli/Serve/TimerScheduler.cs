using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HealthKart.Cli.Serve;

/// <summary>
/// Stands in for the Functions host's timer triggers: runs each timer function at every occurrence of its schedule
/// (UTC, as in Azure), on the app's TimeProvider, constructing the function class as the worker does; a failed run is
/// retried as its <see cref="FixedDelayRetryAttribute"/> says. Occurrences missed while hk serve was not running are
/// not caught up.
/// </summary>
public sealed partial class TimerScheduler(IServiceProvider services, IReadOnlyList<LocalTimer> timers,
    TimeProvider clock, ILogger<TimerScheduler> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(timers.Select(t => RunAsync(t, stoppingToken)));

    private async Task RunAsync(LocalTimer timer, CancellationToken stoppingToken)
    {
        var last = clock.GetUtcNow().UtcDateTime;
        try
        {
            while (true)
            {
                // From the later of now and the last occurrence, so a
                // timer that wakes a moment early never runs one twice.
                var now = clock.GetUtcNow().UtcDateTime;
                var next = timer.Schedule.GetNextOccurrence(now > last ? now : last);
                LogScheduled(timer.Name, timer.Expression, next);
                await Task.Delay(next - now, clock, stoppingToken);
                var info = new TimerInfo
                {
                    IsPastDue = clock.GetUtcNow().UtcDateTime - next > TimeSpan.FromSeconds(1),
                    ScheduleStatus = new ScheduleStatus
                    {
                        Last = last,
                        Next = timer.Schedule.GetNextOccurrence(next),
                        LastUpdated = next
                    },
                };
                last = next;
                await InvokeWithRetriesAsync(timer, info, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // hk serve is stopping.
        }
    }

    private async Task InvokeWithRetriesAsync(LocalTimer timer, TimerInfo info, CancellationToken stoppingToken)
    {
        var retries = timer.Retry?.MaxRetryCount ?? 0;
        var delay = timer.Retry is { DelayInterval: { } interval }
            ? TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) : TimeSpan.Zero;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await InvokeAsync(timer, info, stoppingToken);
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(exception, timer.Name, attempt + 1, retries + 1);
                if (attempt >= retries)
                {
                    return;
                }

                await Task.Delay(delay, clock, stoppingToken);
            }
        }
    }

    /// <summary>Runs the same function class Azure runs, constructed the way the worker constructs it.</summary>
    private async Task InvokeAsync(LocalTimer timer, TimerInfo info, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var method = timer.Method;
        var instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider,
            method.DeclaringType!);
        var arguments = method.GetParameters().Select(p => p.ParameterType == typeof(TimerInfo)
            ? info : (object)cancellationToken).ToArray();
        if (method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, arguments,
            culture: null) is Task task)
        {
            await task;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function} ({Schedule}, UTC) runs next at {Next:u}")]
    private partial void LogScheduled(string function, string schedule, DateTime next);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Timer function {Function} failed (attempt {Attempt} of {Attempts})")]
    private partial void LogFailed(Exception exception, string function, int attempt, int attempts);
}
