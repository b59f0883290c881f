using System.Net.Http.Json;
using System.Text.Json;
using HealthKart.Cli.Serve;
using HealthKart.Integration.Tests.Cli;

namespace HealthKart.Integration.Tests.Serve;

/// <summary>
/// Starts hk serve's <see cref="LocalApp"/> in this process against the shared Azurite, on a free port, with tables and
/// containers of its own, polling fast so tests wait less.
/// </summary>
internal static class ServeApp
{
    /// <summary>
    /// The committed sample's last day: a seeded app then holds exactly data/*.csv, whatever today is.
    /// </summary>
    public static readonly DateOnly SampleEnd = new(2025, 8, 29);

    public static Dictionary<string, string?> IsolatedSettings() => new()
    {
        ["Tables:Prefix"] = AzuriteFixture.UniqueName("hk"),
        ["Uploads:Container"] = AzuriteFixture.UniqueName("uploads"),
        ["Reports:Container"] = AzuriteFixture.UniqueName("reports"),
        ["Privacy:UserIdKey"] = TestApp.UserIdKey,
    };

    /// <summary>
    /// Starts the app; <paramref name="aliveSample"/> seeds the sample as a person's first run does, ending yesterday.
    /// </summary>
    public static Task<LocalApp> StartAsync(AzuriteFixture azurite, bool seed = false,
        Dictionary<string, string?>? settings = null, bool aliveSample = false) =>
        LocalApp.StartAsync(new LocalAppOptions
        {
            StorageConnectionString = azurite.ConnectionString,
            Port = 0,
            Seed = seed,
            SampleEnd = aliveSample ? null : SampleEnd,
            Settings = settings ?? IsolatedSettings(),
            Repository = new RepositoryLayout(HkProcess.RepositoryRoot),
            PollInterval = TimeSpan.FromMilliseconds(200),
            SeedTimeout = TimeSpan.FromSeconds(60), // the four sample files take about a second
            LogToConsole = false,
        });

    public static HttpClient Client(LocalApp app) =>
        new() { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Polls <c>GET /api/uploads</c> until the newest upload of <paramref name="fileName"/> satisfies <paramref
    /// name="done"/>.
    /// </summary>
    public static async Task<JsonElement> WaitForUploadAsync(HttpClient http, string fileName,
        Func<JsonElement, bool> done, int seconds = 30)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var list = await http.GetFromJsonAsync<JsonElement>("api/uploads");
            var item = list.GetProperty("items").EnumerateArray()
                .FirstOrDefault(i => i.GetProperty("fileName").GetString() == fileName);
            if (item.ValueKind == JsonValueKind.Object && done(item))
            {
                return item;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline,
                $"{fileName} did not reach the expected state; last seen: {item}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Polls GET /api/uploads until the upload reaches a final status; the poller, not the test, ingests it.
    /// </summary>
    public static async Task<JsonElement> WaitUntilFinishedAsync(HttpClient http, string id, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var status = "not listed";
        while (DateTimeOffset.UtcNow < deadline)
        {
            var list = await http.GetFromJsonAsync<JsonElement>("api/uploads");
            var item = list.GetProperty("items").EnumerateArray()
                .SingleOrDefault(i => i.GetProperty("id").GetString() == id);
            status = item.ValueKind == JsonValueKind.Object ? item.GetProperty("status").GetString() : "not listed";
            if (status is "ingested" or "rejected" or "failed")
            {
                return item;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException(
            $"Upload {id} was still '{status}' after {timeout.TotalSeconds:0} s: the poller did not ingest it.");
    }
}
