using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HealthKart.Infrastructure.Storage;

namespace HealthKart.Integration.Tests.Serve;

/// <summary>
/// hk serve over real HTTP on 127.0.0.1: the functions, the poller standing in for the blob trigger, the page.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ServeEndToEndTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan IngestionWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PostedFileIsIngestedByThePollerAndListedAsIngested()
    {
        await using var app = await ServeApp.StartAsync(azurite);
        using var http = ServeApp.Client(app);

        using var posted = await http.PostAsync("api/uploads/influencers.csv",
            new StringContent(SampleFiles.Influencers, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload")
            .GetProperty("id").GetString()!;
        Assert.Equal($"/api/uploads/{id}", posted.Headers.Location?.OriginalString);

        // Nobody calls the ingestor here: only the poller can move the upload on.
        var item = await ServeApp.WaitUntilFinishedAsync(http, id, IngestionWait);

        // JsonElement property names are case-sensitive: these pass only for camelCase JSON, as Azure writes it.
        Assert.Equal("ingested", item.GetProperty("status").GetString());
        Assert.Equal("influencers.csv", item.GetProperty("fileName").GetString());
        Assert.Equal("influencers", item.GetProperty("dataset").GetString());
        Assert.Equal(3, item.GetProperty("rows").GetInt64());
        Assert.Equal(0, item.GetProperty("errors").GetInt64());
        Assert.True(item.GetProperty("current").GetBoolean());
    }

    [Fact]
    public async Task OverwrittenFileIsIngestedAgainUnderItsNewETag()
    {
        await using var app = await ServeApp.StartAsync(azurite);
        using var http = ServeApp.Client(app);
        var first = await PostAsync(http, "influencers.csv", SampleFiles.Influencers);
        await ServeApp.WaitUntilFinishedAsync(http, first, IngestionWait);

        var twoRows = string.Join('\n', SampleFiles.Influencers.Split('\n').Take(3)) + "\n";
        var second = await PostAsync(http, "influencers.csv", twoRows);
        var replacement = await ServeApp.WaitUntilFinishedAsync(http, second, IngestionWait);

        Assert.NotEqual(first, second);
        Assert.Equal("ingested", replacement.GetProperty("status").GetString());
        Assert.Equal(2, replacement.GetProperty("rows").GetInt64());
        var old = await http.GetFromJsonAsync<JsonElement>($"api/uploads/{first}");
        Assert.False(old.GetProperty("upload").GetProperty("current").GetBoolean());
    }

    [Fact]
    public async Task UnknownUploadIsA404Problem()
    {
        await using var app = await ServeApp.StartAsync(azurite);
        using var http = ServeApp.Client(app);
        var unknown = TableKeys.UploadId("influencers.csv", "\"0x8DD000000000000\"");

        using var response = await http.GetAsync($"api/uploads/{unknown}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains(unknown, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UnknownQueryParameterIsA400ProblemNamingIt()
    {
        await using var app = await ServeApp.StartAsync(azurite);
        using var http = ServeApp.Client(app);

        using var response = await http.GetAsync("api/uploads?colour=red");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("colour", problem.GetProperty("parameter").GetString());
        Assert.Contains("'colour'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task HealthAndThePlaceholderPageAreServed()
    {
        await using var app = await ServeApp.StartAsync(azurite);
        using var http = ServeApp.Client(app);

        var health = await http.GetFromJsonAsync<JsonElement>("api/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());

        using var page = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("HealthKart Influencer ROI", html);
        Assert.Contains("href=\"/api/health\"", html);
        Assert.Contains("href=\"/api/uploads\"", html);
        Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", html); // it must work offline: nothing loaded from elsewhere
    }

    private static async Task<string> PostAsync(HttpClient http, string fileName, string csv)
    {
        using var response = await http.PostAsync($"api/uploads/{fileName}",
            new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload")
            .GetProperty("id").GetString()!;
    }
}
