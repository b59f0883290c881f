using HealthKart.Cli.Serve;
using HealthKart.Integration.Tests.Functions;

namespace HealthKart.Integration.Tests.Serve;

/// <summary>
/// hk serve hosts exactly what Azure hosts: the routes and triggers the generated functions.metadata declares.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ServeRoutesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task MapsExactlyTheHttpTriggersOfFunctionsMetadata()
    {
        await using var app = await ServeApp.StartAsync(azurite);

        var mapped = app.Functions.Select(f => $"{f.HttpMethod} {f.Route} {f.FunctionName}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(FunctionsMetadata.HttpRoutes().Order(StringComparer.Ordinal), mapped);
    }

    [Fact]
    public void EveryOtherTriggerInFunctionsMetadataIsRunByTheLocalHost()
    {
        var notHttp = FunctionsMetadata.Load()
            .Where(f => !f.GetProperty("bindings").EnumerateArray()
                .Any(b => b.GetProperty("type").GetString() == "httpTrigger"))
            .Select(f => f.GetProperty("name").GetString()!);

        // A new timer or blob function fails here until Serve/LocalTriggers.cs says how hk serve runs it.
        Assert.Equal(LocalTriggers.RunByTheHost.Order(StringComparer.Ordinal), notHttp.Order(StringComparer.Ordinal));
        Assert.Empty(LocalTriggers.NotRunLocally(LocalTriggers.FunctionsAssembly));
    }

    [Fact]
    public async Task EveryMappedRouteReachesItsFunction()
    {
        await using var app = await ServeApp.StartAsync(azurite);
        using var http = ServeApp.Client(app);

        foreach (var function in app.Functions)
        {
            // Route values filled with a harmless word: the function answers (often with a 400 problem about the
            // value), where an unmapped route would be a bare 404 or 405 from routing with no body.
            var path = System.Text.RegularExpressions.Regex.Replace(function.Route, @"\{[^}]+\}", "x");
            var method = function.HttpMethod == "*" ? HttpMethod.Get : new HttpMethod(function.HttpMethod);
            using var request = new HttpRequestMessage(method, $"api/{path}") { Content = new StringContent("") };
            using var response = await http.SendAsync(request);

            Assert.True(response.Content.Headers.ContentType is not null,
                $"{method} /api/{path} ({function.FunctionName}) did not reach the function: a bare " +
                $"{(int)response.StatusCode}.");
        }
    }
}
