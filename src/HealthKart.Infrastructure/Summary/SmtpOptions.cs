using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace HealthKart.Infrastructure.Summary;

/// <summary>
/// How the connection to the relay is secured: none, upgraded with STARTTLS, or TLS from the first byte (SMTPS, 465).
/// </summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>
/// The SMTP relay the weekly summary goes out through (SendGrid, Azure Communication Services SMTP, a company server).
/// Nothing is configured by default: with no recipients nothing is sent, and the preview still works.
/// </summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Optional; when set, the relay is logged in to with <see cref="Password"/>.</summary>
    public string? UserName { get; set; }

    /// <summary>A secret: a Key Vault reference in Azure, never in the repository.</summary>
    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>HealthKart ROI &lt;roi@healthkart.com&gt;</c>; the relay must allow it.</summary>
    public string? From { get; set; }

    /// <summary>The recipients (<c>Smtp__To__0</c>, <c>Smtp__To__1</c>, ... as app settings).</summary>
    public List<string> To { get; set; } = [];

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// Every recipient, each entry split on commas and semicolons: a single <c>Smtp__To</c> setting with a list in it
    /// works as well as <c>Smtp__To__0</c>, <c>Smtp__To__1</c>, ... (see <see cref="AddListed"/>).
    /// </summary>
    public IReadOnlyList<string> Recipients =>
        [.. To.SelectMany(t =>
            (t ?? "").Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// Adds the recipients of a plain <c>Smtp:To</c> value, which the configuration binder ignores for a list: without
    /// this, <c>Smtp__To=a@x.com</c> would quietly send to nobody.
    /// </summary>
    public void AddListed(string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            To.Add(value);
        }
    }

    /// <summary>Whether there is anyone to send to; the rest is checked at startup once there is.</summary>
    public bool Configured => Recipients.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Configured)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Host))
        {
            yield return new ValidationResult("Smtp:Host is required when Smtp:To lists recipients.", [nameof(Host)]);
        }

        if (!MailboxAddress.TryParse(From ?? "", out _))
        {
            yield return new ValidationResult("Smtp:From must be an e-mail address when Smtp:To lists recipients.",
                [nameof(From)]);
        }

        foreach (var recipient in Recipients.Where(r => !MailboxAddress.TryParse(r, out _)))
        {
            yield return new ValidationResult($"Smtp:To has '{recipient}', which is not an e-mail address.",
                [nameof(To)]);
        }

        if (!string.IsNullOrEmpty(UserName) && string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Smtp:Password is required with Smtp:UserName.", [nameof(Password)]);
        }
    }
}
