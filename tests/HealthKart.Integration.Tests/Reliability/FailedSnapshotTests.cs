using HealthKart.Core.Analytics;
using HealthKart.Core.DataContract;
using HealthKart.Core.Facts;
using HealthKart.Core.Ingestion;
using HealthKart.Functions;
using HealthKart.Infrastructure.Analytics;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HealthKart.Integration.Tests.Reliability;

/// <summary>
/// A dataset version that cannot be built leaves the previous one serving, and says so where people look.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class FailedSnapshotTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ASnapshotBuildThatFailsKeepsThePreviousVersionServingAndIsShownInDataQualityAndTheLedger()
    {
        await using var app = await TestApp.WithSampleFilesAsync(azurite,
            new Dictionary<string, string?> { ["Snapshot:VersionCheckSeconds"] = "0" });
        var cache = app.Get<SnapshotCache>();
        var good = await cache.GetAsync(default);

        // A source whose facts add up past 64 bits (two facts of 2^62 paise; the validator's bounds keep real files far
        // from this, so the facts are written straight to the store), published as the next version with its ledger
        // record.
        var ledger = app.Get<UploadLedger>();
        var upload = new UploadRecord
        {
            Id = TableKeys.UploadId("tracking_data_outsized.csv", "0x1"),
            FileName = "tracking_data_outsized.csv",
            SourceKey = TableKeys.SourceKey("tracking_data_outsized.csv"),
            Dataset = Dataset.Tracking,
            Status = UploadStatus.Ingested,
            Message = "Ingested.",
        };
        await ledger.SaveAsync(upload, default);
        SalesFact Sale(int day) => new(new DateOnly(2025, 7, day), "INF001", "C1", "Whey", "MuscleBlaze", "Instagram",
            false, 1, 1L << 62, 1);
        await app.Get<FactStore>().WriteAsync("outsized-v1", new SourceFacts(Dataset.Tracking, [], [Sale(1), Sale(2)],
            [], [], []), default);
        var published = await app.Get<DatasetCatalog>().UpdateAsync(catalog => catalog with
        {
            Sources = [.. catalog.Sources, new CatalogEntry(upload.SourceKey, upload.FileName, Dataset.Tracking,
                "outsized-v1", upload.Id, 2, new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 2), DateTimeOffset.UtcNow,
                DateTimeOffset.UtcNow)],
        }, default);

        var served = await cache.GetAsync(default);
        var again = await cache.GetAsync(default);

        Assert.NotEqual(good.DatasetVersion, published.DatasetVersion);
        Assert.Same(good, served);
        Assert.Same(good, again);
        Assert.Equal((published.DatasetVersion, good.DatasetVersion),
            (cache.LastFailure?.DatasetVersion, cache.LastFailure?.ServingVersion));
        Assert.Contains("revenue", cache.LastFailure!.Reason);

        var quality =
            Assert.IsType<OkObjectResult>(await new DataQualityReport(cache).Get(new DefaultHttpContext().Request,
                default));
        var first = Assert.IsType<DataQualityView>(quality.Value).Items[0];
        Assert.Equal("snapshot-build-failed", first.Kind);
        Assert.Contains(published.DatasetVersion, first.Message);

        var record = await ledger.FindAsync(upload.Id, default);
        Assert.Contains($"could not be built from dataset version {published.DatasetVersion}", record!.Message);
        Assert.Contains($"version {good.DatasetVersion} keeps serving", record.Message);

        // Retracting the outsized source publishes a version that builds: the failure is gone from the panel.
        await app.Get<DatasetCatalog>().UpdateAsync(
            catalog => catalog with { Sources = [.. catalog.Sources.Where(s => s.SourceKey != upload.SourceKey)] },
            default);
        var recovered = await cache.GetAsync(default);
        Assert.NotEqual(good.DatasetVersion, recovered.DatasetVersion);
        Assert.Null(cache.LastFailure);
    }

    /// <summary>
    /// A catalog that names a source whose facts are gone (deleted by hand, or never written) fails that version after
    /// three reads, as a build failure does: the previous version keeps serving and the panel says why, where the
    /// request used to end in a 500.
    /// </summary>
    [Fact]
    public async Task ASourceWhoseFactsAreGoneFailsItsVersionAndThePreviousKeepsServing()
    {
        await using var app = await TestApp.WithSampleFilesAsync(azurite,
            new Dictionary<string, string?> { ["Snapshot:VersionCheckSeconds"] = "0" });
        var cache = app.Get<SnapshotCache>();
        var good = await cache.GetAsync(default);

        var published = await app.Get<DatasetCatalog>().UpdateAsync(catalog => catalog with
        {
            Sources = [.. catalog.Sources, new CatalogEntry(TableKeys.SourceKey("tracking_data_gone.csv"),
                "tracking_data_gone.csv", Dataset.Tracking, "gone-v1", TableKeys.UploadId("tracking_data_gone.csv",
                "0x2"), 1, new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 1), DateTimeOffset.UtcNow,
                DateTimeOffset.UtcNow)],
        }, default);

        var served = await cache.GetAsync(default);

        Assert.NotEqual(good.DatasetVersion, published.DatasetVersion);
        Assert.Same(good, served);
        Assert.Equal(published.DatasetVersion, cache.LastFailure?.DatasetVersion);
        Assert.Contains("gone-v1", cache.LastFailure!.Reason);
        Assert.Contains("upload the file again", cache.LastFailure.Reason);
    }
}
