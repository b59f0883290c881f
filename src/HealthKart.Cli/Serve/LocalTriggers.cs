using System.Reflection;
using HealthKart.Functions;
using Microsoft.Azure.Functions.Worker;

namespace HealthKart.Cli.Serve;

/// <summary>One <c>[Function]</c> method of the Functions project, with its HTTP trigger when it has one.</summary>
public sealed record FunctionMethod(string Name, MethodInfo Method, HttpTriggerAttribute? HttpTrigger);

/// <summary>
/// Which of the Functions project's triggers <c>hk serve</c> runs, and how: HTTP triggers through
/// <see cref="FunctionEndpoints"/>, the inbox blob trigger through <see cref="InboxPoller"/>, and every timer trigger
/// (the weekly summary's <c>[TimerTrigger("%WeeklySummary:Schedule%")]</c>) through <see cref="TimerScheduler"/>, which
/// resolves the schedule setting from configuration and evaluates it with NCrontab on the app's TimeProvider. Any other
/// trigger is listed by <see cref="NotRunLocally"/>: hk serve warns at startup and a test fails.
/// </summary>
public static class LocalTriggers
{
    public static Assembly FunctionsAssembly => typeof(Health).Assembly;

    /// <summary>The non-HTTP functions hk serve invokes itself.</summary>
    public static IReadOnlySet<string> RunByTheHost { get; } =
        new HashSet<string>([nameof(IngestUpload), .. Timers(FunctionsAssembly).Select(f => f.Name)],
            StringComparer.Ordinal);

    /// <summary>
    /// Every function, found as the Worker SDK finds them: public methods carrying <see cref="FunctionAttribute"/>.
    /// </summary>
    public static IReadOnlyList<FunctionMethod> All(Assembly assembly) =>
    [
        .. from type in assembly.GetTypes()
           from method in type.GetMethods(
               BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
           let function = method.GetCustomAttribute<FunctionAttribute>()
           where function is not null
           orderby function.Name
           select new FunctionMethod(
               function.Name,
               method,
               method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
                   .FirstOrDefault(t => t is not null)),
    ];

    /// <summary>The timer-triggered functions, which <see cref="TimerScheduler"/> runs.</summary>
    public static IReadOnlyList<FunctionMethod> Timers(Assembly assembly) =>
        [.. All(assembly)
            .Where(f => f.Method.GetParameters().Any(p => p.GetCustomAttribute<TimerTriggerAttribute>() is not null))];

    public static IReadOnlyList<string> NotRunLocally(Assembly assembly) =>
        [.. All(assembly).Where(f => f.HttpTrigger is null && !RunByTheHost.Contains(f.Name)).Select(f => f.Name)];
}
