using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HealthKart.Core;
using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Core.Privacy;
using HealthKart.Core.Validation;
using HealthKart.Infrastructure.Analytics;
using HealthKart.Infrastructure.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Ingestion;

/// <summary>
/// Ingests one blob of the inbox, facts first. Pass 1 streams it once to hash, validate and fold it into facts; a bad
/// file is rejected with its report and changes nothing. Its facts are written and the catalog flips to the new version
/// in one ETag-guarded write (published: the upload is ingested and the dashboard shows it; readers see the old version
/// or the new, never a mix). Then the <see cref="RawRowStage"/> streams it again (pinned to the same ETag) into the
/// raw-row table, with its own progress (<see cref="UploadRecord.RawRows"/>) and completion marker. Re-running on the
/// same blob resumes that stage or does nothing; identical content lands on identical keys.
/// </summary>
public sealed partial class UploadIngestor(
    StorageAccount account,
    HealthKartTables tables,
    UploadLedger ledger,
    DatasetCatalog catalog,
    FactStore factStore,
    RawRowStage rawRows,
    SnapshotCache snapshots,
    VersionPurge versions,
    ValidationReportStore reports,
    UserPseudonymizer pseudonymizer,
    IOptions<UploadOptions> uploadOptions,
    IOptions<IngestionOptions> ingestionOptions,
    IOptions<DateWindow> dates,
    TimeProvider clock,
    ILogger<UploadIngestor> logger)
{
    public const string UploadedByMetadata = "uploadedby";

    private const int PublisherGraceChecks = 20;
    private static readonly TimeSpan PublisherGraceInterval = TimeSpan.FromMilliseconds(100);

    public BlobContainerClient Inbox => account.Blobs.GetBlobContainerClient(uploadOptions.Value.Container);

    /// <summary>
    /// Ingests the blob; returns its ledger record, or null when the blob no longer exists. A failed run throws (so the
    /// trigger retries it) until the upload has used <see cref="IngestionOptions.MaxAttempts"/> runs; after that the
    /// upload stays failed and a re-delivery returns its record without running.
    /// </summary>
    public async Task<UploadRecord?> IngestAsync(string blobName, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        if (DatasetNames.HasPathCharacters(blobName))
        {
            return await RejectUnreadAsync(blobName, cancellationToken);
        }

        var blob = Inbox.GetBlobClient(blobName);
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            LogBlobGone(blobName);
            return null;
        }

        var id = TableKeys.UploadId(blobName, properties.ETag.ToString());
        var existing = await ledger.FindAsync(id, cancellationToken);
        var maxAttempts = ingestionOptions.Value.MaxAttempts;
        if (existing is { Status: UploadStatus.Ingested, RawRows.State: RawRowState.Writing })
        {
            // Published, but the run stopped while writing the raw rows: only that stage runs again.
            return existing.Attempts >= maxAttempts ? existing : await ResumeRawRowsAsync(blob, properties.ETag,
                existing, cancellationToken);
        }

        if (existing is { Status: UploadStatus.Ingested or UploadStatus.Rejected }
            || existing is { Status: UploadStatus.Failed } && existing.Attempts >= maxAttempts)
        {
            return existing;
        }

        var run = new Run(new UploadRecord
        {
            Id = id,
            FileName = blobName,
            SourceKey = TableKeys.SourceKey(blobName),
            Dataset = DatasetNames.FromBlobName(blobName, out _),
            Status = UploadStatus.Validating,
            Bytes = properties.ContentLength,
            UploadedBy = existing?.UploadedBy ?? (properties.Metadata.TryGetValue(UploadedByMetadata, out var by)
                ? by : null),
            ReceivedAt = existing?.ReceivedAt ?? properties.LastModified,
            StartedAt = clock.GetUtcNow(),
            Attempts = (existing?.Attempts ?? 0) + 1,
            Message = existing?.Status == UploadStatus.Failed ? $"Retrying; the previous attempt: {existing.Message}"
                : null,
        });
        await ledger.SaveAsync(run.Value, cancellationToken);
        await ledger.CloseReplacedAsync(run.Value.SourceKey, blob, cancellationToken);

        try
        {
            return await IngestAsync(blob, properties, run, cancellationToken);
        }
        catch (Exception exception) when (run.Value.Status == UploadStatus.Ingested)
        {
            await RawRowsFailedAsync(run.Value, exception, cancellationToken);
            throw;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // This upload's blob is gone or changed: it is never run again, so what it wrote goes now.
            var failed =
                await FailAsync(run.Value,
                    "The file was replaced or deleted while it was being ingested; the newer upload " +
                    "is ingested on its own.", CancellationToken.None);
            await versions.PurgeAbandonedAsync(run.Value, CancellationToken.None);
            return failed;
        }
        catch (Exception exception)
        {
            LogIngestionFailed(exception, blobName, run.Value.Attempts, maxAttempts);
            var reason = cancellationToken.IsCancellationRequested
                ? "Interrupted: the run was cancelled (the host stopped or timed out) before the " +
                    "new version was published."
                : $"Ingestion failed: {exception.Message}";
            var final = run.Value.Attempts >= maxAttempts;
            await FailAsync(run.Value, final
                ? $"Failed after {run.Value.Attempts} attempts (setting Ingestion:MaxAttempts); not retried again " +
                    $"until the file changes. Last attempt: {reason}"
                : $"Attempt {run.Value.Attempts} of {maxAttempts} failed; it is retried. {reason}",
                CancellationToken.None);
            if (final)
            {
                await versions.PurgeAbandonedAsync(run.Value, CancellationToken.None);
            }

            throw;
        }
    }

    /// <summary>
    /// Builds this instance's snapshot of the version just published before the raw-row stage loads storage with its
    /// writes: measured on Azurite, a first reader otherwise waited behind them many times longer than pass 1 took.
    /// A build that fails is the snapshot cache's to record (on this upload's ledger record); nothing here fails the
    /// run.
    /// </summary>
    private async Task WarmSnapshotAsync(WrittenFacts written, CancellationToken cancellationToken)
    {
        try
        {
            await snapshots.RefreshAsync(written, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogWarmUpFailed(exception);
        }
    }

    /// <summary>
    /// A run stopped (a crash, a redelivery after a timeout) while writing a published version's raw rows: the
    /// trigger's retry runs the raw-row stage again, rewriting the same keys.
    /// </summary>
    private async Task<UploadRecord> ResumeRawRowsAsync(BlobClient blob, ETag etag, UploadRecord existing,
        CancellationToken cancellationToken)
    {
        var record = existing with
        {
            Attempts = existing.Attempts + 1,
            RawRows = RawRowProgress.Started,
            Message =
                $"Writing the raw rows again (attempt {existing.Attempts + 1}); the dashboard " +
                "already shows this version.",
        };
        await ledger.SaveAsync(record, cancellationToken);
        try
        {
            return await rawRows.RunAsync(blob, etag, record,
                TableKeys.SourceVersion(record.SourceKey, record.ContentHash!), resumed: true, cancellationToken);
        }
        catch (Exception exception)
        {
            await RawRowsFailedAsync(record, exception, cancellationToken);
            throw;
        }
    }

    /// <summary>
    /// The raw-row stage failed: the version stays ingested (the dashboard shows it) and the stage is retried, or after
    /// the last attempt stopped.
    /// </summary>
    private async Task RawRowsFailedAsync(UploadRecord record, Exception exception, CancellationToken cancellationToken)
    {
        var maxAttempts = ingestionOptions.Value.MaxAttempts;
        LogIngestionFailed(exception, record.FileName, record.Attempts, maxAttempts);
        var reason = cancellationToken.IsCancellationRequested
            ? "Interrupted: the run was cancelled (the host stopped or timed out) while writing the raw rows."
            : $"Writing the raw rows failed: {exception.Message}";
        var stored = await ledger.FindAsync(record.Id, CancellationToken.None);
        if (stored is not null && (stored is not { RawRows.State: RawRowState.Writing }
            || stored.Attempts > record.Attempts))
        {
            return;
        }

        var final = record.Attempts >= maxAttempts;
        var current = stored ?? record;
        await ledger.SaveAsync(current with
        {
            Attempts = record.Attempts,
            RawRows = final ? current.RawRows! with { State = RawRowState.Stopped } : current.RawRows,
            Message = final
                ? $"Ingested (the dashboard shows it), but its raw rows could not be written after {record.Attempts} " +
                    $"attempts (setting Ingestion:MaxAttempts); the raw-row tables keep the previous complete " +
                    $"version of this file (retract this upload and upload the file again to " +
                    $"retry). Last attempt: {reason}"
                : $"Ingested (the dashboard shows it); writing its raw rows failed on attempt {record.Attempts} of " +
                    $"{maxAttempts} and is retried. {reason}",
        }, CancellationToken.None);
    }

    /// <summary>
    /// Records a failed run, unless a concurrent run of the same upload (a trigger delivered twice) already finished it
    /// or a later run took over: the ledger keeps what the latest run found.
    /// </summary>
    private async Task<UploadRecord> FailAsync(UploadRecord record, string message, CancellationToken cancellationToken)
    {
        var stored = await ledger.FindAsync(record.Id, cancellationToken);
        if (stored is not null && (stored.Status is UploadStatus.Ingested || stored.Attempts > record.Attempts))
        {
            return stored;
        }

        return await FinishAsync(record with
        {
            Status = UploadStatus.Failed,
            RowsProcessed = stored?.RowsProcessed ?? record.RowsProcessed,
            Message = message,
        }, cancellationToken);
    }

    /// <summary>One run; <paramref name="run"/> holds the record as far as it got, for the failure path.</summary>
    private async Task<UploadRecord> IngestAsync(BlobClient blob, BlobProperties properties, Run run,
        CancellationToken cancellationToken)
    {
        var record = run.Value;
        var maxBytes = uploadOptions.Value.MaxFileBytes;
        if (properties.ContentLength > maxBytes)
        {
            return await RejectAsync(record, ValidationReport.FileError(record.FileName, record.Dataset,
                $"the file is {IndianText.Count(properties.ContentLength)} bytes; the limit is " +
                $"{IndianText.Count(maxBytes)} (setting Uploads:MaxFileBytes). Split it, e.g. one file per month."),
                cancellationToken);
        }

        var current = await catalog.ReadAsync(cancellationToken);
        var known = record.Dataset is Dataset.Influencers or null
            ? ValidationContext.None
            : await IngestedInfluencersAsync(current, cancellationToken);
        var context = known with { Dates = dates.Value };
        UploadValidator.Outcome outcome;
        string contentHash;
        await using (var progress = new LedgerProgress(ledger, record.Id, UploadLedger.RowsProcessed, clock))
        await using (var content = new HashingStream(await OpenAsync(blob, properties.ETag, cancellationToken),
            maxBytes))
        {
            outcome = UploadValidator.Validate(record.FileName, content, context,
                ingestionOptions.Value.MaxListedIssues, progress.Report, pseudonymizer.Pseudonymize);
            contentHash = content.ContentHash;
        }

        var report = outcome.Report;
        record = run.Value = record with
        {
            ContentHash = contentHash,
            Rows = report.Rows,
            Errors = report.ErrorCount,
            Warnings = report.WarningCount,
            FirstDate = report.FirstDate,
            LastDate = report.LastDate,
            FirstErrors = report.Errors.Take(20).ToList(),
        };
        if (outcome.Facts is not { } facts)
        {
            return await RejectAsync(record, report, cancellationToken);
        }

        await reports.WriteAsync(record.Id, report, cancellationToken);
        record = record with
        {
            ReportPath = ValidationReportStore.JsonPath(record.Id),
            ErrorsCsvPath = ValidationReportStore.CsvPath(record.Id)
        };
        var version = TableKeys.SourceVersion(record.SourceKey, contentHash);
        if (current.Find(record.SourceKey) is { } same && same.SourceVersion == version)
        {
            var settled = run.Value = await AlreadyCurrentAsync(record, same, cancellationToken);

            // This upload's own earlier run published the version and died before writing its record: this run wrote
            // it (same attempt), and the raw rows that run never wrote are this run's to write.
            return settled.Attempts == record.Attempts ? await WriteRawRowsAsync(blob, properties.ETag, settled,
                new WrittenFacts(version, facts), cancellationToken) : settled;
        }

        record = run.Value = record with { Status = UploadStatus.Ingesting, RowsProcessed = record.Rows };
        await ledger.SaveAsync(record, cancellationToken);
        await factStore.WriteAsync(version, facts, cancellationToken);

        // Pass 1 may have buffered the end of the file before an overwrite: check once more, so an upload the user has
        // already replaced is never published (412 below, handled as "replaced while being ingested").
        await blob.GetPropertiesAsync(new BlobRequestConditions { IfMatch = properties.ETag }, cancellationToken);
        record = await PublishAsync(record, properties, version, cancellationToken);
        if (record is not { Status: UploadStatus.Ingested, RawRows.State: RawRowState.Writing })
        {
            return record;
        }

        run.Value = record;
        return await WriteRawRowsAsync(blob, properties.ETag, record, new WrittenFacts(version, facts),
            cancellationToken);
    }

    /// <summary>
    /// The stage after publishing: this instance's snapshot of the new version first, then the raw rows.
    /// </summary>
    private async Task<UploadRecord> WriteRawRowsAsync(BlobClient blob, ETag etag, UploadRecord record,
        WrittenFacts written, CancellationToken cancellationToken)
    {
        if (record is not { Status: UploadStatus.Ingested, RawRows.State: RawRowState.Writing })
        {
            return record;
        }

        await WarmSnapshotAsync(written, cancellationToken);
        return await rawRows.RunAsync(blob, etag, record, written.SourceVersion, resumed: false, cancellationToken);
    }

    /// <summary>
    /// The atomic step: the catalog now names this version, unless a newer upload of the source got there first.
    /// </summary>
    private async Task<UploadRecord> PublishAsync(UploadRecord record, BlobProperties properties, string version,
        CancellationToken cancellationToken)
    {
        var entry = new CatalogEntry(record.SourceKey, record.FileName, record.Dataset!.Value, version, record.Id,
            record.Rows, record.FirstDate, record.LastDate, properties.LastModified, clock.GetUtcNow());
        CatalogEntry? previous = null;
        var superseded = false;
        await catalog.UpdateAsync(current =>
        {
            previous = current.Find(record.SourceKey);
            superseded = previous is not null && previous.BlobLastModified > entry.BlobLastModified;
            return superseded || previous?.SourceVersion == version
                ? null
                : current with { Sources = [.. current.Sources.Where(s => s.SourceKey != record.SourceKey), entry] };
        }, cancellationToken);

        if (previous is not null && previous.SourceVersion == version)
        {
            // Identical content got there first: a concurrent run of this upload, or the same file uploaded again.
            return await AlreadyCurrentAsync(record, previous, cancellationToken);
        }

        if (superseded)
        {
            await versions.PurgeAbandonedAsync(record, cancellationToken);
            return await FinishAsync(record with
            {
                Status = UploadStatus.Failed,
                Message = "A newer upload of this file was ingested first; this older one was discarded."
            },
                cancellationToken);
        }

        var replaced = previous is null ? null : new Replacement(previous.UploadId, previous.Rows, previous.FirstDate,
            previous.LastDate);
        var now = clock.GetUtcNow();
        var published = record with
        {
            Status = UploadStatus.Ingested,
            PublishedAt = now,
            RawRows = RawRowProgress.Started,
            Current = true,
            Replaced = replaced,
        };
        published = published with { Message = IngestedMessage(published, ingestionOptions.Value.MaxAttempts) };
        await ledger.SaveAsync(published, cancellationToken);
        LogPublished(record.FileName, version, now - (record.StartedAt ?? now));

        if (previous is not null)
        {
            await RetireAsync(previous, cancellationToken);
        }

        await versions.SweepAsync(entry, cancellationToken);
        return published;
    }

    /// <summary>
    /// The content is already the current version. When it is this very upload (published by a concurrent run), the
    /// ledger keeps what that run wrote; otherwise this upload changed nothing and says so.
    /// </summary>
    private async Task<UploadRecord> AlreadyCurrentAsync(UploadRecord record, CatalogEntry current,
        CancellationToken cancellationToken)
    {
        // The run that published this upload writes its record (with what it replaced) just after the catalog flip:
        // give it a moment rather than race it, which could overwrite that record with one that has lost "replaced".
        // Only when it never comes (that run died after the flip) does this run write the record itself.
        for (var wait = 0; current.UploadId == record.Id && wait < PublisherGraceChecks; wait++)
        {
            if (await ledger.FindAsync(record.Id, cancellationToken) is { Status: UploadStatus.Ingested } published)
            {
                return published;
            }

            // real time: a test clock that stands still must not hang this
            await Task.Delay(PublisherGraceInterval, cancellationToken);
        }

        if (current.UploadId == record.Id)
        {
            // That run published this upload and died before its record: this run writes the record, raw rows to come.
            var published = record with
            {
                Status = UploadStatus.Ingested,
                RowsProcessed = record.Rows,
                PublishedAt = current.IngestedAt,
                RawRows = RawRowProgress.Started,
                Current = true,
            };
            published = published with { Message = IngestedMessage(published, ingestionOptions.Value.MaxAttempts) };
            await ledger.SaveAsync(published, cancellationToken);
            return published;
        }

        return await FinishAsync(record with
        {
            Status = UploadStatus.Ingested,
            RowsProcessed = record.Rows,
            Message = Joined("Identical to the version already ingested; nothing changed.", RetryNote(record)),
        }, cancellationToken);
    }

    private string? RetryNote(UploadRecord record) => RetryNote(record, ingestionOptions.Value.MaxAttempts);

    private static string? RetryNote(UploadRecord record, int maxAttempts) =>
        record.Attempts > 1 ? $"Ingested on attempt {record.Attempts} of {maxAttempts}." : null;

    /// <summary>What a published upload's record says: what it replaced, and on which attempt it got there.</summary>
    internal static string? IngestedMessage(UploadRecord record, int maxAttempts) => Joined(
        record.Replaced is not { } replaced
            ? null
            : $"Replaced {IndianText.Count(replaced.PreviousRows, "row")} " +
                $"({IndianText.Dates(replaced.PreviousFirstDate, replaced.PreviousLastDate)}) with " +
                $"{IndianText.Count(record.Rows, "row")} ({IndianText.Dates(record.FirstDate, record.LastDate)}).",
        RetryNote(record, maxAttempts));

    private static string? Joined(string? first, string? second) =>
        first is null ? second : second is null ? first : $"{first} {second}";

    /// <summary>
    /// Marks the replaced upload as no longer current and deletes its facts, now that no analytics reader can see them.
    /// Its raw rows (and export copies) stay while the marker names them: they go when the new version's rows are
    /// complete, or at once if they never were (a replaced upload still writing them stops and deletes them itself).
    /// </summary>
    internal async Task RetireAsync(CatalogEntry previous, CancellationToken cancellationToken)
    {
        if (await ledger.FindAsync(previous.UploadId, cancellationToken) is { } old)
        {
            await ledger.SaveAsync(old with { Current = false }, cancellationToken);
        }

        await versions.PurgeUnlessNamedAsync(previous.Dataset, previous.SourceVersion, cancellationToken);
    }

    /// <summary>
    /// A name with path characters is rejected by name, unread: the SDK resolves '..' segments in a blob's URL, so such
    /// a name may address another blob than the one that triggered.
    /// </summary>
    private async Task<UploadRecord> RejectUnreadAsync(string blobName, CancellationToken cancellationToken)
    {
        var id = TableKeys.UploadId(blobName, "unread");
        if (await ledger.FindAsync(id, cancellationToken) is { } existing)
        {
            return existing;
        }

        DatasetNames.FromBlobName(blobName, out var reason);
        var now = clock.GetUtcNow();
        var record = new UploadRecord
        {
            Id = id,
            FileName = blobName,
            SourceKey = TableKeys.SourceKey(blobName),
            Status = UploadStatus.Validating,
            ReceivedAt = now,
            StartedAt = now,
            Attempts = 1,
        };
        return await RejectAsync(record, ValidationReport.FileError(blobName, null, reason!), cancellationToken);
    }

    private async Task<UploadRecord> RejectAsync(UploadRecord record, ValidationReport report,
        CancellationToken cancellationToken)
    {
        await reports.WriteAsync(record.Id, report, cancellationToken);
        return await FinishAsync(record with
        {
            Status = UploadStatus.Rejected,
            Errors = report.ErrorCount,
            Warnings = report.WarningCount,
            FirstErrors = report.Errors.Take(20).ToList(),
            ReportPath = ValidationReportStore.JsonPath(record.Id),
            ErrorsCsvPath = ValidationReportStore.CsvPath(record.Id),
            Message =
                $"Rejected: {IndianText.Count(report.ErrorCount, "error")}; nothing was ingested. See the report, " +
                "fix the file and upload it again under the same name.",
        }, cancellationToken);
    }

    private async Task<UploadRecord> FinishAsync(UploadRecord record, CancellationToken cancellationToken)
    {
        record = record with { FinishedAt = clock.GetUtcNow() };
        await ledger.SaveAsync(record, cancellationToken);
        LogFinished(record.FileName, record.Status, record.Rows, record.Errors);
        return record;
    }

    private async Task<ValidationContext> IngestedInfluencersAsync(Catalog current, CancellationToken cancellationToken)
    {
        var sources = current.Of(Dataset.Influencers).ToList();
        if (sources.Count == 0)
        {
            return ValidationContext.None;
        }

        var followers = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in sources)
        {
            foreach (var influencer in (await factStore.ReadAsync(source.SourceVersion, cancellationToken)).Influencers)
            {
                followers[influencer.Id] = influencer.FollowerCount;
            }
        }

        return new ValidationContext(followers);
    }

    /// <summary>
    /// Both passes read the blob as it was when ingestion began: an overwrite mid-way fails the read (412). The next
    /// ranges download while the last is parsed (<see cref="ReadAhead"/>).
    /// </summary>
    internal static async Task<Stream> OpenAsync(BlobClient blob, ETag etag, CancellationToken cancellationToken) =>
        ReadAhead.Of(await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false)
        {
            BufferSize = 4 * 1024 * 1024,
            Conditions = new BlobRequestConditions { IfMatch = etag },
        }, cancellationToken), cancellationToken);

    /// <summary>
    /// The record of one run as far as it got, so a failure is recorded with the content hash it found.
    /// </summary>
    private sealed class Run(UploadRecord record)
    {
        public UploadRecord Value { get; set; } = record;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Upload {FileName} finished as {Status}: {Rows} rows, {Errors} errors")]
    private partial void LogFinished(string fileName, UploadStatus status, long rows, long errors);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Upload {FileName} published as {SourceVersion} after {Elapsed}; its raw rows follow")]
    private partial void LogPublished(string fileName, string sourceVersion, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The snapshot of the version just published could not be loaded; its first reader loads it")]
    private partial void LogWarmUpFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blob {FileName} no longer exists; nothing to ingest")]
    private partial void LogBlobGone(string fileName);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Ingestion of {FileName} failed (attempt {Attempt} of {MaxAttempts})")]
    private partial void LogIngestionFailed(Exception exception, string fileName, int attempt, int maxAttempts);
}
