using HealthKart.Infrastructure;
using HealthKart.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HealthKart.Benchmarks;

/// <summary>
/// The app's real wiring (<see cref="HealthKartServices.AddHealthKart"/>), as the integration tests build it, against
/// the benchmark's Azurite with tables of its own (<c>Tables:Prefix</c>), so every repetition writes fresh tables.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    public const string UserIdKey = "benchmark-user-id-key";
    public const string UploadsContainer = "bench-uploads";
    public const string ReportsContainer = "bench-reports";

    private readonly IHost _host;

    private BenchApp(IHost host) => _host = host;

    public static BenchApp Create(string connectionString, string tablePrefix, int parallelism, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageAccount.ConnectionSetting] = connectionString,
            ["Tables:Prefix"] = tablePrefix,
            ["Uploads:Container"] = UploadsContainer,
            ["Reports:Container"] = ReportsContainer,
            ["Privacy:UserIdKey"] = UserIdKey,
            ["Ingestion:Parallelism"] = parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHealthKart();
        return new BenchApp(builder.Build());
    }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
