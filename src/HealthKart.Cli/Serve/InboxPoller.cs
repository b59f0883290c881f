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
/// and runs the <see cref="IngestUpload"/> function for every blob that is new or whose ETag changed, oldest first, one
/// at a time. Ingestion is idempotent, so offering every blob again after a restart is harmless. A blob that fails is
/// offered again after a growing pause, as the host redelivers a failed trigger; the upload ledger counts its runs and,
/// after
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
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var blobs = await ListAsync(cancellationToken);
        foreach (var blob in blobs.OrderBy(b => b.Properties.LastModified).ThenBy(b => b.Name, StringComparer.Ordinal))
        {
            var etag = blob.Properties.ETag ?? default;
            var previous = _offers.GetValueOrDefault(blob.Name);
            var attempts = previous?.ETag == etag ? previous.Attempts : 0;
            if (previous?.ETag == etag && (previous.Done || clock.GetUtcNow() < previous.RetryAt))
            {
                continue;
            }

            try
            {
                await IngestAsync(blob.Name, cancellationToken);
                _offers[blob.Name] = new Offer(etag, attempts + 1, Done: true, RetryAt: default);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                attempts++;
                var delay = TimeSpan.FromTicks(Math.Min((interval * 5 * attempts).Ticks, MaxRetryDelay.Ticks));
                _offers[blob.Name] = new Offer(etag, attempts, Done: false, RetryAt: clock.GetUtcNow() + delay);
                LogIngestionFailed(exception, blob.Name, attempts, options.Value.MaxAttempts);
            }
        }

        // Forget deleted blobs, so the list stays as long as the inbox.
        foreach (var gone in _offers.Keys.Except(blobs.Select(b => b.Name)).ToList())
        {
            _offers.Remove(gone);
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
