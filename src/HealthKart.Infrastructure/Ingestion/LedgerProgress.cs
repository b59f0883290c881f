namespace HealthKart.Infrastructure.Ingestion;

/// <summary>
/// Publishes "rows so far" (one of the ledger's counters: <see cref="UploadLedger.RowsProcessed"/> or
/// <see cref="UploadLedger.RawRowsWritten"/>) to the ledger about once a second from a background loop, so the hot path
/// only stores a number and a large file still shows steady progress on the page.
/// </summary>
public sealed class LedgerProgress : IAsyncDisposable
{
    private readonly UploadLedger _ledger;
    private readonly string _uploadId;
    private readonly string _counter;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _rows;
    private long _published;

    public LedgerProgress(UploadLedger ledger, string uploadId, string counter, TimeProvider clock)
    {
        _ledger = ledger;
        _uploadId = uploadId;
        _counter = counter;
        _loop = PublishAsync(clock);
    }

    public void Report(long rows) => Interlocked.Exchange(ref _rows, rows);

    private async Task PublishAsync(TimeProvider clock)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var rows = Interlocked.Read(ref _rows);
                if (rows != _published)
                {
                    await _ledger.ReportProgressAsync(_uploadId, _counter, rows, _stop.Token);
                    _published = rows;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Azure.RequestFailedException)
        {
            // Progress is a courtesy; a failed update must not fail the ingestion.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
