using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthKart.Cli.Serve;
using HealthKart.Infrastructure.Analytics;
using HealthKart.Infrastructure.Storage;
using HealthKart.Integration.Tests.Cli;
using HealthKart.Integration.Tests.Security;
using HealthKart.Integration.Tests.Serve;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealthKart.Integration.Tests.Analytics;

/// <summary>
/// The start-up warm-up (docs/snapshot.md#the-warm-up-at-start) on a real Azurite: a warmed instance still reads the
/// catalog on its next request, so a version published after the warm-up is what that request gets; and a warm-up that
/// fails leaves the host up and the next requests answering from storage as it is then.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class SnapshotWarmupTests(AzuriteFixture azurite)
{
    /// <summary>Long enough that a request inside a test never finds a counted version check due.</summary>
    private const string AnHour = "3600";

    [Fact]
    public async Task AWarmedCacheServesAVersionPublishedAfterItsWarmUpOnTheVeryNextRequest()
    {
        var settings = Settings();
        await using var publisher = await TestApp.WithSampleFilesAsync(azurite, settings);
        await using var instance = TestApp.Create(azurite, settings);
        var warmed = await instance.Get<SnapshotCache>().WarmAsync(default);

        var published = await PublishAnotherVersionAsync(publisher);
        var next = await instance.Get<SnapshotCache>().GetAsync(default);

        Assert.NotEqual(warmed.DatasetVersion, published);
        Assert.Equal(published, next.DatasetVersion);

        // The control: a request's own load does count as a version check, and within the hour it is not repeated.
        await using var requested = TestApp.Create(azurite, settings);
        var first = await requested.Get<SnapshotCache>().GetAsync(default);
        await PublishAnotherVersionAsync(publisher);
        Assert.Equal(first.DatasetVersion, (await requested.Get<SnapshotCache>().GetAsync(default)).DatasetVersion);
    }

    [Fact]
    public async Task HkServeWarmsAtStartAndItsFirstSummaryIsOfAVersionPublishedAfterTheWarmUp()
    {
        var settings = Settings();
        await using var publisher = await TestApp.WithSampleFilesAsync(azurite, settings);
        var log = new LogRecorder();
        await using var app = await StartAsync(settings, log);
        await Warmup(app).ExecuteTask!;
        Assert.Contains(log.Lines, line => line.Contains("Loaded snapshot", StringComparison.Ordinal));

        var published = await PublishAnotherVersionAsync(publisher);
        using var http = ServeApp.Client(app);
        var summary = await http.GetFromJsonAsync<JsonElement>("api/analytics/summary");

        Assert.Equal(published, summary.GetProperty("datasetVersion").GetString());
    }

    [Fact]
    public async Task AWarmUpThatFailsLeavesTheHostHealthyAndTheNextRequestsAnswering()
    {
        var settings = Settings();
        await using var publisher = await TestApp.WithSampleFilesAsync(azurite, settings);
        var cache = publisher.Get<SnapshotCache>();
        await cache.GetAsync(default);
        await cache.BlobWrite;

        // No blob and one source's facts gone: no instance can load this version, so the warm-up fails.
        var catalog = await publisher.CatalogAsync();
        await publisher.Get<SnapshotStore>().Container.GetBlobClient(SnapshotStore.BlobName(catalog,
            new Core.Analytics.AnalyticsOptions(), new Core.Analytics.Customers.CustomerOptions())).DeleteAsync();
        await publisher.Get<FactStore>().DeleteAsync(
            catalog.Sources.Single(s => s.FileName == "payouts.csv").SourceVersion, default);
        var log = new LogRecorder();
        await using var app = await StartAsync(settings, log);
        await Warmup(app).ExecuteTask!;

        Assert.Contains(log.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal)
            && line.Contains("could not be warmed at start", StringComparison.Ordinal));
        Assert.False(app.Stopping.IsCancellationRequested);
        using var http = ServeApp.Client(app);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/health")).StatusCode);

        // The payouts retracted: a new version whose facts all exist, which the next request loads and answers.
        var published = await PublishAnotherVersionAsync(publisher);
        using var response = await http.GetAsync("api/analytics/summary");
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{summary} {string.Join('\n', log.Lines)}");
        Assert.Equal(published, summary.GetProperty("datasetVersion").GetString());
        Assert.True(summary.GetProperty("revenue").GetDecimal() > 0);
    }

    [Fact]
    public async Task WithTheWarmUpOffNothingIsLoadedBeforeTheFirstRequest()
    {
        var settings = Settings();
        settings["Snapshot:WarmAtStart"] = "false";
        await using var publisher = await TestApp.WithSampleFilesAsync(azurite, settings);
        var log = new LogRecorder();
        await using var app = await StartAsync(settings, log);
        await Warmup(app).ExecuteTask!;

        Assert.DoesNotContain(log.Lines, line => line.Contains("Loaded snapshot", StringComparison.Ordinal));
    }

    /// <summary>Storage of the test's own, shared by the instances it starts; version checks an hour apart.</summary>
    private static Dictionary<string, string?> Settings() => new(ServeApp.IsolatedSettings())
    {
        ["Sources:Container"] = AzuriteFixture.UniqueName("sources"),
        ["Snapshot:VersionCheckSeconds"] = AnHour,
    };

    private Task<LocalApp> StartAsync(Dictionary<string, string?> settings, LogRecorder log) =>
        LocalApp.StartAsync(new LocalAppOptions
        {
            StorageConnectionString = azurite.ConnectionString,
            Port = 0,
            Seed = false,
            Settings = settings,
            Repository = new RepositoryLayout(HkProcess.RepositoryRoot),
            PollInterval = TimeSpan.FromHours(1),
            LogToConsole = false,
            LoggerProviders = [log],
        });

    private static SnapshotWarmup Warmup(LocalApp app) =>
        app.Services.GetServices<IHostedService>().OfType<SnapshotWarmup>().Single();

    /// <summary>A new dataset version, as a retraction publishes one: the catalog without the payouts.</summary>
    private static async Task<string> PublishAnotherVersionAsync(TestApp publisher) =>
        (await publisher.Get<DatasetCatalog>().UpdateAsync(
            c => c with { Sources = [.. c.Sources.Where(s => s.FileName != "payouts.csv")] }, default)).DatasetVersion;
}
