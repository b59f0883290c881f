using System.Diagnostics;
using HealthKart.Core.Ingestion;
using HealthKart.Functions;
using HealthKart.Infrastructure.Storage;
using Microsoft.AspNetCore.Http;

namespace HealthKart.Integration.Tests.Reliability;

/// <summary>
/// Storage goes away in the middle of an ingestion and comes back on the same address a moment later: every open
/// connection to it is reset, and for two seconds new ones are refused, or accepted and reset at once
/// (<see cref="StorageRelay"/>, in front of a real Azurite). The SDK's retry policy (StorageAccount) must carry every
/// call of the run (blob reads, table batches, ledger, catalog) across the gap, with no re-run. And storage that stays
/// away longer than the retries must not fail the analytics an instance holds in memory
/// (docs/reliability.md#storage-unreachable-while-answering).
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
}
