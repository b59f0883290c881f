using Azure;
using HealthKart.Core;
using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Simulation;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Storage;
using HealthKart.Infrastructure.Uploads;

namespace HealthKart.Cli.Serve;

/// <summary>
/// Loads a simulated sample into an empty store through the normal upload path (inbox blob plus ledger record, exactly
/// what <c>POST /api/uploads/{fileName}</c> does), so a fresh <c>hk serve</c> has something to show, and waits until
/// the poller has ingested them. The sample is <c>hk simulate</c>'s, ending on the day asked (yesterday in India by
/// default), so relative dates and the weekly preview find activity. A store with any source or any inbox blob is left
/// alone.
/// </summary>
public sealed class SampleDataSeeder(HealthKartTables tables, DatasetCatalog catalog, UploadIngestor ingestor,
    UploadInbox inbox, UploadLedger ledger, TimeProvider clock)
{
    public const string UploadedBy = "hk serve (seed)";

    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Simulates, seeds and waits; returns the final ledger records, or none when the store already had data.
    /// </summary>
    public async Task<IReadOnlyList<UploadRecord>> SeedIfEmptyAsync(
        SimulationOptions sample, Action<string> progress, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await IsEmptyAsync(cancellationToken))
        {
            progress("The store already has data; not loading the sample.");
            return [];
        }

        progress(
            $"Simulating the sample (seed {sample.Seed}, {sample.Days} days, {IndianText.Date(sample.StartDate)} to " +
            $"{IndianText.Date(sample.EndDate)})...");
        var folder = Directory.CreateTempSubdirectory("hk-sample-");
        try
        {
            Simulator.Run(sample, folder.FullName, cancellationToken: cancellationToken);

            // Influencers first: the other files' checks (unknown influencer, reach above followers) use them.
            var files = folder.EnumerateFiles("*.csv")
                .OrderBy(f => DatasetNames.FromBlobName(f.Name, out _) == Dataset.Influencers ? 0 : 1)
                .ThenBy(f => f.Name, StringComparer.Ordinal)
                .ToList();
            var ids = new List<string>();
            foreach (var file in files)
            {
                await using var content = file.OpenRead();
                ids.Add((await inbox.SaveAsync(file.Name, content, content.Length, UploadedBy, cancellationToken)).Id);
            }

            return await WaitForIngestionAsync(ids, progress, timeout, cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        if ((await catalog.ReadAsync(cancellationToken)).Sources.Count > 0)
        {
            return false;
        }

        try
        {
            await foreach (var _ in ingestor.Inbox.GetBlobsAsync(cancellationToken: cancellationToken))
            {
                return false;
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // No inbox container yet: nothing was ever uploaded.
        }

        return true;
    }

    private async Task<IReadOnlyList<UploadRecord>> WaitForIngestionAsync(
        List<string> ids, Action<string> progress, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + timeout;
        var shown = "";
        while (true)
        {
            var records = new List<UploadRecord>();
            foreach (var id in ids)
            {
                if (await ledger.FindAsync(id, cancellationToken) is { } record)
                {
                    records.Add(record);
                }
            }

            // Done includes the raw rows: the sample's raw exports answer from the start.
            var done = records.Count(r => r.Status is UploadStatus.Ingested or UploadStatus.Rejected
                or UploadStatus.Failed
                && r.RawRows is not { State: RawRowState.Writing });
            var line = $"Loading sample data: {done}/{ids.Count} done ({string.Join(", ", records.Select(Describe))})";
            if (line != shown)
            {
                progress(line);
                shown = line;
            }

            if (done == ids.Count)
            {
                return records;
            }

            if (clock.GetUtcNow() > deadline)
            {
                progress(
                    $"Sample data is still being ingested after {timeout.TotalSeconds:0} s; " +
                    "follow it at /api/uploads.");
                return records;
            }

            await Task.Delay(CheckInterval, clock, cancellationToken);
        }
    }

    private static string Describe(UploadRecord record) => record switch
    {
        { Status: UploadStatus.Ingested, RawRows: { State: RawRowState.Writing } rows } =>
            $"{record.FileName} ingested, raw rows {IndianText.Count(rows.Written)} of {IndianText.Count(record.Rows)}",
        { Status: UploadStatus.Validating or UploadStatus.Ingesting, RowsProcessed: > 0 } =>
            $"{record.FileName} {record.Status.ToString().ToLowerInvariant()} " +
            $"{IndianText.Count(record.RowsProcessed, "row")}",
        _ => $"{record.FileName} {record.Status.ToString().ToLowerInvariant()}",
    };
}
