using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HealthKart.Integration.Tests.Security;
using HealthKart.Integration.Tests.Serve;
using Microsoft.Extensions.DependencyInjection;

namespace HealthKart.Integration.Tests.Functions;

/// <summary>Uploads of one name at the same moment, and the one thing a signed link must never carry.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class SameNameUploadTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ConcurrentUploadsOfOneNameAreStoredOneAfterAnotherAndNoneIsLeftWaiting()
    {
        // The summary is read right after the last upload finishes: re-check the dataset version on every request, or a
        // snapshot loaded during the uploads may answer for up to Snapshot:VersionCheckSeconds (seen: revenue 0).
        await using var serve = await SecuredServe.StartAsync(azurite, new() { ["Snapshot:VersionCheckSeconds"] = "0" });
        using var http = serve.Client();

        // Eight versions of one month at once, each with its own revenue (₹1,001 .. ₹1,008) and large enough (40,000
        // rows, ~2.6 MB) that the client stages blocks: two block lists committed at once made one fail (a 500).
        static byte[] Version(int n) => Encoding.UTF8.GetBytes("source,campaign,influencer_id,user_id,product,date,orders,revenue\n"
            + string.Concat(Enumerable.Repeat($"Instagram,C1,INF001,U1,Whey,2025-07-01,0,0.00\n", 40_000))
            + $"Instagram,C1,INF001,U1,Whey,2025-07-02,1,{1000 + n}.00\n");
        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(async n =>
        {
            using var response = await http.PostAsync("api/uploads/tracking_data.csv", new ByteArrayContent(Version(n)));
            return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>());
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var ids = responses.Select(r => r.Body.GetProperty("upload").GetProperty("id").GetString()!).ToList();
        Assert.Equal(8, ids.Distinct().Count());

        // Every record reaches a final status; the one ingested last is the blob the inbox holds (the last writer).
        var finals = new List<JsonElement>();
        foreach (var id in ids)
        {
            finals.Add(await ServeApp.WaitUntilFinishedAsync(http, id, TimeSpan.FromSeconds(120)));
        }

        Assert.All(finals, f => Assert.Contains(f.GetProperty("status").GetString(), new[] { "ingested", "failed" }));
        Assert.All(finals.Where(f => f.GetProperty("status").GetString() == "failed"),
            f => Assert.Contains("newer upload", f.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase));
        var inbox = serve.App.Services.GetRequiredService<HealthKart.Infrastructure.Ingestion.UploadIngestor>().Inbox;
        var stored = (await inbox.GetBlobClient("tracking_data.csv").DownloadContentAsync()).Value.Content.ToString();
        var lastRevenue = decimal.Parse(stored.TrimEnd('\n').Split('\n')[^1].Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var summary = await http.GetFromJsonAsync<JsonElement>("api/analytics/summary");
        Assert.Equal(lastRevenue, summary.GetProperty("revenue").GetDecimal());
        Assert.Single(finals, f => f.GetProperty("current").GetBoolean());
    }

    [Fact]
    public async Task AUploadWaitingToBeReadSaysWhatItWaitsFor()
    {
        await using var serve = await SecuredServe.StartAsync(azurite, new() { ["Snapshot:VersionCheckSeconds"] = "0" });
        using var http = serve.Client();

        using var response = await http.PostAsync("api/uploads/posts.csv", new StringContent("influencer_id,platform,date,URL,caption,reach,likes,comments\n"));
        var upload = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload");

        // Usually still received; the poller may have started on it already, and then it waits for validation.
        var expected = upload.GetProperty("status").GetString() == "received" ? "inbox poller" : "validation";
        Assert.Contains(expected, upload.GetProperty("waitingFor").GetString());
        var finished = await ServeApp.WaitUntilFinishedAsync(http, upload.GetProperty("id").GetString()!, TimeSpan.FromSeconds(60));
        Assert.Equal(JsonValueKind.Null, finished.GetProperty("waitingFor").ValueKind);
    }

    [Fact]
    public async Task ALinkAskedToCarryTheFunctionKeyIsRefused()
    {
        await using var serve = await SecuredServe.StartAsync(azurite, new()
        {
            ["Links:Keys:0:Id"] = "k1", ["Links:Keys:0:Secret"] = "a-link-signing-secret-of-at-least-32-chars",
        });
        using var http = serve.Client();

        using var refused = await http.PostAsJsonAsync("api/exports/links", new { report = "summary", format = "csv", query = "platform=Instagram&code=the-function-key" });
        using var refusedUpper = await http.PostAsJsonAsync("api/exports/links", new { report = "summary", format = "csv", query = "CODE=the-function-key" });
        using var made = await http.PostAsJsonAsync("api/exports/links", new { report = "summary", format = "csv", query = "platform=Instagram" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("function key", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, refusedUpper.StatusCode);
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.DoesNotContain("code=", (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString());
    }
}
