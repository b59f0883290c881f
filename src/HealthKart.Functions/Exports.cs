using System.Text.Json;
using System.Text.Json.Serialization;
using HealthKart.Core.Links;
using HealthKart.Core.Problems;
using HealthKart.Infrastructure;
using HealthKart.Infrastructure.Exports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace HealthKart.Functions;

/// <summary>
/// Every report as CSV or XLSX: behind the function key, or through a signed link that anyone holding it may open
/// until it expires (the host lets <c>shared/*</c> through anonymously; the signature is the check).
/// </summary>
public sealed class Exports(ExportBuilder exports, LinkSigner signer, IOptions<LinkOptions> links, TimeProvider clock)
{
    [Function("GetExport")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "exports/{report}.{format}")] HttpRequest request,
        string report, string format, CancellationToken cancellationToken) =>
        new ExportResult(await exports.CreateAsync(report, format, AnalyticsViews.QueryPairs(request),
            cancellationToken));

    [Function("GetSharedExport")]
    public async Task<IActionResult> Shared(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "shared/{report}.{format}")] HttpRequest request,
        string report, string format, CancellationToken cancellationToken)
    {
        var check = signer.Verify(ExportBuilder.SharedRoute(report, format),
            Pairs(request.Query.Where(p => !p.Key.Equals(FunctionKeyParameter, StringComparison.OrdinalIgnoreCase))),
            clock.GetUtcNow());
        if (!check.Valid)
        {
            throw new ProblemException(StatusCodes.Status403Forbidden, "Forbidden", check.Reason!);
        }

        return new ExportResult(await exports.CreateAsync(report, format,
            check.Filters.Select(p => KeyValuePair.Create(p.Key, (string?[])p.Value)), cancellationToken));
    }

    /// <summary>
    /// Body: <c>{ "report": "campaigns", "format": "xlsx", "query": "platform=Instagram&amp;from=2025-07-01",
    /// "ttlHours": 168 }</c>.
    /// </summary>
    [Function("CreateExportLink")]
    public async Task<IActionResult> CreateLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "exports/links")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        RequestParameters.RejectUnknown(request);
        if (!signer.CanSign)
        {
            throw new ProblemException(StatusCodes.Status503ServiceUnavailable, "Signed links are not configured",
                "Set Links:Keys (an Id and a Secret of at least 32 characters) to enable shareable links.");
        }

        var body = await ReadAsync(request, cancellationToken);
        var filters = Pairs(ParseQuery(body.Query ?? ""));
        var (report, format, _) =
            exports.Read(body.Report, body.Format, filters.Select(p => KeyValuePair.Create(p.Key, (string?[])p.Value)));
        // Whoever gets the link must not get the function key with it.
        if (filters.Any(p => p.Key.Equals(FunctionKeyParameter, StringComparison.OrdinalIgnoreCase)))
        {
            throw ProblemException.BadRequest("query",
                $"A link's query cannot carry '{FunctionKeyParameter}' (the function key): whoever holds the " +
                "link would hold the key.");
        }

        var options = links.Value;
        var hours = body.TtlHours ?? options.DefaultHours;
        if (hours < 1 || hours > options.MaxHours)
        {
            throw ProblemException.BadRequest("ttlHours",
                $"A link lives 1 to {options.MaxHours} hours (setting Links:MaxHours).");
        }

        var expiresAt = clock.GetUtcNow().AddHours(hours);
        var route = ExportBuilder.SharedRoute(report, format);
        var origin = options.PublicBaseUrl?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";
        return new OkObjectResult(new { url = $"{origin}{route}?{signer.Sign(route, filters, expiresAt)}", expiresAt });
    }

    private const string FunctionKeyParameter = "code";

    private static List<KeyValuePair<string, string[]>> Pairs(
        IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> query) =>
        query.Select(p => KeyValuePair.Create(p.Key, p.Value.Where(v => v is not null).Select(v => v!).ToArray()))
        .ToList();

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> ParseQuery(string query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query.TrimStart('?'));

    /// <summary>
    /// A member the request does not have is refused, not ignored, as an unknown query parameter is: a misspelt
    /// <c>ttlHours</c> would otherwise give a link of the default lifetime with no word said.
    /// </summary>
    private static readonly JsonSerializerOptions LinkRequestJson = new(JsonSerializerOptions.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private const string LinkRequestShape =
        "send { report, format, query, ttlHours }: report and format as text, query as a query string such as " +
        "\"platform=Instagram&from=2025-06-01\", ttlHours as a whole number of hours; nothing else";

    private static async Task<LinkRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<LinkRequest>(request.Body, LinkRequestJson,
                cancellationToken)
                ?? throw ProblemException.BadRequest("body", $"The body is null; {LinkRequestShape}.");
        }
        catch (JsonException exception)
        {
            // The path names the member that did not read ("$.query"); the exception's own text names .NET types.
            var member = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal)
                ? path[2..] : null;
            throw ProblemException.BadRequest(member ?? "body", member is null
                ? $"The body is not a JSON object; {LinkRequestShape}."
                : $"The body's '{member}' does not read; {LinkRequestShape}.");
        }
    }

    private sealed record LinkRequest(string? Report, string? Format, string? Query, int? TtlHours);
}
