using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HealthKart.Functions.OpenApi;

/// <summary>The API's contract for integrators: anonymous, like health, as it holds no data.</summary>
public sealed class OpenApi
{
    [Function("GetOpenApi")]
    public static IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        new FileContentResult(OpenApiDocument.Utf8, "application/json; charset=utf-8");
}
