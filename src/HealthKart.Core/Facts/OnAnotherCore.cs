namespace HealthKart.Core.Facts;

/// <summary>
/// Work on a file's rows or bytes done on another core while the reader goes on: the reader fills a batch, hands it
/// over, and fills the next; <paramref name="work"/> runs on each batch handed over, one at a time and in the order
/// handed over (a chain of continuations), and empties it for reuse. The reader waits only when it needs a batch back
/// and the oldest is not worked yet, so a batch that takes long (a table growing) is absorbed by the ones after it.
/// </summary>
/// <remarks>
/// A pool thread blocked so makes the pool add threads at once (since .NET 6, dotnet/runtime#53471): a busy pool slows
/// the work down but does not stall it. A failure in the work stops the chain and reaches the reader at its next wait.
/// Batches are made as they are needed, <paramref name="batches"/> at most (the one filling included).
/// </remarks>
internal sealed class OnAnotherCore<TBatch>(Func<TBatch> newBatch, Action<TBatch> work, int batches)
    where TBatch : class
{
    private readonly Queue<(TBatch Batch, Task Worked)> _handedOver = new();
    private Task _last = Task.CompletedTask;
    private TBatch? _filling;

    /// <summary>The batch the reader fills.</summary>
    public TBatch Filling => _filling ??= newBatch();

    public void HandOver()
    {
        var full = Filling;
        _last = _last.ContinueWith(previous =>
        {
            previous.GetAwaiter().GetResult();
            work(full);
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        _handedOver.Enqueue((full, _last));
        _filling = _handedOver.Count < batches ? newBatch() : Worked(_handedOver.Dequeue());
    }

    /// <summary>Waits for every batch handed over, then works the one filling on this thread.</summary>
    public void Finish()
    {
        Wait();
        if (_filling is not null)
        {
            work(_filling);
        }
    }

    /// <summary>Waits for every batch handed over: after this no work runs until the next hand-over.</summary>
    public void Wait() => _last.GetAwaiter().GetResult();

    private static TBatch Worked((TBatch Batch, Task Worked) handedOver)
    {
        handedOver.Worked.GetAwaiter().GetResult();
        return handedOver.Batch;
    }
}
