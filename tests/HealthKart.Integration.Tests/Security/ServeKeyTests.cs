using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthKart.Cli.Serve;
using Microsoft.Extensions.DependencyInjection;

namespace HealthKart.Integration.Tests.Security;

/// <summary>
/// hk serve demands the function key where Azure has its gate: on every route not public by design, once the key is
/// required (by setting, or by binding to anything but loopback).
/// Public routes and the dashboard's files never need it.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ServeKeyTests(AzuriteFixture azurite)
{
    private const string Key = "test-function-key-0123456789";

    [Fact]
    public async Task OnLoopbackNoKeyIsNeededByDefault()
    {
        await using var serve = await SecuredServe.StartAsync(azurite);
        using var http = serve.Client();

        Assert.Null(serve.App.FunctionKey);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/uploads")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "api/uploads")]
    [InlineData("GET", "api/filters")]
    [InlineData("POST", "api/uploads/tracking_data.csv")]
    [InlineData("POST", "api/summary/weekly/send")] // Admin in Azure
    public async Task WithTheKeyRequiredARouteThatIsNotAnonymousAnswers401WithoutIt(string method, string route)
    {
        await using var serve = await SecuredServe.StartAsync(azurite,
            new() { ["Serve:RequireKey"] = "true", ["Serve:FunctionKey"] = Key });
        using var http = serve.Client();

        foreach (var attempt in new[] { route, $"{route}?code=wrong", $"{route}?code=" + Key[..^1] })
        {
            using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method),
                attempt)
            { Content = new StringContent("x") });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains(FunctionKeyGate.Header, problem.GetProperty("detail").GetString());
        }

        var ingestor = serve.App.Services.GetRequiredService<HealthKart.Infrastructure.Ingestion.UploadIngestor>();
        Assert.False(await ingestor.Inbox.ExistsAsync(), "a refused upload must write nothing");
    }

    [Fact]
    public async Task TheKeyIsAcceptedAsHeaderOrCodeAndAnonymousRoutesAndTheDashboardNeedNone()
    {
        await using var serve = await SecuredServe.StartAsync(azurite,
            new() { ["Serve:RequireKey"] = "true", ["Serve:FunctionKey"] = Key });
        using var http = serve.Client();

        Assert.Equal(Key, serve.App.FunctionKey);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"api/uploads?code={Key}")).StatusCode);
        using var withHeader =
            new HttpRequestMessage(HttpMethod.Get, "api/uploads") { Headers = { { FunctionKeyGate.Header, Key } } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(withHeader)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/health")).StatusCode);
        // anonymous: judged by its signature
        Assert.Equal(HttpStatusCode.Forbidden,
            (await http.GetAsync("api/shared/summary.csv?exp=1&kid=x&sig=y")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task BoundToEveryInterfaceAKeyIsRequiredAndGeneratedWhenNoneIsSet()
    {
        await using var serve = await SecuredServe.StartAsync(azurite, host: IPAddress.Any);
        using var http = serve.Client();

        var key = serve.App.FunctionKey;
        Assert.NotNull(key);
        Assert.True(key.Length >= 40, $"a generated key of {key.Length} characters is too short");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/uploads")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"api/uploads?code={key}")).StatusCode);

        await using var other = await SecuredServe.StartAsync(azurite, host: IPAddress.Any);
        Assert.NotEqual(key, other.App.FunctionKey); // generated afresh, not a constant
    }

    [Fact]
    public async Task BoundToEveryInterfaceTheKeyCanBeTurnedOffExplicitly()
    {
        await using var serve = await SecuredServe.StartAsync(azurite, new() { ["Serve:RequireKey"] = "false" },
            IPAddress.Any);
        using var http = serve.Client();

        Assert.Null(serve.App.FunctionKey);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/uploads")).StatusCode);
    }
}
