using System.Net.Http.Json;
using System.Text.Json;
using HealthKart.Cli.Serve;
using HealthKart.Core.Ingestion;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HealthKart.Integration.Tests.Serve;

/// <summary>A fresh hk serve loads data/*.csv through the normal upload path; a store with data is left alone.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class SeedingTests(AzuriteFixture azurite)
{
    private static readonly string[] SampleFiles = ["influencers.csv", "payouts.csv", "posts.csv", "tracking_data.csv"];

    [Fact]
    public async Task EmptyStoreIsSeededWithTheSampleDataBeforeStartupReturns()
    {
        await using var app = await ServeApp.StartAsync(azurite, seed: true);

        Assert.Equal(SampleFiles, app.Seeded.Select(r => r.FileName).Order(StringComparer.Ordinal));
        Assert.All(app.Seeded, r => Assert.Equal(UploadStatus.Ingested, r.Status));
        Assert.All(app.Seeded, r => Assert.Equal(SampleDataSeeder.UploadedBy, r.UploadedBy));
        var catalog = await app.Services.GetRequiredService<DatasetCatalog>().ReadAsync(default);
        Assert.Equal(SampleFiles, catalog.Sources.Select(s => s.FileName).Order(StringComparer.Ordinal));

        using var http = ServeApp.Client(app);
        var list = await http.GetFromJsonAsync<JsonElement>("api/uploads");
        Assert.All(list.GetProperty("items").EnumerateArray(), i => Assert.Equal("ingested", i.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task StoreWithDataIsNotSeededAgainAndRestartChangesNothing()
    {
        var settings = ServeApp.IsolatedSettings();
        await using (var first = await ServeApp.StartAsync(azurite, seed: true, settings))
        {
            Assert.Equal(4, first.Seeded.Count);
        }

        await using var second = await ServeApp.StartAsync(azurite, seed: true, settings);
        Assert.Empty(second.Seeded);

        // The restarted poller offers every blob again; ingestion is idempotent, so the ledger keeps its four records.
        await Task.Delay(TimeSpan.FromSeconds(1));
        using var http = ServeApp.Client(second);
        var items = (await http.GetFromJsonAsync<JsonElement>("api/uploads")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, items.Count);
        Assert.All(items, i => Assert.Equal("ingested", i.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task WithoutSeedingTheStoreStaysEmpty()
    {
        await using var app = await ServeApp.StartAsync(azurite, seed: false);

        Assert.Empty(app.Seeded);
        Assert.False(await app.Services.GetRequiredService<UploadIngestor>().Inbox.ExistsAsync()); // nothing was uploaded
        Assert.Empty((await app.Services.GetRequiredService<DatasetCatalog>().ReadAsync(default)).Sources);
    }
}
