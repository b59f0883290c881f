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
        await ServeApp.WaitForUploadAsync(http, "tracking_data/2025-07.csv", u => RawRowState(u) == "writing");
        await inbox.GetBlobClient("tracking_data/2025-08.csv").UploadAsync(new BinaryData(small.Content));
        var smallDone = await ServeApp.WaitForUploadAsync(http, "tracking_data/2025-08.csv",
            u => RawRowState(u) == "complete");

        // The large file is ingested (on the dashboard) and still writing its raw rows, with their progress in their
        // own field, and both files are on the dashboard.
        var largeMeanwhile = await ServeApp.WaitForUploadAsync(http, "tracking_data/2025-07.csv", _ => true);
        Assert.Equal(("ingested", "writing"), (largeMeanwhile.GetProperty("status").GetString(),
            RawRowState(largeMeanwhile)));
        var rawRows = largeMeanwhile.GetProperty("rawRows");
        Assert.True(rawRows.GetProperty("written").GetInt64() < large.Rows);
        Assert.Equal(large.Rows, rawRows.GetProperty("total").GetInt64());
        Assert.Contains("raw rows", largeMeanwhile.GetProperty("waitingFor").GetString());
        Assert.Equal("ingested", smallDone.GetProperty("status").GetString());
        Assert.True(smallDone.GetProperty("rawRows").GetProperty("completedAt")
            .GetDateTimeOffset() < DateTimeOffset.UtcNow);
        var summary = await http.GetFromJsonAsync<JsonElement>("api/analytics/summary");
        Assert.Equal(large.Revenue + small.Revenue, summary.GetProperty("revenue").GetDecimal());

        var largeDone = await ServeApp.WaitForUploadAsync(http, "tracking_data/2025-07.csv",
            u => RawRowState(u) == "complete", seconds: 60);
        var largeRows = largeDone.GetProperty("rawRows");
        Assert.True(largeRows.GetProperty("completedAt").GetDateTimeOffset() > smallDone.GetProperty("rawRows")
            .GetProperty("completedAt").GetDateTimeOffset());
        Assert.Equal(large.Rows, largeRows.GetProperty("written").GetInt64());
        Assert.Null(largeDone.GetProperty("waitingFor").GetString());
    }

    private static string? RawRowState(JsonElement upload) =>
        upload.GetProperty("rawRows") is { ValueKind: JsonValueKind.Object } rawRows
        ? rawRows.GetProperty("state").GetString() : null;
}
