using Azure;
using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Customers;
using HealthKart.Core.Facts;
using HealthKart.Core.Problems;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Analytics;

/// <summary>
/// The current <see cref="Snapshot"/>, one per instance, keyed by the dataset version. The catalog (one small entity)
/// is re-read at most every <see cref="SnapshotOptions.VersionCheckSeconds"/>; a new version is loaded once, however
/// many requests ask at the same moment, and each request gets one whole snapshot even while an ingestion lands. A
/// version whose build fails is not retried and does not take the analytics down: the previous good snapshot keeps
/// serving, and
/// <see cref="LastFailure"/> (shown by the data-quality panel) and the ledger record that published it say why. Nor
/// does storage that cannot be reached: the loaded snapshot keeps answering meanwhile.
/// A version is read from its snapshot blob (<see cref="SnapshotStore"/>) when one exists, and built from its sources'
/// facts otherwise; the instance that builds it then writes the blob for every instance after it (docs/snapshot.md).
/// </summary>
public sealed partial class SnapshotCache(
    DatasetCatalog catalog, FactStore facts, SnapshotStore store, UploadLedger ledger,
    IOptions<AnalyticsOptions> analytics, IOptions<CustomerOptions> customers, IOptions<SnapshotOptions> options,
    TimeProvider clock, ILogger<SnapshotCache> logger)
{
    private readonly Lock _gate = new();
    private Task<Snapshot>? _loading;
    private Task<Catalog>? _checking;
    private Task? _probe;
    private bool _unreachable;
    private string? _loadingVersion;
    private Snapshot? _current;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    /// <summary>
    /// The newest dataset version that could not be built, while no later version has been; null otherwise.
    /// </summary>
    public SnapshotFailure? LastFailure { get; private set; }

    /// <summary>
    /// The blob write started by the last build (it runs after the snapshot serves); done when there is none.
    /// </summary>
    public Task BlobWrite { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// The background load of a version whose customers could not be read, for the last snapshot read from a blob:
    /// done when it has ended, however it ended; cancelled when the customers arrived and none was needed.
    /// </summary>
    public Task CustomersReload { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// The snapshot of the current dataset version, re-reading the catalog when the last version check is older than
    /// <see cref="SnapshotOptions.VersionCheckSeconds"/>.
    /// </summary>
    public Task<Snapshot> GetAsync(CancellationToken cancellationToken) => GetAsync(Check.Due, null, cancellationToken);

    /// <summary>
    /// Loads the catalog's current version now, without waiting for the next version check: the ingestion calls it just
    /// after publishing, so the new version is built while storage is quiet, before the raw-row stage's writes begin.
    /// The catalog is read afresh, never taken from a read that started before the publish. <paramref name="written"/>
    /// is the facts the caller has just stored: a build uses them rather than read them back (a stored source version
    /// never changes, so they are the same facts; at 1M tracking rows the read took 0.6 s).
    /// </summary>
    public Task<Snapshot> RefreshAsync(WrittenFacts written, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Requests meanwhile check too, and so wait for the new version rather than serve the one it replaces.
            _checkedAt = DateTimeOffset.MinValue;
        }

        return GetAsync(Check.Fresh, written, cancellationToken);
    }

    /// <summary>
    /// Loads the current version ahead of the first request (<see cref="SnapshotWarmup"/>), without counting as a
    /// version check: the catalog read here is the warm-up's own, and the request after it still reads the catalog (one
    /// small entity), so a version published while the instance was warming is the one it serves. The load itself is
    /// shared: a request asking for the same version meanwhile waits for this load instead of starting another.
    /// </summary>
    public Task<Snapshot> WarmAsync(CancellationToken cancellationToken) =>
        GetAsync(Check.Warm, null, cancellationToken);

    private async Task<Snapshot> GetAsync(Check check, WrittenFacts? written, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (check != Check.Fresh && _current is { } fresh
            && now - _checkedAt < TimeSpan.FromSeconds(options.Value.VersionCheckSeconds))
        {
            return fresh;
        }

        if (check == Check.Due && _unreachable && _current is { } serving)
        {
            ProbeWhileUnreachable(now);
            return serving;
        }

        // Only a request's or a refresh's catalog read says the snapshot is current as of now.
        var checkedAt = check == Check.Warm ? (DateTimeOffset?)null : now;
        for (var attempt = 1; ; attempt++)
        {
            Catalog current;
            try
            {
                current = await CheckVersionAsync(check, attempt).WaitAsync(cancellationToken);
                _unreachable = false;
            }
            catch (Exception exception) when (StorageAccount.IsUnreachable(exception) && _current is not null)
            {
                return ServeWhileUnreachable(exception, check == Check.Due ? now : null);
            }

            Task<Snapshot> load;
            lock (_gate)
            {
                if (_current?.DatasetVersion == current.DatasetVersion)
                {
                    _checkedAt = checkedAt ?? _checkedAt;
                    return _current;
                }

                if (LastFailure?.DatasetVersion == current.DatasetVersion)
                {
                    return ServePrevious(checkedAt);
                }

                if (_loadingVersion != current.DatasetVersion || _loading is null || _loading.IsFaulted)
                {
                    _loadingVersion = current.DatasetVersion;
                    _loading = LoadAsync(current, written);
                }

                load = _loading;
            }

            try
            {
                var snapshot = await load.WaitAsync(cancellationToken);
                lock (_gate)
                {
                    if (Replaces(snapshot))
                    {
                        (_current, _checkedAt) = (snapshot, checkedAt ?? _checkedAt);
                        if (LastFailure is { } failed && Generation(snapshot) > Generation(failed.DatasetVersion))
                        {
                            LastFailure = null;
                        }
                    }
                }

                return snapshot;
            }
            catch (FactsMissingException) when (attempt < 3)
            {
                // The catalog moved on while we read a source it no longer names: read it again.
            }
            catch (Exception exception) when (exception is SnapshotBuildException or FactsMissingException)
            {
                // Facts still missing on the third read, with the catalog naming them each time, are not a replacement
                // in flight: the version cannot be built, like one whose build fails
                // (docs/reliability.md#failing-closed-per-view-and-per-snapshot).
                var failure = exception as SnapshotBuildException ?? new SnapshotBuildException(
                    $"{exception.Message} The catalog still names it after {attempt} reads: upload the file again.",
                    exception);
                await RecordFailureAsync(current, failure);
                lock (_gate)
                {
                    return ServePrevious(checkedAt);
                }
            }
            catch (Exception exception) when (StorageAccount.IsUnreachable(exception) && _current is not null)
            {
                return ServeWhileUnreachable(exception, check == Check.Due ? now : null);
            }
        }
    }

    /// <summary>
    /// Storage could not be reached, its retries spent, while a snapshot is loaded
    /// (docs/reliability.md#storage-unreachable-while-answering): it keeps answering, and the outage is known from now
    /// on, so later requests do not each wait out the retries (<see cref="ProbeWhileUnreachable"/>). With nothing
    /// loaded the failure goes to the caller, whose problem response says 503.
    /// </summary>
    private Snapshot ServeWhileUnreachable(Exception exception, DateTimeOffset? checkedAt)
    {
        lock (_gate)
        {
            LogUnreachable(exception, _current!.DatasetVersion);
            _checkedAt = checkedAt ?? _checkedAt;
            _unreachable = true;
            return _current;
        }
    }

    /// <summary>
    /// While storage is known to be unreachable, a request answers from the loaded snapshot at once, and a check due by
    /// then reads the catalog in the background instead: only the request that found the outage waited out the retries.
    /// The first read that succeeds ends it, and the next request checks the version as usual.
    /// </summary>
    private void ProbeWhileUnreachable(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_probe is { IsCompleted: false })
            {
                return;
            }

            _checkedAt = now;
            _probe = ProbeAsync();
        }

        async Task ProbeAsync()
        {
            try
            {
                await ReadCatalogAsync();
            }
            catch (Exception exception) when (StorageAccount.IsUnreachable(exception))
            {
                return; // Still out: the next due check probes again.
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Reachable, but failing otherwise: the next request's own check meets it, and says so.
            }

            lock (_gate)
            {
                (_unreachable, _checkedAt) = (false, DateTimeOffset.MinValue);
            }
        }
    }

    /// <summary>The last good snapshot (under the gate), or a 422 problem when there has never been one.</summary>
    private Snapshot ServePrevious(DateTimeOffset? checkedAt)
    {
        if (_current is null)
        {
            throw new ProblemException(422, "Analytics unavailable",
                $"Dataset version {LastFailure?.DatasetVersion} could not be built: {LastFailure?.Reason} No earlier " +
                "version is loaded to serve instead.");
        }

        _checkedAt = checkedAt ?? _checkedAt;
        return _current;
    }

    /// <summary>
    /// Once per failed version: kept for the data-quality panel and written on the upload that published it.
    /// </summary>
    private async Task RecordFailureAsync(Catalog current, SnapshotBuildException failure)
    {
        lock (_gate)
        {
            if (LastFailure?.DatasetVersion == current.DatasetVersion)
            {
                return;
            }

            LastFailure = new SnapshotFailure(current.DatasetVersion, failure.Message, clock.GetUtcNow(),
                _current?.DatasetVersion);
        }

        LogBuildFailed(failure, current.DatasetVersion, _current?.DatasetVersion);
        var note =
            "Ingested, but the analytics could not be built from dataset version " +
            $"{current.DatasetVersion}: {failure.Message}";
        var latest = current.Sources.MaxBy(s => s.IngestedAt);
        try
        {
            // Every instance finds the same failure; the note is written once.
            if (latest is not null && await ledger.FindAsync(latest.UploadId, CancellationToken.None) is { } record
                && record.Message?.Contains(note, StringComparison.Ordinal) != true)
            {
                var serving = _current is { } previous ? $"version {previous.DatasetVersion} keeps serving"
                    : "no earlier version can serve";
                await ledger.SaveAsync(record with { Message = $"{record.Message} {note} ({serving}.)".Trim() },
                    CancellationToken.None);
            }
        }
        catch (Azure.RequestFailedException exception)
        {
            // The note is a courtesy: the data-quality panel shows the failure either way, and answering comes first.
            LogNoteNotWritten(exception, current.DatasetVersion);
        }
    }

    /// <summary>
    /// One read of the catalog shared by every request that finds the check due at the same moment (under load, dozens
    /// would otherwise read the same entity at once every few seconds). A retry after a missing fact set reads afresh,
    /// and so does a refresh. The warm-up's read is its own: no request takes it for a check of its own.
    /// </summary>
    private Task<Catalog> CheckVersionAsync(Check check, int attempt)
    {
        if (check == Check.Warm)
        {
            return ReadCatalogAsync();
        }

        lock (_gate)
        {
            if (attempt > 1 || check == Check.Fresh || _checking is not { IsCompleted: false })
            {
                _checking = ReadCatalogAsync();
            }

            return _checking;
        }
    }

    /// <summary>
    /// Reading needs no table created: a storage account where nothing was ever ingested has no catalog table, which
    /// reads as the empty catalog. On a cold instance that saves creating every table before the first answer.
    /// </summary>
    private Task<Catalog> ReadCatalogAsync() => catalog.ReadAsync(CancellationToken.None);

    /// <summary>
    /// Whether a loaded snapshot takes the place of the one serving (under the gate): a later version does, and so
    /// does the same version loaded again, unless it is the one that lost its customers.
    /// </summary>
    private bool Replaces(Snapshot loaded) => _current is null || Generation(loaded) > Generation(_current)
        || (Generation(loaded) == Generation(_current)
            && (!loaded.CustomersLoaded.IsFaulted || _current.CustomersLoaded.IsFaulted));

    /// <summary>
    /// Loads a version: from its blob, unless <paramref name="unusable"/> names that blob as found corrupt, and by
    /// building from its sources' facts otherwise.
    /// </summary>
    private async Task<Snapshot> LoadAsync(Catalog current, WrittenFacts? written, ETag? unusable = null)
    {
        var started = clock.GetTimestamp();
        try
        {
            if (unusable is null
                && await store.ReadAsync(current, analytics.Value, customers.Value, CancellationToken.None) is { } blob)
            {
                var read = clock.GetElapsedTime(started);
                LogLoaded(current.DatasetVersion, blob.Snapshot.FactCount, "read from its blob",
                    read.TotalMilliseconds);
                WatchCustomers(blob, current);
                return blob.Snapshot;
            }
        }
        catch (UnusableSnapshotBlobException exception)
        {
            LogBlobUnusable(exception, current.DatasetVersion);
            unusable = exception.ETag;
        }
        catch (Exception exception) when (exception is RequestFailedException or IOException)
        {
            // The blob is a shortcut: when it cannot be read (storage refused,
            // the connection dropped mid-stream), the facts still can.
            LogBlobUnusable(exception, current.DatasetVersion);
        }

        var sources = new SnapshotSource[current.Sources.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, sources.Length),
            new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
        {
            var entry = current.Sources[i];
            sources[i] = new SnapshotSource(entry.FileName, entry.SourceVersion == written?.SourceVersion
                ? written.Facts : await facts.ReadAsync(entry.SourceVersion, token));
        });

        // Ingestion order decides which of two influencer files wins a duplicate ID: the later upload.
        var ordered = sources.Zip(current.Sources).OrderBy(p => p.Second.IngestedAt).Select(p => p.First).ToList();
        Snapshot snapshot;
        try
        {
            snapshot = SnapshotBuilder.Build(current.DatasetVersion, ordered, analytics.Value, customers.Value);
        }
        catch (Exception exception) when (exception is not SnapshotBuildException)
        {
            // Building is pure computation over data already read: it fails the same way every time, so it is a
            // failed version (not retried), unlike a storage read, which the next request tries again.
            throw new SnapshotBuildException($"the build stopped with {exception.GetType().Name}.", exception);
        }

        var built = clock.GetElapsedTime(started);
        LogLoaded(current.DatasetVersion, snapshot.FactCount, "built from its sources' facts", built.TotalMilliseconds);
        BlobWrite = WriteBlobAsync(current, snapshot, unusable);
        return snapshot;
    }

    /// <summary>
    /// A snapshot read from its blob answers before its customers have arrived
    /// (docs/snapshot.md#customers-behind-the-first-answer). If they cannot be read (the connection dropped, or that
    /// part of the blob is corrupt), the snapshot keeps answering every view but the customers', which answer 503,
    /// while the version is loaded again in the background: from the blob after a dropped connection, by building after
    /// a corrupt one (which then replaces that blob). Storage that cannot be reached is tried again, less often each
    /// time, until the version loads or a later one serves.
    /// </summary>
    private void WatchCustomers(SnapshotBlob blob, Catalog version) =>
        CustomersReload = blob.Snapshot.CustomersLoaded.ContinueWith(arrival => ReloadAsync(blob, version,
            arrival.Exception!.GetBaseException()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default).Unwrap();

    private async Task ReloadAsync(SnapshotBlob lost, Catalog version, Exception cause)
    {
        LogCustomersLost(cause, version.DatasetVersion);
        var wait = TimeSpan.FromSeconds(5);
        while (true)
        {
            try
            {
                var reloaded = await LoadAsync(version, null, cause is InvalidDataException ? lost.ETag : null);
                lock (_gate)
                {
                    if (Replaces(reloaded))
                    {
                        _current = reloaded;
                    }
                }

                return;
            }
            catch (Exception exception) when (StorageAccount.IsUnreachable(exception))
            {
                if (_current is { } serving && Generation(serving) > Generation(lost.Snapshot))
                {
                    return;
                }

                await Task.Delay(wait, clock);
                wait = TimeSpan.FromSeconds(Math.Min(60, 2 * wait.TotalSeconds));
            }
            catch (Exception exception)
            {
                LogReloadFailed(exception, version.DatasetVersion);
                return;
            }
        }
    }

    /// <summary>
    /// Once per version and instance that built it; a failed write costs the next cold instance a build, nothing more.
    /// </summary>
    private async Task WriteBlobAsync(Catalog current, Snapshot snapshot, ETag? unusable)
    {
        await Task.Yield();
        try
        {
            var started = clock.GetTimestamp();
            var written = await store.WriteAsync(current, snapshot, unusable, CancellationToken.None);
            var elapsed = clock.GetElapsedTime(started);
            LogBlobWritten(snapshot.DatasetVersion, written ? "written" : "already written by another instance",
                elapsed.TotalMilliseconds);
        }
        catch (Exception exception) when (exception is RequestFailedException or IOException)
        {
            LogBlobNotWritten(exception, snapshot.DatasetVersion);
        }
    }

    /// <summary>How a caller learns the current version.</summary>
    private enum Check
    {
        /// <summary>A request: the catalog is read when the last check is due, sharing a read in flight.</summary>
        Due,

        /// <summary>A refresh after publishing: the catalog is read now, whatever the last check.</summary>
        Fresh,

        /// <summary>The warm-up: loads what the catalog names now, and leaves the next request's check due.</summary>
        Warm,
    }

    private static long Generation(Snapshot snapshot) => Generation(snapshot.DatasetVersion);

    private static long Generation(string datasetVersion) => SnapshotStore.Generation(datasetVersion);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Storage unreachable while checking or loading the snapshot; the loaded version {ServingVersion} " +
            "answers meanwhile")]
    private partial void LogUnreachable(Exception exception, string servingVersion);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The customers of snapshot {DatasetVersion} could not be read from its blob; loading it again")]
    private partial void LogCustomersLost(Exception exception, string datasetVersion);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Snapshot {DatasetVersion} could not be loaded again; its customer views answer 503 until the next " +
            "version")]
    private partial void LogReloadFailed(Exception exception, string datasetVersion);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Snapshot {DatasetVersion} could not be built; serving {ServingVersion} instead")]
    private partial void LogBuildFailed(Exception exception, string datasetVersion, string? servingVersion);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The ledger note about snapshot {DatasetVersion} could not be written")]
    private partial void LogNoteNotWritten(Exception exception, string datasetVersion);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Loaded snapshot {DatasetVersion}: {Facts} facts {How} in {Milliseconds:F0} ms")]
    private partial void LogLoaded(string datasetVersion, long facts, string how, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The snapshot blob of {DatasetVersion} cannot be used; building from the facts instead")]
    private partial void LogBlobUnusable(Exception exception, string datasetVersion);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Snapshot blob of {DatasetVersion} {Outcome} ({Milliseconds:F0} ms)")]
    private partial void LogBlobWritten(string datasetVersion, string outcome, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The snapshot blob of {DatasetVersion} could not be written; the next cold instance builds it")]
    private partial void LogBlobNotWritten(Exception exception, string datasetVersion);
}

public sealed class SnapshotOptions
{
    public const string Section = "Snapshot";

    /// <summary>How stale the dataset version may be before a request re-reads the catalog (seconds).</summary>
    public double VersionCheckSeconds { get; set; } = 2;

    /// <summary>
    /// Whether the host loads the current snapshot as it starts (<see cref="SnapshotWarmup"/>), rather than on the
    /// first analytics request.
    /// </summary>
    public bool WarmAtStart { get; set; } = true;
}

/// <summary>The facts of one source version, as the ingestion that stored them still holds them.</summary>
public sealed record WrittenFacts(string SourceVersion, SourceFacts Facts);
