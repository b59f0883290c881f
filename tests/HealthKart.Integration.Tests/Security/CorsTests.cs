using System.Net;

namespace HealthKart.Integration.Tests.Security;

/// <summary>
/// Browsers may call hk serve's API from a configured origin only (Cors:AllowedOrigins); none by default.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class CorsTests(AzuriteFixture azurite)
{
    private const string Dashboard = "https://dashboard.healthkart.example";

    [Fact]
    public async Task OnlyAConfiguredOriginIsAllowed()
    {
        await using var serve = await SecuredServe.StartAsync(azurite, new() { ["Cors:AllowedOrigins:0"] = Dashboard });
        using var http = serve.Client();

        Assert.Equal(Dashboard, AllowedOrigin(await GetFromAsync(http, Dashboard)));
        Assert.Null(AllowedOrigin(await GetFromAsync(http, "https://evil.example")));
        Assert.Null(AllowedOrigin(await GetFromAsync(http, Dashboard + ".evil.example")));

        using var preflight = await PreflightAsync(http, Dashboard);
        Assert.Equal(Dashboard, AllowedOrigin(preflight));
        using var refused = await PreflightAsync(http, "https://evil.example");
        Assert.Null(AllowedOrigin(refused));
    }

    [Fact]
    public async Task WithNoOriginConfiguredNoOriginIsAllowed()
    {
        await using var serve = await SecuredServe.StartAsync(azurite);
        using var http = serve.Client();

        using var response = await GetFromAsync(http, Dashboard);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(AllowedOrigin(response));
    }

    private static Task<HttpResponseMessage> GetFromAsync(HttpClient http, string origin) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/health") { Headers = { { "Origin", origin } } });

    private static Task<HttpResponseMessage> PreflightAsync(HttpClient http, string origin) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Options, "api/uploads")
        {
            Headers = { { "Origin", origin }, { "Access-Control-Request-Method", "GET" },
                { "Access-Control-Request-Headers", "x-functions-key" } },
        });

    private static string? AllowedOrigin(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? string.Join(",", values) : null;
}
