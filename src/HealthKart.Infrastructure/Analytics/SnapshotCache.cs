using Azure;
using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Customers;
using HealthKart.Core.Problems;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Analytics;

/// <summary>
/// The current <see cref="Snapshot"/>, one per instance, keyed by the dataset version. The catalog (one small entity)
/// is re-read at most every <see cref="SnapshotOptions.VersionCheckSeconds"/>; a new version is loaded once, however many
/// requests ask at the same moment, and each request gets one whole snapshot even while an ingestion lands. A version
/// whose build fails is not retried and does not take the analytics down: the previous good snapshot keeps serving, and
/// <see cref="LastFailure"/> (shown by the data-quality panel) and the ledger record that published it say why.
/// A version is read from its snapshot blob (<see cref="SnapshotStore"/>) when one exists, and built from its sources'
/// facts otherwise; the instance that builds it then writes the blob for every instance after it (docs/snapshot.md).
/// </summary>
public sealed partial class SnapshotCache(
    DatasetCatalog catalog, FactStore facts, SnapshotStore store, HealthKartTables tables, UploadLedger ledger, IOptions<AnalyticsOptions> analytics,
    IOptions<CustomerOptions> customers, IOptions<SnapshotOptions> options, TimeProvider clock, ILogger<SnapshotCache> logger)
{
    private readonly Lock _gate = new();
    private Task<Snapshot>? _loading;
    private Task<Catalog>? _checking;
    private string? _loadingVersion;
    private Snapshot? _current;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    /// <summary>The newest dataset version that could not be built, while no later version has been; null otherwise.</summary>
    public SnapshotFailure? LastFailure { get; private set; }

    /// <summary>The blob write started by the last build (it runs after the snapshot serves); done when there is none.</summary>
    public Task BlobWrite { get; private set; } = Task.CompletedTask;

    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_current is { } fresh && now - _checkedAt < TimeSpan.FromSeconds(options.Value.VersionCheckSeconds))
        {
            return fresh;
        }

        for (var attempt = 1; ; attempt++)
        {
            var current = await CheckVersionAsync(attempt).WaitAsync(cancellationToken);
            Task<Snapshot> load;
            lock (_gate)
            {
                if (_current?.DatasetVersion == current.DatasetVersion)
                {
                    _checkedAt = now;
                    return _current;
                }

                if (LastFailure?.DatasetVersion == current.DatasetVersion)
                {
                    return ServePrevious(now);
                }

                if (_loadingVersion != current.DatasetVersion || _loading is null || _loading.IsFaulted)
                {
                    _loadingVersion = current.DatasetVersion;
                    _loading = LoadAsync(current);
                }

                load = _loading;
            }

            try
            {
                var snapshot = await load.WaitAsync(cancellationToken);
                lock (_gate)
                {
                    if (_current is null || Generation(snapshot) >= Generation(_current))
                    {
                        (_current, _checkedAt) = (snapshot, now);
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
            catch (SnapshotBuildException failure)
            {
                await RecordFailureAsync(current, failure);
                lock (_gate)
                {
                    return ServePrevious(now);
                }
            }
        }
    }

    /// <summary>The last good snapshot (under the gate), or a 422 problem when there has never been one.</summary>
    private Snapshot ServePrevious(DateTimeOffset now)
    {
        if (_current is null)
        {
            throw new ProblemException(422, "Analytics unavailable",
                $"Dataset version {LastFailure?.DatasetVersion} could not be built: {LastFailure?.Reason} No earlier version is loaded to serve instead.");
        }

        _checkedAt = now;
        return _current;
    }

    /// <summary>Once per failed version: kept for the data-quality panel and written on the upload that published it.</summary>
    private async Task RecordFailureAsync(Catalog current, SnapshotBuildException failure)
    {
        lock (_gate)
        {
            if (LastFailure?.DatasetVersion == current.DatasetVersion)
            {
                return;
            }

            LastFailure = new SnapshotFailure(current.DatasetVersion, failure.Message, clock.GetUtcNow(), _current?.DatasetVersion);
        }

        LogBuildFailed(failure, current.DatasetVersion, _current?.DatasetVersion);
        var note = $"Ingested, but the analytics could not be built from dataset version {current.DatasetVersion}: {failure.Message}";
        var latest = current.Sources.MaxBy(s => s.IngestedAt);
        try
        {
            // Every instance finds the same failure; the note is written once.
            if (latest is not null && await ledger.FindAsync(latest.UploadId, CancellationToken.None) is { } record
                && record.Message?.Contains(note, StringComparison.Ordinal) != true)
            {
                var serving = _current is { } previous ? $"version {previous.DatasetVersion} keeps serving" : "no earlier version can serve";
                await ledger.SaveAsync(record with { Message = $"{record.Message} {note} ({serving}.)".Trim() }, CancellationToken.None);
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
    /// would otherwise read the same entity at once every few seconds). A retry after a missing fact set reads afresh.
    /// </summary>
    private Task<Catalog> CheckVersionAsync(int attempt)
    {
        lock (_gate)
        {
            if (attempt > 1 || _checking is not { IsCompleted: false })
            {
                _checking = ReadCatalogAsync();
            }

            return _checking;
        }
    }

    private async Task<Catalog> ReadCatalogAsync()
    {
        await tables.EnsureCreatedAsync(CancellationToken.None);
        return await catalog.ReadAsync(CancellationToken.None);
    }

    private async Task<Snapshot> LoadAsync(Catalog current)
    {
        var started = clock.GetTimestamp();
        ETag? unusable = null;
        try
        {
            if (await store.ReadAsync(current, analytics.Value, customers.Value, CancellationToken.None) is { } stored)
            {
                LogLoaded(current.DatasetVersion, stored.FactCount, "read from its blob", clock.GetElapsedTime(started).TotalMilliseconds);
                return stored;
            }
        }
        catch (UnusableSnapshotBlobException exception)
        {
            LogBlobUnusable(exception, current.DatasetVersion);
            unusable = exception.ETag;
        }
        catch (Exception exception) when (exception is RequestFailedException or IOException)
        {
            // The blob is a shortcut: when it cannot be read (storage refused, the connection dropped mid-stream), the facts still can.
            LogBlobUnusable(exception, current.DatasetVersion);
        }

        var sources = new SnapshotSource[current.Sources.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, sources.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
        {
            var entry = current.Sources[i];
            sources[i] = new SnapshotSource(entry.FileName, await facts.ReadAsync(entry.SourceVersion, token));
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

        LogLoaded(current.DatasetVersion, snapshot.FactCount, "built from its sources' facts", clock.GetElapsedTime(started).TotalMilliseconds);
        BlobWrite = WriteBlobAsync(current, snapshot, unusable);
        return snapshot;
    }

    /// <summary>Once per version and instance that built it; a failed write costs the next cold instance a build, nothing more.</summary>
    private async Task WriteBlobAsync(Catalog current, Snapshot snapshot, ETag? unusable)
    {
        await Task.Yield();
        try
        {
            var started = clock.GetTimestamp();
            var written = await store.WriteAsync(current, snapshot, unusable, CancellationToken.None);
            LogBlobWritten(snapshot.DatasetVersion, written, clock.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception) when (exception is RequestFailedException or IOException)
        {
            LogBlobNotWritten(exception, snapshot.DatasetVersion);
        }
    }

    private static long Generation(Snapshot snapshot) => Generation(snapshot.DatasetVersion);

    private static long Generation(string datasetVersion) => SnapshotStore.Generation(datasetVersion);

    [LoggerMessage(Level = LogLevel.Error, Message = "Snapshot {DatasetVersion} could not be built; serving {ServingVersion} instead")]
    private partial void LogBuildFailed(Exception exception, string datasetVersion, string? servingVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ledger note about snapshot {DatasetVersion} could not be written")]
    private partial void LogNoteNotWritten(Exception exception, string datasetVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded snapshot {DatasetVersion}: {Facts} facts {How} in {Milliseconds:F0} ms")]
    private partial void LogLoaded(string datasetVersion, long facts, string how, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The snapshot blob of {DatasetVersion} cannot be used; building from the facts instead")]
    private partial void LogBlobUnusable(Exception exception, string datasetVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot blob of {DatasetVersion}: written {Written} (false: another instance wrote it first) in {Milliseconds:F0} ms")]
    private partial void LogBlobWritten(string datasetVersion, bool written, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The snapshot blob of {DatasetVersion} could not be written; the next cold instance builds it")]
    private partial void LogBlobNotWritten(Exception exception, string datasetVersion);
}

public sealed class SnapshotOptions
{
    public const string Section = "Snapshot";

    /// <summary>How stale the dataset version may be before a request re-reads the catalog (seconds).</summary>
    public double VersionCheckSeconds { get; set; } = 2;
}
