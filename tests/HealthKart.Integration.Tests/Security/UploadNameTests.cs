using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthKart.Infrastructure.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace HealthKart.Integration.Tests.Security;

/// <summary>
/// File names sent over HTTP to hk serve (upload and direct-upload URL), percent-encoded so they survive the URL:
/// path characters, absolute paths and control characters are refused, and nothing is written anywhere.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class UploadNameTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("..%2Finfluencers.csv")]
    [InlineData("..%5Ctracking_data.csv")]
    [InlineData("%2E%2E%2Ftracking_data.csv")]
    [InlineData("%252e%252e%252ftracking_data.csv")] // encoded twice
    [InlineData("%2Fetc%2Ftracking_data.csv")]
    [InlineData("C%3A%5CWindows%5Ctracking_data.csv")]
    [InlineData("tracking_data%00.csv")]
    [InlineData("tracking_data%0D%0AX-Evil%3A%201.csv")]
    [InlineData("tracking_data%1B%5B31m.csv")]
    [InlineData("..")]
    public async Task HostileNameIsRefusedByBothUploadEndpointsAndNothingIsWritten(string encodedName)
    {
        await using var serve = await SecuredServe.StartAsync(azurite);
        using var http = serve.Client();

        foreach (var route in new[] { $"api/uploads/{encodedName}", $"api/uploads/{encodedName}/sas" })
        {
            using var response = await http.PostAsync(route, new StringContent("source,campaign\n"));
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound
                or HttpStatusCode.MethodNotAllowed,
                $"{route}: {(int)response.StatusCode}");
            // Kestrel itself refuses a NUL in the path (400, no body);
            // every other refusal is the app's problem naming fileName.
            if (encodedName.Contains("%00"))
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            }
            else if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("fileName", problem.GetProperty("parameter").GetString());
            }
        }

        // The inbox is created on the first write, so its absence proves nothing was written.
        Assert.False(await serve.App.Services.GetRequiredService<UploadIngestor>().Inbox.ExistsAsync(),
            "a refused name must write nothing");
    }
}
