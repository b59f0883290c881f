using HealthKart.Core.Problems;
using HealthKart.Infrastructure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HealthKart.Functions;

/// <summary>
/// The one place an exception becomes an RFC 7807 problem response. A <see cref="ProblemException"/> says what the
/// caller must fix; storage that cannot be reached is a 503 (docs/reliability.md#storage-unreachable-while-answering);
/// anything else is a 500 that names no internals (details go to the log, never to the caller).
/// </summary>
public static class Problems
{
    public static ProblemDetails From(Exception exception, HttpContext context)
    {
        var problem = exception switch
        {
            ProblemException known => new ProblemDetails
            {
                Status = known.Status,
                Title = known.Title,
                Detail = known.Detail
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "Bad request",
                Detail = "The request could not be read."
            },
            OperationCanceledException when context.RequestAborted.IsCancellationRequested =>
                new ProblemDetails { Status = 499, Title = "Client closed request" },
            _ when StorageAccount.IsUnreachable(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage unreachable",
                Detail = "The service could not reach its storage account. Try again in a minute; if it persists, " +
                    "check that the storage account is running and that the AzureWebJobsStorage setting names it.",
            },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal error",
                Detail = "Something went wrong on our side. Try again; if it persists, quote the trace id to support.",
            },
        };

        problem.Type = $"https://httpstatuses.io/{problem.Status}";
        problem.Instance = context.Request.Path;
        problem.Extensions["traceId"] = context.TraceIdentifier;
        if (exception is ProblemException { Parameter: { } parameter })
        {
            problem.Extensions["parameter"] = parameter;
        }

        return problem;
    }

    public static async Task WriteAsync(Exception exception, HttpContext context)
    {
        var problem = From(exception, context);
        context.Response.StatusCode = problem.Status ?? 500;
        await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null,
            "application/problem+json");
    }
}
