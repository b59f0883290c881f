using HealthKart.Core.Problems;
using Microsoft.AspNetCore.Http;

namespace HealthKart.Functions;

/// <summary>
/// Query-string checks shared by every HTTP function: an unknown parameter is a 400, not silently ignored.
/// </summary>
internal static class RequestParameters
{
    /// <summary>
    /// Added by the platform (function key) and by cache-busting clients, never by a caller's mistake.
    /// </summary>
    private static readonly HashSet<string> Transport = new(StringComparer.OrdinalIgnoreCase) { "code", "_" };

    public static void RejectUnknown(HttpRequest request, params string[] allowed)
    {
        foreach (var key in request.Query.Keys)
        {
            if (!Transport.Contains(key) && !allowed.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                var expected = allowed.Length == 0 ? "This endpoint takes no query parameters."
                    : $"Allowed: {string.Join(", ", allowed)}.";
                throw ProblemException.BadRequest(key, $"Unknown query parameter '{key}'. {expected}");
            }
        }
    }
}
