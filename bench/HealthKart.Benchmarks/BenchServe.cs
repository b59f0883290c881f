using HealthKart.Cli.Serve;

namespace HealthKart.Benchmarks;

/// <summary>
/// hk serve's <see cref="LocalApp"/> in this process (Kestrel on 127.0.0.1, a free port, the real functions and
/// <c>AddHealthKart()</c> wiring) on an <see cref="IngestedDataset"/>'s tables, as the endpoint and load checks use it.
/// </summary>
public static class BenchServe
{
    public static Task<LocalApp> StartAsync(IngestedDataset data, RepositoryLayout repository) =>
        LocalApp.StartAsync(new LocalAppOptions
        {
            StorageConnectionString = data.Connection,
            Port = 0,
            Seed = false,
            DefaultUserIdKey = BenchApp.UserIdKey,
            Repository = repository,
            // The data is already ingested; an empty inbox of its
            // own, listed rarely, keeps the poller out of the timing.
            Settings = new Dictionary<string, string?>
            {
                ["Tables:Prefix"] = data.Prefix,
                ["Uploads:Container"] = "bench-serve-inbox",
                ["Reports:Container"] = BenchApp.ReportsContainer,
                ["Privacy:UserIdKey"] = BenchApp.UserIdKey,
            },
            PollInterval = TimeSpan.FromHours(1),
            LogToConsole = false,
        });
}
