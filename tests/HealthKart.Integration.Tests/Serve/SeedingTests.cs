using System.Net.Http.Json;
using System.Text.Json;
using HealthKart.Cli.Serve;
using HealthKart.Core.Ingestion;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HealthKart.Integration.Tests.Serve;

/// <summary>
/// A fresh hk serve loads the simulated sample through the normal upload path (ending yesterday in India, or on a
/// pinned day: 2025-08-29 gives the committed data/*.csv); a store with data is left alone.
/// </summary>
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
        Assert.All(list.GetProperty("items").EnumerateArray(),
            i => Assert.Equal("ingested", i.GetProperty("status").GetString()));

        // Pinned to the committed sample's last day, the simulated files are the committed ones: same rows, same dates.
        foreach (var record in app.Seeded)
        {
            var committed = File.ReadLines(Path.Combine(HealthKart.Integration.Tests.Cli.HkProcess.RepositoryRoot,
                "data", record.FileName)).Count() - 1;
            Assert.Equal(committed, record.Rows);
        }

        var filters = await http.GetFromJsonAsync<JsonElement>("api/filters");
        Assert.Equal("2025-08-29", filters.GetProperty("dateRange").GetProperty("to").GetString());
    }

    [Fact]
    public async Task AFirstRunsSampleEndsYesterdayInIndiaSoTheDefaultWeekHasActivity()
    {
        await using var app = await ServeApp.StartAsync(azurite, seed: true, aliveSample: true);
        using var http = ServeApp.Client(app);
        var yesterday = HealthKart.Core.IndiaTime.Yesterday(TimeProvider.System);

        var filters = await http.GetFromJsonAsync<JsonElement>("api/filters");
        Assert.Equal(yesterday.ToString("yyyy-MM-dd"), filters.GetProperty("dateRange").GetProperty("to").GetString());
        Assert.Equal(yesterday.AddDays(-89).ToString("yyyy-MM-dd"), filters.GetProperty("dateRange")
            .GetProperty("from").GetString());

        // "Last 30 days" on the page, and the weekly preview's default week (the last complete one), find sales.
        var lastMonth = await http.GetFromJsonAsync<JsonElement>(
            $"api/analytics/summary?from={yesterday.AddDays(-29):yyyy-MM-dd}&to={yesterday:yyyy-MM-dd}");
        Assert.True(lastMonth.GetProperty("revenue").GetDecimal() > 0);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/summary/weekly");
        request.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("application/json"));
        using var preview = await http.SendAsync(request);
        Assert.True(JsonDocument.Parse(await preview.Content.ReadAsStringAsync()).RootElement.GetProperty("hasActivity")
            .GetBoolean());
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
        var items = (await http.GetFromJsonAsync<JsonElement>("api/uploads")).GetProperty("items")
            .EnumerateArray().ToList();
        Assert.Equal(4, items.Count);
        Assert.All(items, i => Assert.Equal("ingested", i.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task WithoutSeedingTheStoreStaysEmpty()
    {
        await using var app = await ServeApp.StartAsync(azurite, seed: false);

        Assert.Empty(app.Seeded);
        // nothing was uploaded
        Assert.False(await app.Services.GetRequiredService<UploadIngestor>().Inbox.ExistsAsync());
        Assert.Empty((await app.Services.GetRequiredService<DatasetCatalog>().ReadAsync(default)).Sources);
    }
}
