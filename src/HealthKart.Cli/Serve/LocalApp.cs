using System.Net;
using System.Net.Sockets;
using HealthKart.Core;
using HealthKart.Core.Ingestion;
using HealthKart.Simulation;
using HealthKart.Functions;
using HealthKart.Infrastructure;
using HealthKart.Infrastructure.Storage;
using HealthKart.Infrastructure.Summary;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HealthKart.Cli.Serve;

/// <summary>
/// The whole app in one process: the Functions project's HTTP functions on Kestrel at 127.0.0.1, the inbox poller in
/// place of the blob trigger, and <c>static-web/</c> at <c>/</c>, on the same <c>AddHealthKart()</c> wiring as the
/// Functions host. <c>hk serve</c> runs it; tests start it with their own storage and port 0.
/// </summary>
public sealed partial class LocalApp : IAsyncDisposable
{
    /// <summary>Azure Functions caps request bodies at 100 MB; Kestrel's default (30 MB) would refuse uploads Azure takes.</summary>
    private const long MaxRequestBodyBytes = 100L * 1024 * 1024;

    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;

    private LocalApp(WebApplication app, Uri baseAddress, IReadOnlyList<MappedFunction> functions, IReadOnlyList<UploadRecord> seeded)
    {
        _app = app;
        var gate = app.Services.GetRequiredService<FunctionKeyGate>();
        FunctionKey = gate.Key;
        FunctionKeyGenerated = gate.Generated;
        BaseAddress = baseAddress;
        Functions = functions;
        Seeded = seeded;
    }

    /// <summary>The key non-anonymous routes demand (configured or generated); null when none is required.</summary>
    public string? FunctionKey { get; }

    /// <summary>Whether <see cref="FunctionKey"/> was generated for this run (so hk serve must print it) rather than configured.</summary>
    public bool FunctionKeyGenerated { get; }

    /// <summary>For example <c>http://127.0.0.1:7071/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Every (HTTP method, route, function) mapped, to check against the generated functions.metadata.</summary>
    public IReadOnlyList<MappedFunction> Functions { get; }

    /// <summary>The sample uploads loaded at startup, as the ledger last showed them; empty when nothing was seeded.</summary>
    public IReadOnlyList<UploadRecord> Seeded { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Signalled when the app stops by itself (a hosted service failed), not only on Ctrl+C.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    public static async Task<LocalApp> StartAsync(LocalAppOptions options, CancellationToken cancellationToken = default)
    {
        var repository = options.Repository ?? RepositoryLayout.Find();
        var app = Build(options, repository);
        try
        {
            var functions = FunctionEndpoints.Map(app, LocalTriggers.FunctionsAssembly);
            var logger = app.Services.GetRequiredService<ILogger<LocalApp>>();
            foreach (var name in LocalTriggers.NotRunLocally(LocalTriggers.FunctionsAssembly))
            {
                LogNotRunLocally(logger, name);
            }

            await StartKestrelAsync(app, options.Host, options.Port, cancellationToken);
            var seeded = options.Seed
                ? await ActivatorUtilities.CreateInstance<SampleDataSeeder>(app.Services)
                    .SeedIfEmptyAsync(new SimulationOptions().EndingOn(options.SampleEnd ?? IndiaTime.Yesterday(app.Services.GetRequiredService<TimeProvider>())),
                        options.Progress, options.SeedTimeout, cancellationToken)
                : [];
            return new LocalApp(app, new Uri(app.Urls.Single().Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "[::1]") + "/"), functions, seeded);
        }
        catch
        {
            await StopAsync(app);
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(_app);

    private static WebApplication Build(LocalAppOptions options, RepositoryLayout repository)
    {
        if (!Directory.Exists(repository.StaticWeb))
        {
            throw new InvalidOperationException($"{repository.StaticWeb} is missing; hk serve serves the dashboard from it. Restore it with 'git checkout -- static-web'.");
        }

        // The empty builder reads no appsettings.json and watches no files: settings come from the environment, as in
        // Azure (app settings are environment variables), then --Section:Key=value arguments, then the options.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = repository.Root });
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine([.. options.Arguments]);
        builder.Configuration.AddInMemoryCollection([new(StorageAccount.ConnectionSetting, options.StorageConnectionString), .. options.Settings]);
        RequireUserIdKey(builder.Configuration, options.DefaultUserIdKey);
        AddLocalLinkKey(builder.Configuration, options.DefaultUserIdKey);
        AddWeeklySummaryDefaults(builder.Configuration, options.Port);

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        if (options.LogToConsole)
        {
            builder.Logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            });
        }

        foreach (var provider in options.LoggerProviders)
        {
            builder.Logging.AddProvider(provider);
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.Host, options.Port);
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        builder.Services.AddRouting();
        builder.Services.AddSingleton(KeyGate(builder.Configuration, options.Host));
        var cors = builder.Configuration.GetSection(CorsOptions.Section).Get<CorsOptions>()?.AllowedOrigins ?? [];
        builder.Services.AddCors(policies => policies.AddDefaultPolicy(policy => policy.WithOrigins(cors).AllowAnyHeader().AllowAnyMethod()));
        builder.Services.AddSingleton<IHostLifetime, ServeLifetime>();
        // Stopping must fit in hk's Ctrl+C grace (Program.cs) together with Azurite's own shutdown.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);

        builder.AddHealthKart();
        // MVC's result executors (ObjectResult, FileStreamResult, ...) and its System.Text.Json formatter, camelCase as in Azure.
        builder.Services.AddMvcCore();
        builder.Services.AddApiJson();
        // Stand-ins for the non-HTTP triggers (see LocalTriggers): the inbox poller for the blob trigger, the scheduler
        // for the timer triggers (schedules resolved now, so a bad one fails startup as it would in Azure).
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<InboxPoller>(services, options.PollInterval));
        var timers = LocalTimer.ResolveAll(LocalTriggers.FunctionsAssembly, builder.Configuration);
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<TimerScheduler>(services, timers));

        var app = builder.Build();
        app.Use(new LocalRequestGuard(options.Host, cors).InvokeAsync);
        // Only listed origins get Access-Control-Allow-Origin; with none listed, browsers allow same-origin calls only.
        app.UseCors();
        var staticWeb = new PhysicalFileProvider(repository.StaticWeb);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = staticWeb });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = staticWeb });
        return app;
    }

    /// <summary>
    /// Off on loopback unless asked for; on for any other address unless turned off. A required key that is not
    /// configured is generated for this run (hk serve prints it).
    /// </summary>
    private static FunctionKeyGate KeyGate(IConfiguration configuration, IPAddress host)
    {
        var serve = configuration.GetSection(ServeOptions.Section).Get<ServeOptions>() ?? new ServeOptions();
        if (!(serve.RequireKey ?? !IPAddress.IsLoopback(host)))
        {
            return FunctionKeyGate.Open;
        }

        return string.IsNullOrWhiteSpace(serve.FunctionKey) ? FunctionKeyGate.Generating() : FunctionKeyGate.Requiring(serve.FunctionKey);
    }

    /// <summary>
    /// Signed export links work out of the box locally: with no Links:Keys set and hk serve's own Azurite, a signing key
    /// is derived from that Azurite's stable local secret, so links survive restarts. A real account needs real keys.
    /// </summary>
    private static void AddLocalLinkKey(ConfigurationManager configuration, string? localSecret)
    {
        if (localSecret is null || configuration.GetSection($"{LinkOptions.Section}:{nameof(LinkOptions.Keys)}").GetChildren().Any())
        {
            return;
        }

        var derived = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(localSecret), "hk serve link signing"u8));
        configuration.AddInMemoryCollection([
            new($"{LinkOptions.Section}:{nameof(LinkOptions.Keys)}:0:{nameof(LinkKeyOptions.Id)}", "local"),
            new($"{LinkOptions.Section}:{nameof(LinkOptions.Keys)}:0:{nameof(LinkKeyOptions.Secret)}", derived),
        ]);
    }

    /// <summary>
    /// The Functions host needs <c>WeeklySummary:Schedule</c> as an app setting; hk serve supplies the default when it
    /// is not set, and points the e-mail's links at its own port unless a public address is configured.
    /// </summary>
    private static void AddWeeklySummaryDefaults(ConfigurationManager configuration, int port)
    {
        var section = configuration.GetSection(WeeklySummaryOptions.Section);
        if (string.IsNullOrWhiteSpace(section[nameof(WeeklySummaryOptions.Schedule)]))
        {
            configuration.AddInMemoryCollection([new($"{WeeklySummaryOptions.Section}:{nameof(WeeklySummaryOptions.Schedule)}", WeeklySummaryOptions.DefaultSchedule)]);
        }

        if (port != 0 && string.IsNullOrWhiteSpace(section[nameof(WeeklySummaryOptions.LinkBaseUrl)]))
        {
            configuration.AddInMemoryCollection([new($"{WeeklySummaryOptions.Section}:{nameof(WeeklySummaryOptions.LinkBaseUrl)}", $"http://127.0.0.1:{port}")]);
        }
    }

    private static void RequireUserIdKey(ConfigurationManager configuration, string? localKey)
    {
        var privacy = configuration.GetSection(PrivacyOptions.Section);
        if (!string.IsNullOrWhiteSpace(privacy[nameof(PrivacyOptions.UserIdKey)])
            || !privacy.GetValue(nameof(PrivacyOptions.PseudonymizeUserIds), defaultValue: true))
        {
            return;
        }

        if (localKey is null)
        {
            throw new InvalidOperationException(
                "With --storage, set the user_id pseudonym key the deployed app uses (otherwise pseudonyms would not match its data): " +
                "export Privacy__UserIdKey='...' and run hk serve again. hk serve generates a key only for its own Azurite.");
        }

        configuration.AddInMemoryCollection([new($"{PrivacyOptions.Section}:{nameof(PrivacyOptions.UserIdKey)}", localKey)]);
    }

    private static async Task StartKestrelAsync(WebApplication app, IPAddress host, int port, CancellationToken cancellationToken)
    {
        try
        {
            // Checked first, so a busy port is one clear line rather than the host's logged stack trace.
            if (port != 0)
            {
                using var probe = new TcpListener(host, port);
                probe.Start();
            }

            await app.StartAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                                          or IOException { InnerException: AddressInUseException })
        {
            throw new InvalidOperationException(
                $"Port {port} on {host} is already in use (another hk serve, or func start?). Stop it, or pass --port N (--port 0 takes a free one).",
                exception);
        }
    }

    private static async Task StopAsync(WebApplication app)
    {
        try
        {
            await app.StopAsync();
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {Function} has a trigger hk serve does not run yet; see Serve/LocalTriggers.cs")]
    private static partial void LogNotRunLocally(ILogger logger, string function);
}
