using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Customers;
using HealthKart.Infrastructure.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Analytics;

/// <summary>
/// The current <see cref="Snapshot"/>, one per instance, keyed by the dataset version. The catalog (one small entity)
/// is re-read at most every <see cref="SnapshotOptions.VersionCheckSeconds"/>; a new version is loaded once, however many
/// requests ask at the same moment, and each request gets one whole snapshot even while an ingestion lands.
/// </summary>
public sealed partial class SnapshotCache(
    DatasetCatalog catalog, FactStore facts, HealthKartTables tables, IOptions<AnalyticsOptions> analytics,
    IOptions<CustomerOptions> customers, IOptions<SnapshotOptions> options, TimeProvider clock, ILogger<SnapshotCache> logger)
{
    private readonly Lock _gate = new();
    private Task<Snapshot>? _loading;
    private Task<Catalog>? _checking;
    private string? _loadingVersion;
    private Snapshot? _current;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

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
                    }
                }

                return snapshot;
            }
            catch (FactsMissingException) when (attempt < 3)
            {
                // The catalog moved on while we read a source it no longer names: read it again.
            }
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
        var sources = new SnapshotSource[current.Sources.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, sources.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
        {
            var entry = current.Sources[i];
            sources[i] = new SnapshotSource(entry.FileName, await facts.ReadAsync(entry.SourceVersion, token));
        });

        // Ingestion order decides which of two influencer files wins a duplicate ID: the later upload.
        var ordered = sources.Zip(current.Sources).OrderBy(p => p.Second.IngestedAt).Select(p => p.First).ToList();
        var snapshot = SnapshotBuilder.Build(current.DatasetVersion, ordered, analytics.Value, customers.Value);
        LogLoaded(current.DatasetVersion, snapshot.FactCount, clock.GetElapsedTime(started).TotalMilliseconds);
        return snapshot;
    }

    private static long Generation(Snapshot snapshot) => long.TryParse(snapshot.DatasetVersion.TrimStart('v'), out var generation) ? generation : 0;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded snapshot {DatasetVersion}: {Facts} facts in {Milliseconds:F0} ms")]
    private partial void LogLoaded(string datasetVersion, long facts, double milliseconds);
}

public sealed class SnapshotOptions
{
    public const string Section = "Snapshot";

    /// <summary>How stale the dataset version may be before a request re-reads the catalog (seconds).</summary>
    public double VersionCheckSeconds { get; set; } = 2;
}
