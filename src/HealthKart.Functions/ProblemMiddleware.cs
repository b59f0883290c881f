using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace HealthKart.Functions;

/// <summary>Turns an HTTP function's exception into a problem response (see <see cref="Problems"/>).</summary>
public sealed partial class ProblemMiddleware(ILogger<ProblemMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { } http)
        {
            var inner = exception is AggregateException { InnerException: { } first } ? first : exception;
            if (inner is not Core.Problems.ProblemException || inner.InnerException is not null)
            {
                LogFailure(inner.InnerException ?? inner, context.FunctionDefinition.Name);
            }

            await Problems.WriteAsync(inner, http);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} failed")]
    private partial void LogFailure(Exception exception, string function);
}
