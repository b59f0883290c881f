using Azure.Storage.Blobs.Models;
using HealthKart.Core.Ingestion;
using HealthKart.Infrastructure.Ingestion;

namespace HealthKart.Integration.Tests.Reliability;

/// <summary>
/// A blob that fails every run: moved to the Archive tier, it can be listed but not read (409 BlobArchived), however
/// often the trigger fires. After Ingestion:MaxAttempts runs it stays failed, and other uploads keep landing.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class PoisonUploadTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task APoisonBlobEndsFailedAfterTheConfiguredAttemptsAndTheNextUploadStillLands()
    {
        await using var app =
            TestApp.Create(azurite, new Dictionary<string, string?> { ["Ingestion:MaxAttempts"] = "3" });
        var poison = await app.DropAsync("tracking_data/2025-07.csv", TrackingFile.Generate(20, 300).Content);
        await poison.SetAccessTierAsync(AccessTier.Archive);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => app.Ingestor.IngestAsync("tracking_data/2025-07.csv",
                default));
        }

        // Redelivered again (the host's poison threshold or hk serve's poller): it no longer runs, it answers failed.
        var gaveUp = await app.Ingestor.IngestAsync("tracking_data/2025-07.csv", default);
        var again = await app.Ingestor.IngestAsync("tracking_data/2025-07.csv", default);

        Assert.Equal((UploadStatus.Failed, 3), (gaveUp!.Status, gaveUp.Attempts));
        Assert.Contains("Failed after 3 attempts", gaveUp.Message);
        Assert.Contains("archive", gaveUp.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equivalent(gaveUp, again, strict: true);
        var august = TrackingFile.Generate(25, 600, month: 8);
        var next = await app.IngestAsync("tracking_data/2025-08.csv", august.Content);
        Assert.Equal(UploadStatus.Ingested, next.Status);
        Assert.Equal(august.Revenue, (await StoredData.SummaryAsync(app)).GetProperty("revenue").GetDecimal());
        Assert.Equal(2, (await app.Get<UploadLedger>().ListAsync(100, default)).Items.Count);
    }
}
