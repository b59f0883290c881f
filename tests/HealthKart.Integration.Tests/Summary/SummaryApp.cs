using HealthKart.Core.Summary;
using HealthKart.Functions;
using HealthKart.Infrastructure.Analytics;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Summary;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HealthKart.Integration.Tests.Summary;

/// <summary>
/// The app's real wiring (<see cref="TestApp"/>, its own tables) set up to mail the weekly summary to a test SMTP
/// server, with a clock the test sets: the mailer, the composer and the timer function are built on that clock.
/// </summary>
internal sealed class SummaryApp(TestApp app, ManualClock clock) : IAsyncDisposable
{
    public const string PublicBaseUrl = "https://roi.example.com";
    public static readonly string[] Recipients = ["marketing@healthkart.example", "finance@healthkart.example"];

    /// <summary>
    /// Monday 7 July 2025, 08:00 IST: the default schedule's run for week 2025-W27 (30 June to 6 July).
    /// </summary>
    public static readonly DateTimeOffset MondayMorning = new(2025, 7, 7, 2, 30, 0, TimeSpan.Zero);

    public TestApp App => app;
    public ManualClock Clock => clock;

    public static Dictionary<string, string?> Settings(int smtpPort) => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "HealthKart ROI <roi@healthkart.example>",
        ["Smtp:To:0"] = Recipients[0],
        ["Smtp:To:1"] = Recipients[1],
        ["Smtp:TimeoutSeconds"] = "10",
        ["Links:Keys:0:Id"] = "weekly",
        ["Links:Keys:0:Secret"] = new string('w', 40),
        ["Links:PublicBaseUrl"] = PublicBaseUrl,
    };

    public static SummaryApp Create(AzuriteFixture azurite, int smtpPort, DateTimeOffset now,
        IDictionary<string, string?>? settings = null)
    {
        var all = Settings(smtpPort);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new SummaryApp(TestApp.Create(azurite, all), new ManualClock(now));
    }

    /// <summary>
    /// The sample files, plus one June sale (INF001, 25 June, 1 x ₹2,899) so the week before has figures.
    /// </summary>
    public async Task IngestSampleWeeksAsync(string influencers = SampleFiles.Influencers)
    {
        await app.IngestAsync("influencers.csv", influencers);
        await app.IngestAsync("posts.csv", SampleFiles.Posts);
        await app.IngestAsync("tracking_data.csv", SampleFiles.Tracking);
        await app.IngestAsync("tracking_data/2025-06.csv",
            "source,campaign,influencer_id,user_id,product,date,orders,revenue\n" +
            "instagram,MB-Summer-Shred,INF001,U0009,MuscleBlaze Biozyme Whey Protein,2025-06-25,1,2899\n");
        await app.IngestAsync("payouts.csv", SampleFiles.Payouts);
    }

    /// <summary>The repository's <c>data/*.csv</c>: a realistic three months (June to August 2025).</summary>
    public async Task IngestRepositoryDataAsync()
    {
        foreach (var file in new[] { "influencers.csv", "posts.csv", "tracking_data.csv", "payouts.csv" })
        {
            await app.IngestAsync(file,
                await File.ReadAllBytesAsync(Path.Combine(Cli.HkProcess.RepositoryRoot, "data", file)));
        }
    }

    public WeeklySummaryComposer Composer =>
        new(app.Get<SnapshotCache>(), app.Get<UploadLedger>(), app.Get<WeeklySummaryLinks>(), clock);

    public WeeklySummaryMailer Mailer => new(Composer, app.Get<SummaryLedger>(), app.Get<SmtpMailSender>(),
        app.Get<IOptions<SmtpOptions>>(), app.Get<IOptions<WeeklySummaryOptions>>(), clock,
        NullLogger<WeeklySummaryMailer>.Instance);

    /// <summary>Runs the timer function class, as the Functions host does on its schedule.</summary>
    public Task RunTimerAsync() => new SendWeeklySummary(Mailer).Run(new Microsoft.Azure.Functions.Worker.TimerInfo(),
        CancellationToken.None);

    public Task<SummaryRecord?> LedgerAsync(IsoWeek week) =>
        app.Get<SummaryLedger>().FindAsync(week, CancellationToken.None);

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
