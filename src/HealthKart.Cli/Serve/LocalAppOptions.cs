namespace HealthKart.Cli.Serve;

/// <summary>
/// How to run a <see cref="LocalApp"/>. <c>hk serve</c> fills it from its command line; tests point it at their shared
/// Azurite, port 0 and tables and containers of their own.
/// </summary>
public sealed record LocalAppOptions
{
    /// <summary>The port <c>func start</c> uses, so URLs in docs work with either.</summary>
    public const int DefaultPort = 7071;

    /// <summary>The storage account for everything (<c>AzureWebJobsStorage</c>).</summary>
    public required string StorageConnectionString { get; init; }

    /// <summary>
    /// The address Kestrel binds: loopback by default. Any other address turns the function-key requirement on unless
    /// <c>Serve:RequireKey</c> says otherwise.
    /// </summary>
    public System.Net.IPAddress Host { get; init; } = System.Net.IPAddress.Loopback;

    /// <summary>
    /// Kestrel's port on <see cref="Host"/>; 0 takes a free one (read it from <see cref="LocalApp.BaseAddress"/>).
    /// </summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// Load a simulated sample into an empty store, and wait until it is ingested, before StartAsync returns.
    /// </summary>
    public bool Seed { get; init; } = true;

    /// <summary>
    /// The last day of that sample (<c>hk simulate</c>'s defaults otherwise); null: yesterday in India, so a first run
    /// looks alive (date presets, changes against the previous period and the weekly preview all find activity).
    /// Tests pin it: 2025-08-29 gives the committed <c>data/*.csv</c> byte for byte.
    /// </summary>
    public DateOnly? SampleEnd { get; init; }

    /// <summary>
    /// <c>Privacy:UserIdKey</c> when no setting provides one: the local Azurite's own stable key. Null makes the
    /// setting required, because data in a real account must be pseudonymised with that account's key.
    /// </summary>
    public string? DefaultUserIdKey { get; init; }

    /// <summary>Settings that win over environment variables and <see cref="Arguments"/>.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Settings from the command line, as <c>--Section:Key=value</c>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Where static-web/ and data/ are; null finds the repository from the working directory.</summary>
    public RepositoryLayout? Repository { get; init; }

    /// <summary>
    /// How often the emulator's inbox is listed: a quarter second, so an upload is picked up about as soon as Event
    /// Grid would deliver it, for one cheap local listing each time.
    /// </summary>
    public static readonly TimeSpan EmulatorPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the inbox is listed, standing in for the blob trigger.</summary>
    public TimeSpan PollInterval { get; init; } = EmulatorPollInterval;

    /// <summary>How long startup waits for the sample data before carrying on without it.</summary>
    public TimeSpan SeedTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Receives the seeding progress line whenever it changes.</summary>
    public Action<string> Progress { get; init; } = _ => { };

    public bool LogToConsole { get; init; } = true;

    /// <summary>More places for the log to go (tests read it to check that no secret is ever written).</summary>
    public IReadOnlyList<Microsoft.Extensions.Logging.ILoggerProvider> LoggerProviders { get; init; } = [];
}
