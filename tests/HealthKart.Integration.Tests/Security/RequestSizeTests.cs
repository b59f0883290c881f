using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Integration.Tests.HostileInput;
using Microsoft.Extensions.DependencyInjection;

namespace HealthKart.Integration.Tests.Security;

/// <summary>An upload body over the limit is a 413 problem from hk serve, decided before the body is read.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class RequestSizeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TwoHundredMegabyteUploadIsRefusedWith413BeforeItsBodyIsSent()
    {
        await using var serve = await SecuredServe.StartAsync(azurite);
        using var http = serve.Client();
        const long size = 200L * 1000 * 1000;
        var body = new GeneratedCsvStream(size);
        using var content = new StreamContent(body);
        content.Headers.ContentLength = size;
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/uploads/tracking_data.csv")
        {
            Content =
            content
        };
        request.Headers.ExpectContinue = true; // the server answers before asking for the body

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/sas", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail")
            .GetString());
        Assert.True(body.Position < size / 10, $"{body.Position:N0} of {size:N0} bytes were sent");
        Assert.False(await serve.App.Services.GetRequiredService<UploadIngestor>().Inbox.ExistsAsync(),
            "nothing may be stored");
    }
}
