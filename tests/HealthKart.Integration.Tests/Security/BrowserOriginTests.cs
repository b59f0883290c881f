using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace HealthKart.Integration.Tests.Security;

/// <summary>
/// On loopback hk serve needs no key, so a page the user visits must not be able to use the browser against it: a
/// cross-site form post (text/plain, no preflight) would replace a source, and DNS rebinding would read every figure.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class BrowserOriginTests(AzuriteFixture azurite)
{
    private const string Csv =
        "source,campaign,influencer_id,user_id,product,date,orders,revenue\n" +
        "Instagram,C1,INF001,U1,Whey,2025-07-01,1,100\n";

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")] // a sandboxed frame or a file:// page
    [InlineData("http://127.0.0.1:1")] // another local port is another origin
    public async Task ACrossOriginPostIsRefusedWith403AndWritesNothing(string origin)
    {
        await using var serve = await SecuredServe.StartAsync(azurite);
        using var http = serve.Client();

        using var post = new HttpRequestMessage(HttpMethod.Post, "api/uploads/tracking_data.csv")
        {
            Headers = { { "Origin", origin } },
            // what an HTML form can send without a preflight
            Content = new StringContent(Csv, Encoding.UTF8, "text/plain"),
        };
        using var response = await http.SendAsync(post);
        using var delete =
            await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete,
                "api/uploads/x")
            { Headers = { { "Origin", origin } } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        var ingestor = serve.App.Services.GetService<HealthKart.Infrastructure.Ingestion.UploadIngestor>()!;
        Assert.False(await ingestor.Inbox.ExistsAsync(), "nothing may be written");
    }

    [Fact]
    public async Task TheDashboardsOwnOriginAConfiguredOneAndClientsWithoutAnOriginMayPost()
    {
        const string configured = "https://dashboard.healthkart.example";
        await using var serve =
            await SecuredServe.StartAsync(azurite, new() { ["Cors:AllowedOrigins:0"] = configured });
        using var http = serve.Client();
        var own = serve.App.BaseAddress.GetLeftPart(UriPartial.Authority);

        foreach (var (origin, name) in new[] { (own, "a"), (configured, "b"), (null, "c") })
        {
            using var post = new HttpRequestMessage(HttpMethod.Post,
                $"api/uploads/tracking_data_{name}.csv")
            { Content = new StringContent(Csv) };
            if (origin is not null)
            {
                post.Headers.Add("Origin", origin);
            }

            using var response = await http.SendAsync(post);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted,
                $"origin {origin ?? "(none)"}: {(int)response.StatusCode}");
        }

        // A cross-origin GET is left to CORS (the browser will not let the page read it), and the page itself loads.
        using var read =
            await http.SendAsync(new HttpRequestMessage(HttpMethod.Get,
                "api/analytics/summary")
            { Headers = { { "Origin", "https://evil.example" } } });
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.False(read.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
    }

    [Theory]
    // DNS rebinding: the attacker's name now resolves to 127.0.0.1, and the browser sends it
    [InlineData("evil.example")]
    [InlineData("evil.example:80")]
    [InlineData("127.0.0.1.evil.example")]
    public async Task ARequestForAForeignHostIsRefusedWith403EvenAGet(string host)
    {
        await using var serve = await SecuredServe.StartAsync(azurite);
        using var http = serve.Client();

        foreach (var path in new[] { "api/analytics/summary", "api/uploads", "/" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = host;
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        foreach (var loopback in new[] { "localhost", $"127.0.0.1:{serve.App.BaseAddress.Port}",
            $"[::1]:{serve.App.BaseAddress.Port}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/health");
            request.Headers.Host = loopback;
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }
    }
}
