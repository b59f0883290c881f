using System.Diagnostics;
using System.Text.Json;
using HealthKart.Core;
using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Customers;
using HealthKart.Core.Ingestion;
using HealthKart.Core.Problems;
using HealthKart.Functions;
using HealthKart.Infrastructure;
using HealthKart.Infrastructure.Analytics;
using HealthKart.Infrastructure.Exports.Tracking;
using HealthKart.Infrastructure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HealthKart.Integration.Tests.Reliability;

/// <summary>
/// Storage goes away in the middle of an ingestion and comes back on the same address a moment later: every open
/// connection to it is reset, and for two seconds new ones are refused, or accepted and reset at once
/// (<see cref="StorageRelay"/>, in front of a real Azurite). The SDK's retry policy (StorageAccount) must carry every
/// call of the run (blob reads, table batches, ledger, catalog) across the gap, with no re-run. And storage that stays
/// away longer than the retries must not fail the analytics an instance holds in memory
/// (docs/reliability.md#storage-unreachable-while-answering), nor a snapshot download it breaks off.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class StorageOutageTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(Outage.Refused)]
    [InlineData(Outage.ResetOnArrival)]
    public async Task AnIngestionSpanningAStorageOutageCompletesWithExactTotals(Outage outage)
    {
        const string name = "tracking_data.csv";
        var first = TrackingFile.Generate(30, 400);
        var second = TrackingFile.Generate(3_000, 800);
        await using var storage = StorageRelay.Start(azurite.Server);
        await using var app = TestApp.Create(storage.ConnectionString,
            new Dictionary<string, string?> { ["Ingestion:Parallelism"] = "1" });
        await app.IngestAsync(name, first.Content);
        await app.DropAsync(name, second.Content);

        var run = app.Ingestor.IngestAsync(name, default);
        await StoredData.PublishedRowsBeingWrittenAsync(app);
        storage.Cut(outage);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(run.IsCompleted, "the run should still be going when storage comes back");
        storage.Restore();
        var upload = await run;

        Assert.Equal((UploadStatus.Ingested, 1), (upload!.Status, upload.Attempts));
        Assert.Equal((second.Rows, second.RevenuePaise), await StoredData.RawTrackingAsync(app));
        Assert.Equal(second.Revenue, (await StoredData.SummaryAsync(app)).GetProperty("revenue").GetDecimal());
        var version = Assert.Single((await app.CatalogAsync()).Sources).SourceVersion;
        Assert.Equal(second.RevenuePaise, (await app.Get<FactStore>().ReadAsync(version, default)).Sales.Sum(s =>
            s.RevenuePaise));
    }

    [Fact]
    public async Task WhileStorageIsUnreachableTheLoadedSnapshotAnswersAndAnInstanceWithNoneSays503()
    {
        var file = TrackingFile.Generate(30, 400);
        await using var storage = StorageRelay.Start(azurite.Server);
        var everyRequestChecks = new Dictionary<string, string?> { ["Snapshot:VersionCheckSeconds"] = "0" };
        await using var loaded = TestApp.Create(storage.ConnectionString, everyRequestChecks);
        await using var cold = TestApp.Create(storage.ConnectionString, everyRequestChecks);
        await loaded.IngestAsync("tracking_data.csv", file.Content);
        Assert.Equal(file.Revenue, (await StoredData.SummaryAsync(loaded)).GetProperty("revenue").GetDecimal());

        // Both wait out the retries of their version check at once (about 12.6 s), then answer as they can.
        storage.Cut(Outage.Refused);
        var answered = StoredData.SummaryAsync(loaded);
        var failed = Assert.ThrowsAnyAsync<Exception>(() => StoredData.SummaryAsync(cold));
        var (summary, failure) = (await answered, await failed);
        // The outage is known now: the next request, its check due again, answers from memory without waiting out
        // another round of retries (at least 10 s, with the policy's jitter); the catalog is probed in the background.
        var clock = Stopwatch.StartNew();
        var again = await StoredData.SummaryAsync(loaded);
        var waited = clock.Elapsed;
        storage.Restore();

        Assert.Equal(file.Revenue, summary.GetProperty("revenue").GetDecimal());
        Assert.Equal(file.Revenue, again.GetProperty("revenue").GetDecimal());
        Assert.True(waited < TimeSpan.FromSeconds(5), $"A request during a known outage waited {waited}.");
        var problem = Problems.From(failure, new DefaultHttpContext());
        Assert.Equal((503, "Storage unreachable"), (problem.Status, problem.Title));
        Assert.Equal(0m, (await StoredData.SummaryAsync(cold)).GetProperty("revenue").GetDecimal());
    }

    /// <summary>
    /// A cold instance reading the snapshot blob loses storage while the customers stream in, after the facts
    /// (docs/snapshot.md#customers-behind-the-first-answer): the facts answer, the customer cohorts answer 503, and
    /// once storage is back the version is loaded again in the background and the cohorts answer as the built
    /// snapshot's.
    /// </summary>
    [Fact]
    public async Task StorageLostWhileTheCustomersStreamInLeavesTheFactsAnsweringUntilTheyAreLoadedAgain()
    {
        await using var first = await TestApp.WithSampleFilesAsync(azurite);
        var built = await first.Get<SnapshotCache>().GetAsync(default);
        await first.Get<SnapshotCache>().BlobWrite;
        var blob = first.Get<SnapshotStore>().Container.GetBlobClient(SnapshotStore.BlobName(
            await first.Get<DatasetCatalog>().ReadAsync(default), new AnalyticsOptions(), new CustomerOptions()));
        var length = (await blob.GetPropertiesAsync()).Value.ContentLength;
        await using var storage = StorageRelay.Start(azurite.Server);
        await using var cold = TestApp.Create(storage.ConnectionString, new Dictionary<string, string?>
        {
            ["Tables:Prefix"] = first.Get<IOptions<TableOptions>>().Value.Prefix,
            ["Sources:Container"] = first.Get<IOptions<SourceCopyOptions>>().Value.Container,
        });

        // The download breaks off 20 bytes before the blob's end: inside the customer columns (the last 16 bytes are
        // the trailer), past the facts' checksum. Storage then stays away while the SDK retries.
        storage.CutAfterBlobBytes(length - 20, Outage.Refused);
        var cache = cold.Get<SnapshotCache>();
        var served = await cache.GetAsync(default);
        Assert.Equal(Summary(built), Summary(served));
        await Assert.ThrowsAnyAsync<Exception>(() => served.CustomersLoaded.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(503, Assert.Throws<ProblemException>(() => served.Customers).Status);
        Assert.Equal(Summary(built), Summary(await cache.GetAsync(default)));

        storage.Restore();
        var clock = Stopwatch.StartNew();
        while (await cache.GetAsync(default) is var serving && serving == served)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the version was not loaded again");
            await Task.Delay(100);
        }

        var reloaded = await cache.GetAsync(default);
        Assert.Equal(Cohorts(built), Cohorts(reloaded));
        Assert.True(built.Customers.Count > 0);
    }

    private static string Summary(Snapshot snapshot) => JsonSerializer.Serialize(
        AnalyticsEngine.Summary(new Selection(snapshot, AnalyticsQuery.All), new DateOnly(2025, 8, 12)),
        ApiJson.Options);

    private static string Cohorts(Snapshot snapshot) => JsonSerializer.Serialize(
        CustomerCohorts.View(new Selection(snapshot, AnalyticsQuery.All)), ApiJson.Options);
}
