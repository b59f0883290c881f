using System.ComponentModel.DataAnnotations;

namespace HealthKart.Infrastructure;

/// <summary>The inbox: where CSVs are dropped, and how big one may be.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string Container { get; set; } = "uploads";

    /// <summary>A larger blob is rejected before it is read, so a runaway export cannot exhaust the instance.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 2L << 30;

    /// <summary>
    /// Azure Functions caps request bodies at 100 MB; bigger files go straight to blob storage via SAS.
    /// </summary>
    [Range(1, 100L * 1024 * 1024)]
    public long MaxHttpBodyBytes { get; set; } = 100L * 1024 * 1024;

    [Range(1, 24 * 60)]
    public int SasMinutes { get; set; } = 15;
}

/// <summary>Where validation reports and generated exports are written.</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string Container { get; set; } = "reports";
}

/// <summary>Table names are <c>{Prefix}{Name}</c>, so several environments (or tests) can share one account.</summary>
public sealed class TableOptions
{
    public const string Section = "Tables";

    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{0,40}$")]
    public string Prefix { get; set; } = "hk";
}

public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>How many errors and warnings a report lists; all are counted.</summary>
    [Range(1, 100_000)]
    public int MaxListedIssues { get; set; } = 1000;

    /// <summary>Table batches in flight at once (each is one partition of at most 100 rows).</summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 16;

    /// <summary>
    /// Runs of one upload (blob name and ETag) that may fail before it stays <c>failed</c> until the file changes. A
    /// re-delivered trigger after that does nothing, so a poison file is not retried forever.
    /// </summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// Uploads <c>hk serve</c>'s inbox poller ingests at once (different file names; one name is always one at a time),
    /// so a large file never holds a small one back. In Azure the Functions host decides (host.json).
    /// </summary>
    [Range(1, 16)]
    public int ConcurrentUploads { get; set; } = 3;

    /// <summary>
    /// A pause after each raw-row batch, zero unless set: for tests and demonstrations that need to watch the raw-row
    /// stage (a published version whose rows are still being written). Never set it in production.
    /// </summary>
    public TimeSpan RowBatchDelay { get; set; } = TimeSpan.Zero;
}

/// <summary>user_id is personal data: stored as a keyed pseudonym unless turned off.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    public bool PseudonymizeUserIds { get; set; } = true;

    /// <summary>The HMAC key; a secret (Key Vault reference in Azure). Required while pseudonymising.</summary>
    public string? UserIdKey { get; set; }
}

/// <summary>
/// Signed export links. Keys come from settings (Key Vault references in Azure); every listed key is accepted and the
/// first signs, so rotating is: add the new key first, wait out the old links' lifetime, remove the old key.
/// </summary>
public sealed class LinkOptions
{
    public const string Section = "Links";

    public List<LinkKeyOptions> Keys { get; set; } = [];

    [Range(1, 24 * 365)]
    public int DefaultHours { get; set; } = 7 * 24;

    [Range(1, 24 * 365)]
    public int MaxHours { get; set; } = 30 * 24;

    /// <summary>
    /// The public address links start with (in Azure the Function App's own); null takes it from the request.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}

public sealed class LinkKeyOptions
{
    public string Id { get; set; } = "";

    /// <summary>A secret of at least 32 characters.</summary>
    public string Secret { get; set; } = "";
}
