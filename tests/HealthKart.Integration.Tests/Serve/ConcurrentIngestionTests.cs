using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using HealthKart.Integration.Tests.Reliability;

namespace HealthKart.Integration.Tests.Serve;

/// <summary>
/// hk serve's inbox poller ingests several uploads at once (<c>Ingestion:ConcurrentUploads</c>): a small file dropped
/// after a large one is not held behind it. The large file's raw-row stage is slowed with the test-only
/// <c>Ingestion:RowBatchDelay</c> so that it is still running when the small one lands.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ConcurrentIngestionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ASmallUploadFinishesWhileALargeOneDroppedBeforeItIsStillBeingWritten()
    {
        var settings = ServeApp.IsolatedSettings();
        settings["Ingestion:Parallelism"] = "1";
        settings["Ingestion:RowBatchDelay"] = "00:00:00.150"; // 40 batches of the large file: at least 6 s
        settings["Ingestion:ConcurrentUploads"] = "2";
        await using var app = await ServeApp.StartAsync(azurite, settings: settings);
        using var http = ServeApp.Client(app);
        var inbox = new BlobContainerClient(azurite.ConnectionString, settings["Uploads:Container"]);
        await inbox.CreateIfNotExistsAsync();
        var large = TrackingFile.Generate(4_000, 300, month: 7);
        var small = TrackingFile.Generate(20, 600, month: 8);

        await inbox.GetBlobClient("tracking_data/2025-07.csv").UploadAsync(new BinaryData(large.Content));
        await ServeApp.WaitForUploadAsync(http, "tracking_data/2025-07.csv",
            u => u.GetProperty("status").GetString() == "published");
        await inbox.GetBlobClient("tracking_data/2025-08.csv").UploadAsync(new BinaryData(small.Content));
        var smallDone = await ServeApp.WaitForUploadAsync(http, "tracking_data/2025-08.csv",
            u => u.GetProperty("status").GetString() == "ingested");

        // The large file is still writing its raw rows, with its progress visible, and both files are on the dashboard.
        var largeMeanwhile = await ServeApp.WaitForUploadAsync(http, "tracking_data/2025-07.csv", _ => true);
        Assert.Equal("published", largeMeanwhile.GetProperty("status").GetString());
        Assert.True(largeMeanwhile.GetProperty("rowsProcessed").GetInt64() < large.Rows);
        Assert.Contains("raw rows", largeMeanwhile.GetProperty("waitingFor").GetString());
        Assert.True(smallDone.GetProperty("rowsCompletedAt").GetDateTimeOffset() < DateTimeOffset.UtcNow);
        var summary = await http.GetFromJsonAsync<JsonElement>("api/analytics/summary");
        Assert.Equal(large.Revenue + small.Revenue, summary.GetProperty("revenue").GetDecimal());

        var largeDone = await ServeApp.WaitForUploadAsync(http, "tracking_data/2025-07.csv",
            u => u.GetProperty("status").GetString() == "ingested", seconds: 60);
        Assert.True(largeDone.GetProperty("rowsCompletedAt")
            .GetDateTimeOffset() > smallDone.GetProperty("rowsCompletedAt").GetDateTimeOffset());
        Assert.Equal(large.Rows, largeDone.GetProperty("rowsProcessed").GetInt64());
    }
}
