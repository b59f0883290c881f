using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HealthKart.Integration.Tests.Serve;

namespace HealthKart.Integration.Tests.Reliability;

/// <summary>
/// hk serve's inbox poller stands in for the blob trigger: it honours the same Ingestion:MaxAttempts.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class PoisonUploadInServeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ThePollerStopsOfferingAPoisonBlobAtTheLimitAndKeepsIngestingOthers()
    {
        var settings = ServeApp.IsolatedSettings();
        settings["Ingestion:MaxAttempts"] = "2";
        await using var app = await ServeApp.StartAsync(azurite, settings: settings);
        using var http = ServeApp.Client(app);
        var inbox = new BlobContainerClient(azurite.ConnectionString, settings["Uploads:Container"]);
        await inbox.CreateIfNotExistsAsync();
        var poison = inbox.GetBlobClient("tracking_data/2025-07.csv");
        await poison.UploadAsync(new BinaryData(TrackingFile.Generate(20, 300).Content));
        await poison.SetAccessTierAsync(AccessTier.Archive);

        var failed = await ServeApp.WaitForUploadAsync(http, "tracking_data/2025-07.csv",
            u => u.GetProperty("status").GetString() == "failed" && u.GetProperty("attempts").GetInt32() == 2);
        var august = TrackingFile.Generate(25, 600, month: 8);
        await inbox.GetBlobClient("tracking_data/2025-08.csv").UploadAsync(new BinaryData(august.Content));
        await ServeApp.WaitForUploadAsync(http, "tracking_data/2025-08.csv",
            u => u.GetProperty("status").GetString() == "ingested");
        await Task.Delay(TimeSpan.FromSeconds(2)); // ten more polls: the poison blob is not run again

        Assert.Contains("Failed after 2 attempts", failed.GetProperty("message").GetString());
        Assert.Equal(2, (await ServeApp.WaitForUploadAsync(http, "tracking_data/2025-07.csv", _ => true)).GetProperty(
            "attempts").GetInt32());
        var summary = await http.GetFromJsonAsync<JsonElement>("api/analytics/summary");
        Assert.Equal(august.Revenue, summary.GetProperty("revenue").GetDecimal());
    }
}
