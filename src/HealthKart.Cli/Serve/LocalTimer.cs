using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using NCrontab;

namespace HealthKart.Cli.Serve;

/// <summary>
/// One timer-triggered function as hk serve runs it: its schedule resolved as the Functions host resolves it
/// (<c>%Setting%</c> from configuration, then the six-field NCrontab expression the host uses) and its retry policy.
/// </summary>
public sealed partial record LocalTimer(string Name, MethodInfo Method, string Expression, CrontabSchedule Schedule,
    FixedDelayRetryAttribute? Retry)
{
    /// <summary>
    /// Every timer function of the assembly; a schedule that does not resolve or parse fails startup, as it would in
    /// Azure.
    /// </summary>
    public static IReadOnlyList<LocalTimer> ResolveAll(Assembly functions, IConfiguration configuration) =>
    [
        .. from function in LocalTriggers.Timers(functions)
           let trigger = function.Method.GetParameters().Select(p => p.GetCustomAttribute<TimerTriggerAttribute>())
           .Single(t => t is not null)
           select Resolve(function, trigger.Schedule, configuration),
    ];

    private static LocalTimer Resolve(FunctionMethod function, string schedule, IConfiguration configuration)
    {
        var expression =
            Setting().Replace(schedule, match => configuration[match.Groups[1].Value] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Function {function.Name}: the schedule setting {match.Groups[1].Value} is not set."));
        var cron = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new InvalidOperationException(
                $"Function {function.Name}: '{expression}' is not a six-field cron expression (seconds " +
                "first), e.g. 0 30 2 * * 1.");
        foreach (var parameter in function.Method.GetParameters())
        {
            if (parameter.ParameterType != typeof(TimerInfo) && parameter.ParameterType != typeof(CancellationToken))
            {
                throw new InvalidOperationException(
                    $"Function {function.Name}: hk serve binds TimerInfo and CancellationToken to a timer function, " +
                    $"not '{parameter.Name}' ({parameter.ParameterType.Name}).");
            }
        }

        return new LocalTimer(function.Name, function.Method, expression, cron,
            function.Method.GetCustomAttribute<FixedDelayRetryAttribute>());
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Setting();
}
