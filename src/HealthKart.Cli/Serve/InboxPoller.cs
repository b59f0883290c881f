using Azure;
using Azure.Storage.Blobs.Models;
using HealthKart.Functions;
using HealthKart.Infrastructure;
using HealthKart.Infrastructure.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthKart.Cli.Serve;

/// <summary>
/// Stands in for the blob trigger, which Event Grid feeds in Azure: lists the inbox every <paramref name="interval"/>
/// and runs the <see cref="IngestUpload"/> function for every blob that is new or whose ETag changed, oldest first, up
/// to
/// <c>Ingestion:ConcurrentUploads</c> at once, so a large file never holds a small one back; one blob name is only ever
/// ingested by one run at a time (a newer write of the name waits for the run on the older one, as uploads of one name
/// are stored one at a time). Ingestion is idempotent, so offering every blob again after a restart is harmless. A blob
/// that fails is offered again after a growing pause, as the host redelivers a failed trigger; the upload ledger counts
/// its runs and, after
/// <c>Ingestion:MaxAttempts</c>, the ingestion leaves it failed without running, so it is then left alone until it
/// changes (the same limit in Azure and here, and across restarts). It never blocks the others.
/// </summary>
public sealed partial class InboxPoller(
    IServiceProvider services, UploadIngestor ingestor, IOptions<IngestionOptions> options, TimeProvider clock,
    TimeSpan interval, ILogger<InboxPoller> logger)
    : BackgroundService
{
    /// <summary>The longest pause before a failed blob is offered again (a storage outage may last a while).</summary>
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Offer> _offers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);
    private bool _listingFails;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do
            {
                await PollAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // hk serve is stopping; an ingestion cut short is offered again on the next start.
        }
        finally
        {
            await Task.WhenAll(_running.Values.Select(r => r.Run.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        Settle(cancellationToken);
        var blobs = await ListAsync(cancellationToken);
        foreach (var blob in blobs.OrderBy(b => b.Properties.LastModified).ThenBy(b => b.Name, StringComparer.Ordinal))
        {
            if (_running.Count >= options.Value.ConcurrentUploads)
            {
                break;
            }

            var etag = blob.Properties.ETag ?? default;
            var previous = _offers.GetValueOrDefault(blob.Name);
            var attempts = previous?.ETag == etag ? previous.Attempts : 0;
            if (_running.ContainsKey(blob.Name) || previous?.ETag == etag
                && (previous.Done || clock.GetUtcNow() < previous.RetryAt))
            {
                continue;
            }

            var name = blob.Name;
            _running[name] =
                new Running(etag, attempts, Task.Run(() => IngestAsync(name, cancellationToken), cancellationToken));
        }

        // Forget deleted blobs, so the list stays as long as the inbox.
        foreach (var gone in _offers.Keys.Except(blobs.Select(b => b.Name)).ToList())
        {
            _offers.Remove(gone);
        }
    }

    /// <summary>
    /// Records the runs that ended since the last poll: done, or offered again after a growing pause.
    /// </summary>
    private void Settle(CancellationToken cancellationToken)
    {
        foreach (var (name, running) in _running.Where(r => r.Value.Run.IsCompleted).ToList())
        {
            _running.Remove(name);
            if (running.Run.IsCompletedSuccessfully)
            {
                _offers[name] = new Offer(running.ETag, running.Attempts + 1, Done: true, RetryAt: default);
            }
            else if (!cancellationToken.IsCancellationRequested)
            {
                var attempts = running.Attempts + 1;
                var delay = TimeSpan.FromTicks(Math.Min((interval * 5 * attempts).Ticks, MaxRetryDelay.Ticks));
                _offers[name] = new Offer(running.ETag, attempts, Done: false, RetryAt: clock.GetUtcNow() + delay);
                LogIngestionFailed(running.Run.Exception?.GetBaseException() ?? new OperationCanceledException(), name,
                    attempts, options.Value.MaxAttempts);
            }
        }
    }

    /// <summary>Runs the same function class Azure runs, constructed the way the worker constructs it.</summary>
    private async Task IngestAsync(string blobName, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var function = ActivatorUtilities.CreateInstance<IngestUpload>(scope.ServiceProvider);
        await function.Run(ingestor.Inbox.GetBlobClient(blobName), cancellationToken);
    }

    private async Task<List<BlobItem>> ListAsync(CancellationToken cancellationToken)
    {
        var blobs = new List<BlobItem>();
        try
        {
            await foreach (var blob in ingestor.Inbox.GetBlobsAsync(cancellationToken: cancellationToken))
            {
                blobs.Add(blob);
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // No container yet: nothing has been uploaded.
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Storage is down or restarting: say so once, keep polling, say when it is back.
            if (!_listingFails)
            {
                LogListingFailed(ingestor.Inbox.Name, Brief(exception));
            }

            _listingFails = true;
            return blobs;
        }

        if (_listingFails)
        {
            LogListingRecovered(ingestor.Inbox.Name);
        }

        _listingFails = false;
        return blobs;
    }

    /// <summary>The SDK's retry wrapper repeats the same connection error once per try; once is enough here.</summary>
    private static string Brief(Exception exception) =>
        exception is AggregateException { InnerExceptions: [.., var last] } ? last.Message : exception.Message;

    private sealed record Offer(ETag ETag, int Attempts, bool Done, DateTimeOffset RetryAt);

    private sealed record Running(ETag ETag, int Attempts, Task Run);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Ingesting {BlobName} failed (offer {Attempt}; the ledger allows {MaxAttempts} runs per " +
            "upload); it is offered again")]
    private partial void LogIngestionFailed(Exception exception, string blobName, int attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Cannot list the inbox container {Container} ({Reason}); polling continues")]
    private partial void LogListingFailed(string container, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The inbox container {Container} is reachable again")]
    private partial void LogListingRecovered(string container);
}
