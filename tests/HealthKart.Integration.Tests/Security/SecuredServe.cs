using System.Collections.Concurrent;
using System.Net;
using HealthKart.Cli.Serve;
using HealthKart.Integration.Tests.Cli;
using HealthKart.Integration.Tests.Serve;
using Microsoft.Extensions.Logging;

namespace HealthKart.Integration.Tests.Security;

/// <summary>
/// hk serve's <see cref="LocalApp"/> with a chosen bind address and settings, its whole log kept in <see cref="Log"/>.
/// </summary>
internal sealed class SecuredServe : IAsyncDisposable
{
    private SecuredServe(LocalApp app, LogRecorder log)
    {
        App = app;
        Log = log;
    }

    public LocalApp App { get; }
    public LogRecorder Log { get; }

    public static async Task<SecuredServe> StartAsync(
        AzuriteFixture azurite, Dictionary<string, string?>? settings = null, IPAddress? host = null, bool seed = false)
    {
        var all = ServeApp.IsolatedSettings();
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var log = new LogRecorder();
        var app = await LocalApp.StartAsync(new LocalAppOptions
        {
            StorageConnectionString = azurite.ConnectionString,
            Host = host ?? IPAddress.Loopback,
            Port = 0,
            Seed = seed,
            SampleEnd = ServeApp.SampleEnd,
            Settings = all,
            Repository = new RepositoryLayout(HkProcess.RepositoryRoot),
            PollInterval = TimeSpan.FromMilliseconds(200),
            SeedTimeout = TimeSpan.FromSeconds(60),
            LogToConsole = false,
            LoggerProviders = [log],
        });
        return new SecuredServe(app, log);
    }

    public HttpClient Client() => ServeApp.Client(App);

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Every log line at every level, with its exception, as text.</summary>
internal sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
