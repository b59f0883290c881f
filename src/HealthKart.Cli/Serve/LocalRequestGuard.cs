using System.Net;
using HealthKart.Core.Problems;
using HealthKart.Functions;
using Microsoft.AspNetCore.Http;

namespace HealthKart.Cli.Serve;

/// <summary>
/// On loopback hk serve needs no key (the dashboard calls it without one), so the browser itself must not become the
/// way in. Two checks, before anything else runs:
/// <list type="bullet">
/// <item>a request whose <c>Host</c> is not a loopback name (<c>127.0.0.1</c>, <c>[::1]</c>, <c>localhost</c>) is
/// refused: a page that rebinds its own DNS name to 127.0.0.1 reaches this port, but its requests name the page's
/// host;</item>
/// <item>a state-changing request (POST, PUT, PATCH, DELETE) sent by a page of another origin is refused: a plain
/// <c>text/plain</c> form post from any site would otherwise replace a source. The page's own origin and the
/// configured <c>Cors:AllowedOrigins</c> may; a request with no <c>Origin</c> (curl, hk upload) is not from a
/// page.</item>
/// </list>
/// Both answer 403 problems. Bound to another address, the function key guards the API instead.
/// </summary>
public sealed class LocalRequestGuard(IPAddress boundTo, IReadOnlyCollection<string> allowedOrigins)
{
    private static readonly string[] LoopbackNames = ["127.0.0.1", "localhost", "[::1]", "::1"];

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (IPAddress.IsLoopback(boundTo) && !LoopbackNames.Contains(request.Host.Host,
            StringComparer.OrdinalIgnoreCase))
        {
            await RefuseAsync(context,
                "This local server answers only requests addressed to 127.0.0.1 or localhost, " +
                $"not '{request.Host.Host}'.");
            return;
        }

        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || HttpMethods.IsOptions(request.Method))
            && request.Headers.Origin.FirstOrDefault() is { } origin
            && !IsOwnOrigin(origin, request)
            && !allowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            await RefuseAsync(context,
                $"A page from '{origin}' may not change data here; only this server's own page (or an origin in " +
                "Cors:AllowedOrigins) may.");
            return;
        }

        await next(context);
    }

    private static bool IsOwnOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme == request.Scheme
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static Task RefuseAsync(HttpContext context, string detail) =>
        Problems.WriteAsync(new ProblemException(StatusCodes.Status403Forbidden, "Forbidden", detail), context);
}
