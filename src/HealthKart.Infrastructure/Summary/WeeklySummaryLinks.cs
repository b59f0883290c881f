using HealthKart.Core.Links;
using HealthKart.Core.Summary;
using HealthKart.Core.Views;
using HealthKart.Infrastructure.Exports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Summary;

/// <summary>
/// Signed links to the week's reports, under the same <c>/api/shared/{report}.{format}</c> route and signer as
/// <c>POST /api/exports/links</c>, with the week as the <c>from</c>/<c>to</c> filter. None when no signing key is set.
/// </summary>
public sealed class WeeklySummaryLinks(LinkSigner signer, IOptions<LinkOptions> links,
    IOptions<WeeklySummaryOptions> options, IConfiguration configuration)
{
    /// <summary>What hk serve listens on by default, the last resort when no public address is configured.</summary>
    public const string LocalBaseUrl = "http://127.0.0.1:7071";

    /// <summary>The week's reports, titled as the catalog titles their views.</summary>
    private static readonly (string Title, string Report, string Format)[] Reports =
    [
        ("Full report", ReportCatalog.Full, "xlsx"),
        .. new[] { "influencers", "campaigns", "platforms", "products" }.Select(name =>
            (ViewCatalog.Get(name).Title, name, "csv")),
    ];

    /// <summary>
    /// <c>Links:PublicBaseUrl</c>, else <c>WeeklySummary:LinkBaseUrl</c>, else the Function App's own host name (Azure
    /// sets
    /// <c>WEBSITE_HOSTNAME</c>), else <see cref="LocalBaseUrl"/>.
    /// </summary>
    public string BaseUrl => (links.Value.PublicBaseUrl ?? options.Value.LinkBaseUrl
        ?? (configuration["WEBSITE_HOSTNAME"] is { Length: > 0 } host ? $"https://{host}" : LocalBaseUrl)).TrimEnd('/');

    public IReadOnlyList<SummaryLink> For(IsoWeek week, DateTimeOffset now)
    {
        if (!signer.CanSign)
        {
            return [];
        }

        var expiresAt = now.AddHours(options.Value.LinkHours);
        KeyValuePair<string, string[]>[] query =
            [new("from", [week.Monday.ToString("yyyy-MM-dd")]), new("to", [week.Sunday.ToString("yyyy-MM-dd")])];
        return [.. Reports.Select(r =>
        {
            var route = ExportBuilder.SharedRoute(r.Report, r.Format);
            return new SummaryLink(r.Title, r.Report, r.Format,
                $"{BaseUrl}{route}?{signer.Sign(route, query, expiresAt)}", expiresAt);
        })];
    }
}
