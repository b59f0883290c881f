using Microsoft.AspNetCore.Http;

namespace HealthKart.Functions;

/// <summary>
/// Who is calling, where the platform says so: App Service Authentication puts the signed-in
/// principal's name in a header that clients cannot forge past the platform.
/// </summary>
internal static class Principal
{
    public static string? Name(HttpRequest request) =>
        request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"].FirstOrDefault() is { Length: > 0 } name ? name : null;
}
