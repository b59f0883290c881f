using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using HealthKart.Core.Links;
using HealthKart.Core.Problems;
using HealthKart.Core.Validation;
using HealthKart.Functions;
using HealthKart.Infrastructure;
using HealthKart.Infrastructure.Exports;
using HealthKart.Infrastructure.Exports.Tracking;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ExportFunctions = HealthKart.Functions.Exports;

namespace HealthKart.Integration.Tests.Exports;

/// <summary>
/// Exports behind the function key and through signed links, end to end against Azurite: a link made by
/// <c>POST exports/links</c> opens <c>GET shared/...</c> until it expires, and any change to it is a 403.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class SignedLinkTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> TwoKeys = new()
    {
        ["Links:Keys:0:Id"] = "k2026",
        ["Links:Keys:0:Secret"] = new string('n', 40),
        ["Links:Keys:1:Id"] = "k2025",
        ["Links:Keys:1:Secret"] = new string('o', 40),
    };

    [Fact]
    public async Task ALinkOpensTheSameFilteredExportWithoutAKey()
    {
        await using var app = await SampleAppAsync();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var exports = Exports(app, clock);

        var link = await LinkAsync(exports,
            """{ "report": "campaigns", "format": "csv", "query": "platform=Instagram&from=2025-07-01" }""");
        Assert.Equal(clock.Now.AddHours(7 * 24), link.ExpiresAt);
        var shared = await BodyAsync(await exports.Shared(Request(link.Url), "campaigns", "csv", default));
        var direct =
            await BodyAsync(await exports.Get(Request("/api/exports/campaigns.csv?platform=Instagram&from=2025-07-01"),
                "campaigns", "csv", default));

        Assert.Equal(direct, shared);
        // Instagram from 1 July: MB-Summer-Shred's two sales (5,798 and 8,697); YouTube's HKV-Immunity is filtered out.
        Assert.Contains("MB-Summer-Shred", shared);
        Assert.DoesNotContain("HKV-Immunity", shared);
    }

    [Theory]
    [InlineData("platform=Instagram", "platform=YouTube")] // tampered filter
    [InlineData("exp=", "exp=1")] // changed expiry
    [InlineData("kid=k2026", "kid=k2099")] // unknown key
    [InlineData("&sig=", "&nosig=")] // no signature
    public async Task AnAlteredLinkIsForbidden(string original, string altered)
    {
        await using var app = await SampleAppAsync();
        var exports = Exports(app, new ManualClock(DateTimeOffset.UtcNow));
        var link =
            await LinkAsync(exports, """{ "report": "campaigns", "format": "csv", "query": "platform=Instagram" }""");
        Assert.Contains(original, link.Url);

        var problem = await Assert.ThrowsAsync<ProblemException>(() =>
            exports.Shared(Request(link.Url.Replace(original, altered)), "campaigns", "csv", default));

        Assert.Equal(403, problem.Status);
    }

    [Fact]
    public async Task ALinkForAnotherReportOrFormatIsForbidden()
    {
        await using var app = await SampleAppAsync();
        var exports = Exports(app, new ManualClock(DateTimeOffset.UtcNow));
        var link = await LinkAsync(exports, """{ "report": "campaigns", "format": "csv" }""");

        Assert.Equal(403,
            (await Assert.ThrowsAsync<ProblemException>(() => exports.Shared(Request(link.Url), "influencers", "csv",
                default))).Status);
        Assert.Equal(403,
            (await Assert.ThrowsAsync<ProblemException>(() => exports.Shared(Request(link.Url), "campaigns", "xlsx",
                default))).Status);
    }

    [Fact]
    public async Task AnExpiredLinkIsForbiddenAndTheLifetimeIsCapped()
    {
        await using var app = await SampleAppAsync();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var exports = Exports(app, clock);
        var link = await LinkAsync(exports, """{ "report": "summary", "format": "xlsx", "ttlHours": 2 }""");

        clock.Now = clock.Now.AddHours(1);
        Assert.IsType<ExportResult>(await exports.Shared(Request(link.Url), "summary", "xlsx", default));
        clock.Now = clock.Now.AddHours(1);
        var expired = await Assert.ThrowsAsync<ProblemException>(() => exports.Shared(Request(link.Url), "summary",
            "xlsx", default));
        Assert.Equal(403, expired.Status);
        Assert.Contains("expired", expired.Detail);

        var tooLong = await Assert.ThrowsAsync<ProblemException>(() =>
            LinkAsync(exports, """{ "report": "summary", "format": "xlsx", "ttlHours": 100000 }"""));
        Assert.Equal(("ttlHours", 400), (tooLong.Parameter, tooLong.Status));
    }

    [Fact]
    public async Task ALinkSignedWithThePreviousKeyStillWorksDuringRotation()
    {
        await using var app = await SampleAppAsync();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var old = new LinkSigner([new SigningKey("k2025", new string('o', 40))]);
        var route = "/api/shared/campaigns.csv";
        var query = old.Sign(route, [KeyValuePair.Create("platform", new[] { "Instagram" })], clock.Now.AddDays(1));
        var url = $"http://localhost{route}?{query}";

        Assert.IsType<ExportResult>(await Exports(app, clock).Shared(Request(url), "campaigns", "csv", default));
    }

    [Fact]
    public async Task LinksAreRefusedForBadReportsFormatsAndFilters()
    {
        await using var app = await SampleAppAsync();
        var exports = Exports(app, new ManualClock(DateTimeOffset.UtcNow));

        Assert.Equal(404,
            (await Assert.ThrowsAsync<ProblemException>(() =>
                LinkAsync(exports, """{ "report": "salaries", "format": "csv" }"""))).Status);
        Assert.Equal("format",
            (await Assert.ThrowsAsync<ProblemException>(() =>
                LinkAsync(exports, """{ "report": "full", "format": "csv" }"""))).Parameter);
        Assert.Equal("tier",
            (await Assert.ThrowsAsync<ProblemException>(() =>
                LinkAsync(exports, """{ "report": "tiers", "format": "csv", "query": "tier=giant" }"""))).Parameter);
        Assert.Equal("body",
            (await Assert.ThrowsAsync<ProblemException>(() => LinkAsync(exports, "not json"))).Parameter);

        // Valid JSON of the wrong shape names the member, and says what each member takes; a member the request
        // does not have (a misspelt ttlHours) is refused, not ignored.
        var query = await Assert.ThrowsAsync<ProblemException>(() =>
            LinkAsync(exports, """{ "report": "summary", "format": "csv", "query": { "n": "5" } }"""));
        Assert.Equal("query", query.Parameter);
        Assert.Contains("query string such as", query.Message);
        Assert.Equal("ttlHour",
            (await Assert.ThrowsAsync<ProblemException>(() =>
                LinkAsync(exports, """{ "report": "summary", "format": "csv", "ttlHour": 2 }"""))).Parameter);
        Assert.Equal("ttlHours",
            (await Assert.ThrowsAsync<ProblemException>(() =>
                LinkAsync(exports, """{ "report": "summary", "format": "csv", "ttlHours": 1.5 }"""))).Parameter);
    }

    [Fact]
    public async Task AnExportedWorkbookHasTheSameFiguresAsTheJson()
    {
        await using var app = await SampleAppAsync();
        var result = Assert.IsType<ExportResult>(await Exports(app, new ManualClock(DateTimeOffset.UtcNow))
            .Get(Request("/api/exports/summary.xlsx"), "summary", "xlsx", default));
        Assert.Equal("healthkart-summary-all-dates.xlsx", result.Download.FileName);

        using var workbook = new XLWorkbook(new MemoryStream(await BytesAsync(result)));

        var sheet = workbook.Worksheets.Skip(1).First(); // the About sheet comes first
        var headers = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        var revenue = sheet.Cell(2, headers.FindIndex(h => h.StartsWith("Revenue")) + 1);
        Assert.Equal(XLDataType.Number, revenue.DataType);
        Assert.Equal(15_094, revenue.GetDouble()); // 5,798 + 599 + 8,697, as in the JSON summary
    }

    private static ExportFunctions Exports(TestApp app, TimeProvider clock) =>
        new(new ExportBuilder(app.Get<Infrastructure.Analytics.SnapshotCache>(), app.Get<TrackingExport>(), clock,
            app.Get<IOptions<DateWindow>>()),
            app.Get<LinkSigner>(), app.Get<IOptions<LinkOptions>>(), clock);

    private Task<TestApp> SampleAppAsync() => TestApp.WithSampleFilesAsync(azurite, TwoKeys);

    private static async Task<(string Url, DateTimeOffset ExpiresAt)> LinkAsync(ExportFunctions exports, string body)
    {
        var request = Request("/api/exports/links");
        request.Method = "POST";
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var result = Assert.IsType<OkObjectResult>(await exports.CreateLink(request, default));
        var json = JsonSerializer.SerializeToElement(result.Value, JsonSerializerOptions.Web);
        return (json.GetProperty("url").GetString()!, json.GetProperty("expiresAt").GetDateTimeOffset());
    }

    private static HttpRequest Request(string url)
    {
        var uri = new Uri(new Uri("http://localhost"), url);
        var context = new DefaultHttpContext();
        context.Request.Scheme = uri.Scheme;
        context.Request.Host = new HostString(uri.Authority);
        context.Request.Path = uri.AbsolutePath;
        context.Request.QueryString = new QueryString(uri.Query);
        return context.Request;
    }

    private static async Task<byte[]> BytesAsync(IActionResult result)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteResultAsync(new ActionContext { HttpContext = context });
        return body.ToArray();
    }

    private static async Task<string> BodyAsync(IActionResult result) =>
        Encoding.UTF8.GetString(await BytesAsync(result));
}
