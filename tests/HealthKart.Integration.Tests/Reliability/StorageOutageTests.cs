using HealthKart.Core.Ingestion;
using HealthKart.Local;
using HealthKart.Infrastructure.Storage;

namespace HealthKart.Integration.Tests.Reliability;

/// <summary>
/// Storage goes away in the middle of an ingestion and comes back on the same address a moment later: an Azurite of
/// this test's own, with its data on disk so it survives the restart. The SDK's retry policy (StorageAccount) must
/// carry every call of the run (blob reads, table batches, ledger, catalog) across the gap, with no re-run.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("hk-outage-").FullName;
    private AzuriteServer? _storage;

    private AzuriteServer Storage => _storage!;

    public async Task InitializeAsync() => _storage = await AzuriteServer.StartAsync(new AzuriteOptions { Location = _data });

    public async Task DisposeAsync()
    {
        await Storage.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task AnIngestionSpanningAStorageRestartCompletesWithExactTotals()
    {
        const string name = "tracking_data.csv";
        var first = TrackingFile.Generate(30, 400);
        var second = TrackingFile.Generate(3_000, 800);
        await using var app = TestApp.Create(Storage.ConnectionString, new Dictionary<string, string?> { ["Ingestion:Parallelism"] = "1" });
        await app.IngestAsync(name, first.Content);
        await app.DropAsync(name, second.Content);

        var run = app.Ingestor.IngestAsync(name, default);
        await StoredData.UnpublishedRowsWrittenAsync(app);
        await Storage.StopAsync();
        Assert.False(run.IsCompleted, "the run should still be going when storage stops");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await Storage.StartAgainAsync();
        var upload = await run;

        Assert.Equal((UploadStatus.Ingested, 1), (upload!.Status, upload.Attempts));
        Assert.Equal((second.Rows, second.RevenuePaise), await StoredData.RawTrackingAsync(app));
        Assert.Equal(second.Revenue, (await StoredData.SummaryAsync(app)).GetProperty("revenue").GetDecimal());
        var version = Assert.Single((await app.CatalogAsync()).Sources).SourceVersion;
        Assert.Equal(second.RevenuePaise, (await app.Get<FactStore>().ReadAsync(version, default)).Sales.Sum(s => s.RevenuePaise));
    }
}
