using HealthKart.Core.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace HealthKart.Functions;

/// <summary>
/// A fail-closed second check behind App Service Authentication. In Azure, the platform puts the caller's principal in
/// <c>X-MS-CLIENT-PRINCIPAL-ID</c>, a header external requests cannot set; so a request for a function that is not
/// public by design (<see cref="PublicFunctions"/>) arriving without it means the platform gate is off, and it gets a
/// 401 instead of the data. Off App Service (<c>func start</c>) it does nothing; hk serve has its own key gate.
/// </summary>
public sealed class SignedInGate : IFunctionsWorkerMiddleware
{
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL-ID";

    /// <summary>App Service sets WEBSITE_SITE_NAME (the app's name) on every app it runs.</summary>
    private static readonly bool OnAppService =
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WEBSITE_SITE_NAME"));

    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http && !Admits(context.FunctionDefinition.Name, OnAppService,
            http.Request.Headers))
        {
            throw new ProblemException(StatusCodes.Status401Unauthorized, "Unauthorized",
                "Sign in with Entra ID: this API is served only behind App Service Authentication (docs/deploy.md).");
        }

        return next(context);
    }

    /// <summary>
    /// Whether a request may run the function: off App Service always; on it, public functions or a platform principal.
    /// </summary>
    public static bool Admits(string function, bool onAppService, IHeaderDictionary headers) =>
        !onAppService || PublicFunctions.Names.Contains(function)
        || !string.IsNullOrWhiteSpace(headers[PrincipalHeader].FirstOrDefault());
}
