using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Storage;
using HealthKart.Integration.Tests.Serve;
using HealthKart.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace HealthKart.Integration.Tests.HostileInput;

/// <summary>
/// The whole malformed corpus and the hostile files, dropped into the inbox of a running hk serve that holds good data:
/// its poller runs the ingestion function on each, as the blob trigger would. Each is rejected with its precise reason,
/// the API answers throughout, and nothing stored changes.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class HostileInboxTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task EveryBadFileInTheInboxIsRejectedWithItsReasonWhileTheApiKeepsAnsweringAndNothingChanges()
    {
        var settings = ServeApp.IsolatedSettings();
        await using var store = TestApp.Create(azurite, settings); // the same tables and containers, to read the state
        foreach (var (fileName, content) in MalformedCorpus.ValidFiles.OrderBy(f => f.Key.StartsWith("influencers")
            ? 0 : 1))
        {
            Assert.Equal(UploadStatus.Ingested, (await store.IngestAsync(fileName, content)).Status);
        }

        await using var app = await ServeApp.StartAsync(azurite, settings: settings);

        using var http = ServeApp.Client(app);
        var summaryBefore = await http.GetStringAsync("api/analytics/summary");
        var stateBefore = await store.StateAsync();
        var files = MalformedCorpus.All.Concat(MalformedCorpus.Hostile).ToList();
        Assert.True(files.Count >= 50, $"the corpus has {files.Count} files");

        using var probing = new CancellationTokenSource();
        var probe = ProbeAsync(http, summaryBefore, probing.Token);
        var dropped = new List<(MalformedFile File, string Id)>();
        foreach (var file in files)
        {
            var blob = store.Ingestor.Inbox.GetBlobClient(InboxName(file));
            var stored = await blob.UploadAsync(new BinaryData(file.Content), overwrite: true);
            dropped.Add((file, TableKeys.UploadId(blob.Name, stored.Value.ETag.ToString())));
        }

        var ledger = app.Services.GetRequiredService<UploadLedger>();
        foreach (var (file, id) in dropped)
        {
            var record = await WaitUntilFinishedAsync(ledger, id, TimeSpan.FromSeconds(60));
            Assert.True(record.Status == UploadStatus.Rejected, $"{file.Name}: {record.Status} {record.Message}");
            var first = record.FirstErrors[0];
            Assert.True(
                first.Row == file.ExpectedRow && first.Column == file.ExpectedColumn
                && first.Reason.Contains(file.ExpectedReasonFragment, StringComparison.OrdinalIgnoreCase),
                $"{file.Name}: row {first.Row}, column {first.Column}: {first.Reason}");
        }

        await probing.CancelAsync();
        var (answers, failures) = await probe;
        Assert.Empty(failures);
        Assert.True(answers >= 10, $"only {answers} probe rounds ran during the run");
        Assert.Equal(stateBefore, await store.StateAsync());
        Assert.Equal(summaryBefore, await http.GetStringAsync("api/analytics/summary"));
    }

    /// <summary>
    /// Each file under a name of its own (so none overwrites another before the poller sees it), in its dataset's
    /// folder.
    /// </summary>
    private static string InboxName(MalformedFile file) =>
        !file.FileName.Contains('/') && DatasetNames.FromBlobName(file.FileName, out _) is { } dataset
            ? $"{dataset.FileStem()}/{file.Name}.csv"
            : file.FileName;

    /// <summary>
    /// Health and the summary, again and again until cancelled: every answer must be 200, and the summary the one
    /// before.
    /// </summary>
    private static async Task<(int Answers, List<string> Failures)> ProbeAsync(HttpClient http, string summary,
        CancellationToken stop)
    {
        var failures = new List<string>();
        var answers = 0;
        while (!stop.IsCancellationRequested)
        {
            using var health = await http.GetAsync("api/health", CancellationToken.None);
            var now = await http.GetStringAsync("api/analytics/summary", CancellationToken.None);
            if (!health.IsSuccessStatusCode)
            {
                failures.Add($"health answered {(int)health.StatusCode}");
            }

            if (now != summary)
            {
                failures.Add("the summary changed");
            }

            answers++;
            await Task.Delay(20, CancellationToken.None);
        }

        return (answers, failures);
    }

    private static async Task<UploadRecord> WaitUntilFinishedAsync(UploadLedger ledger, string id, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await ledger.FindAsync(id, CancellationToken.None) is
                {
                    Status: UploadStatus.Ingested
                or UploadStatus.Rejected or UploadStatus.Failed
                } record)
            {
                return record;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Upload {id} did not finish within {timeout.TotalSeconds:0} s.");
    }
}
