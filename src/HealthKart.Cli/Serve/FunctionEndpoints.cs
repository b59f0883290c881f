using System.Reflection;
using HealthKart.Core.Problems;
using HealthKart.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HealthKart.Cli.Serve;

/// <summary>
/// One HTTP method of one HTTP function as hk serve maps it (<c>*</c> when the function takes any method).
/// </summary>
public sealed record MappedFunction(string HttpMethod, string Route, string FunctionName);

/// <summary>
/// Maps the HTTP-triggered functions to endpoints at <c>/api/{Route}</c> and calls them as the isolated worker's
/// ASP.NET Core integration does: a new function class per request, the trigger's HttpRequest, string parameters from
/// route values, the request's CancellationToken, and the returned IActionResult run by MVC's executors. A function
/// this cannot bind fails startup, so hk serve never quietly serves something Azure would bind differently.
/// </summary>
public static partial class FunctionEndpoints
{
    /// <summary>The Functions host's default route prefix; host.json does not change it.</summary>
    public const string RoutePrefix = "api";

    public static IReadOnlyList<MappedFunction> Map(IEndpointRouteBuilder endpoints, Assembly functions)
    {
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>()
            .CreateLogger(typeof(FunctionEndpoints).FullName!);
        var policies = endpoints.ServiceProvider.GetRequiredService<ParameterPolicyFactory>();
        var gate = endpoints.ServiceProvider.GetService<FunctionKeyGate>() ?? FunctionKeyGate.Open;
        var mapped = new List<MappedFunction>();
        foreach (var function in LocalTriggers.All(functions).Where(f => f.HttpTrigger is not null))
        {
            // the Functions default route is the function's name
            var route = function.HttpTrigger!.Route ?? function.Name;
            var pattern = Parse(function.Name, route, policies);
            var bound = Bind(function, pattern);
            var open = PublicFunctions.Names.Contains(function.Name);
            Func<HttpContext, Task<IActionResult>> invoke = context =>
            {
                gate.Check(context.Request, open);
                return bound(context);
            };
            RequestDelegate handler = context => RunAsync(context, function.Name, invoke, logger);
            var methods = function.HttpTrigger.Methods?.Select(m => m.ToUpperInvariant()).ToArray() ?? [];
            var endpoint = methods.Length > 0 ? endpoints.MapMethods(pattern.RawText!, methods, handler)
                : endpoints.Map(pattern, handler);
            endpoint.WithDisplayName(function.Name);
            mapped.AddRange(methods.Length > 0 ? methods.Select(m => new MappedFunction(m, route, function.Name))
                : [new MappedFunction("*", route, function.Name)]);
        }

        return mapped;
    }

    /// <summary>
    /// One place for exceptions, as <see cref="ProblemMiddleware"/> in Azure: a problem response via <see
    /// cref="Problems"/>.
    /// </summary>
    private static async Task RunAsync(HttpContext context, string function,
        Func<HttpContext, Task<IActionResult>> invoke, ILogger logger)
    {
        try
        {
            var result = await invoke(context);
            await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        }
        catch (Exception exception)
        {
            var inner = exception is AggregateException { InnerException: { } first } ? first : exception;
            if (inner is not ProblemException || inner.InnerException is not null)
            {
                LogFailure(logger, inner.InnerException ?? inner, function);
            }

            if (context.Response.HasStarted)
            {
                // Too late for a problem body: the client sees a cut-off response, as it would from Azure.
                context.Abort();
                return;
            }

            context.Response.Clear();
            await Problems.WriteAsync(inner, context);
        }
    }

    private static RoutePattern Parse(string function, string route, ParameterPolicyFactory policies)
    {
        try
        {
            var pattern = RoutePatternFactory.Parse($"/{RoutePrefix}/{route.TrimStart('/')}");
            // Constraints are otherwise resolved at the first request;
            // resolve them now so an unknown one fails startup.
            foreach (var parameter in pattern.Parameters)
            {
                foreach (var policy in parameter.ParameterPolicies)
                {
                    policies.Create(parameter, policy);
                }
            }

            return pattern;
        }
        catch (Exception exception) when (exception is RoutePatternException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"Function {function}: hk serve cannot host the route '{route}': {exception.Message} Use ASP.NET " +
                "Core route template syntax, which Azure Functions uses too.",
                exception);
        }
    }

    private static Func<HttpContext, Task<IActionResult>> Bind(FunctionMethod function, RoutePattern pattern)
    {
        var method = function.Method;
        var arguments = method.GetParameters().Select(p => Argument(function.Name, p, pattern)).ToArray();
        var result = Result(function.Name, method.ReturnType);
        var type = method.DeclaringType!;
        return context =>
        {
            // A new instance per invocation with constructor injection from the request's scope, as the worker does.
            var instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(context.RequestServices, type);
            var values = Array.ConvertAll(arguments, argument => argument(context));
            return result(method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, values,
                culture: null));
        };
    }

    private static Func<HttpContext, object?> Argument(string function, ParameterInfo parameter, RoutePattern pattern)
    {
        if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is not null)
        {
            return parameter.ParameterType == typeof(HttpRequest)
                ? context => context.Request
                : throw Unsupported(function, parameter,
                    "the HTTP trigger must bind HttpRequest (the ASP.NET Core integration)");
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context => context.RequestAborted;
        }

        if (parameter.ParameterType == typeof(string) && pattern.GetParameter(parameter.Name!) is { } routeValue)
        {
            return context => context.GetRouteValue(routeValue.Name) as string;
        }

        throw Unsupported(function, parameter,
            "hk serve binds the trigger's HttpRequest, string route values and CancellationToken");
    }

    private static Func<object?, Task<IActionResult>> Result(string function, Type returnType) =>
        returnType == typeof(IActionResult) ? value => Task.FromResult((IActionResult)value!)
        : returnType == typeof(Task<IActionResult>) ? value => (Task<IActionResult>)value!
        : throw new InvalidOperationException(
            $"Function {function} returns {returnType.Name}; hk serve hosts HTTP functions that return IActionResult " +
            "or Task<IActionResult>.");

    private static InvalidOperationException Unsupported(string function, ParameterInfo parameter, string rule) =>
        new($"Function {function}: hk serve cannot bind parameter '{parameter.Name}' " +
            $"({parameter.ParameterType.Name}): {rule}. " +
            "Extend Serve/FunctionEndpoints.cs if Azure binds it.");

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string function);
}
