using System.Text.Json;
using Azure.Data.Tables;
using HealthKart.Core.DataContract;
using HealthKart.Functions;
using HealthKart.Infrastructure.Analytics;
using HealthKart.Infrastructure.Exports.Tracking;
using HealthKart.Infrastructure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HealthKart.Integration.Tests.Reliability;

/// <summary>
/// What a fault must not change: the stored data, compared with an app that ingested each final file once.
/// </summary>
internal static class StoredData
{
    /// <summary>
    /// Every raw row, fact chunk and export copy, without the catalog generation (a retry may add one).
    /// </summary>
    public static async Task<string> DescribeAsync(TestApp app)
    {
        var state = await app.StateAsync();
        var copies = new List<string>();
        var container = app.Get<TrackingCopies>().Container;
        if (await container.ExistsAsync())
        {
            await foreach (var blob in container.GetBlobsAsync())
            {
                if (blob.Name.StartsWith(SnapshotStore.Folder, StringComparison.Ordinal))
                {
                    // A snapshot blob is a cache of one dataset version, written by whichever instance loads it first.
                    continue;
                }

                copies.Add($"copy {blob.Name} {blob.Properties.ContentLength}");
            }
        }

        copies.Sort(StringComparer.Ordinal);
        return string.Join('\n', [state[(state.IndexOf(':') + 1)..], .. copies]);
    }

    /// <summary>The reference: a fresh app that ingests the given files once each, in order.</summary>
    public static async Task<string> OfFilesIngestedOnceAsync(AzuriteFixture azurite,
        params (string Name, byte[] Content)[] files)
    {
        await using var reference = TestApp.Create(azurite);
        foreach (var (name, content) in files)
        {
            await reference.IngestAsync(name, content);
        }

        return await DescribeAsync(reference);
    }

    /// <summary>
    /// Row count and revenue of the raw tracking table: exactly one copy of each current row, nothing else.
    /// </summary>
    public static async Task<(int Rows, long RevenuePaise)> RawTrackingAsync(TestApp app)
    {
        var (rows, revenue) = (0, 0L);
        await foreach (var entity in app.Tables.Rows(Dataset.Tracking)
            .QueryAsync<TableEntity>(select: ["RevenuePaise"]))
        {
            rows++;
            revenue += entity.GetInt64("RevenuePaise") ?? 0;
        }

        return (rows, revenue);
    }

    /// <summary>
    /// Waits until the raw tracking table holds rows of a version that the catalog names (published) but the source's
    /// raw-row marker does not: a run is now in its raw-row stage, between table batches. Returns that version.
    /// </summary>
    public static async Task<string> PublishedRowsBeingWrittenAsync(TestApp app)
    {
        var markers = app.Get<RowVersions>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            foreach (var source in (await app.CatalogAsync()).Of(Dataset.Tracking))
            {
                if ((await markers.FindAsync(Dataset.Tracking, source.SourceKey,
                    default))?.SourceVersion == source.SourceVersion)
                {
                    continue;
                }

                var start = source.SourceVersion + "~";
                var filter =
                    TableClient.CreateQueryFilter(
                        $"PartitionKey ge {start} and PartitionKey lt {TableKeys.PrefixEnd(start)}");
                await foreach (var _ in app.Tables.Rows(Dataset.Tracking).QueryAsync<TableEntity>(filter, maxPerPage: 1,
                    select: ["PartitionKey"]))
                {
                    return source.SourceVersion;
                }
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("No published version's raw rows appeared within 30 s.");
    }

    /// <summary>How many raw tracking rows one version has in the table.</summary>
    public static async Task<int> RawTrackingRowsOfAsync(TestApp app, string sourceVersion)
    {
        var start = sourceVersion + "~";
        var filter =
            TableClient.CreateQueryFilter($"PartitionKey ge {start} and PartitionKey lt {TableKeys.PrefixEnd(start)}");
        var rows = 0;
        await foreach (var _ in app.Tables.Rows(Dataset.Tracking).QueryAsync<TableEntity>(filter,
            select: ["PartitionKey"]))
        {
            rows++;
        }

        return rows;
    }

    /// <summary>GET /api/analytics/summary through the function class, as the host would call it.</summary>
    public static async Task<JsonElement> SummaryAsync(TestApp app)
    {
        var function = new AnalyticsViews(app.Get<SnapshotCache>(), app.Get<AnswerMemo>(), TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(HealthKart.Core.Validation.DateWindow.Default));
        var result = Assert.IsType<FileContentResult>(await function.Get(new DefaultHttpContext().Request, "summary",
            default));
        return JsonDocument.Parse(result.FileContents).RootElement;
    }
}
