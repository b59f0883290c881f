using System.ComponentModel.DataAnnotations;
using NCrontab;

namespace HealthKart.Infrastructure.Summary;

/// <summary>
/// The weekly summary e-mail: when it goes out, how long its links live, and what a week without activity does.
/// </summary>
public sealed class WeeklySummaryOptions : IValidatableObject
{
    public const string Section = "WeeklySummary";

    /// <summary>
    /// Monday 02:30 UTC = Monday 08:00 IST. Six fields, seconds first, as the Functions timer trigger reads it.
    /// </summary>
    public const string DefaultSchedule = "0 30 2 * * 1";

    /// <summary>
    /// The timer's schedule. The Functions host reads it as <c>%WeeklySummary:Schedule%</c>, so in Azure it must be an
    /// app setting (<c>WeeklySummary__Schedule</c>); hk serve falls back to <see cref="DefaultSchedule"/>.
    /// </summary>
    public string Schedule { get; set; } = DefaultSchedule;

    /// <summary>
    /// False (default): a week without influencer activity gets an honest "no activity" e-mail. True: it is skipped.
    /// </summary>
    public bool SkipEmptyWeeks { get; set; }

    /// <summary>How long the e-mail's signed links open (hours); 7 days by default.</summary>
    [Range(1, 24 * 365)]
    public int LinkHours { get; set; } = 7 * 24;

    /// <summary>
    /// A run that claimed a week and vanished (a crash) holds it this long; then the next run may claim it.
    /// </summary>
    [Range(1, 24 * 60)]
    public int ClaimTimeoutMinutes { get; set; } = 15;

    /// <summary>
    /// Where the links point when <c>Links:PublicBaseUrl</c> is not set; hk serve sets it to its own address.
    /// </summary>
    public string? LinkBaseUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CrontabSchedule.TryParse(Schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true }) is null)
        {
            yield return new ValidationResult(
                $"WeeklySummary:Schedule '{Schedule}' is not a six-field cron expression (seconds first), " +
                $"e.g. {DefaultSchedule}.", [nameof(Schedule)]);
        }

        if (LinkBaseUrl is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("WeeklySummary:LinkBaseUrl must be an absolute URL.",
                [nameof(LinkBaseUrl)]);
        }
    }
}
