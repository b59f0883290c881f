using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace HealthKart.Benchmarks;

/// <summary>
/// Sends requests of a fixed mix and records each one's latency, from send to the last byte of the body read, from any
/// number of concurrent callers. A non-2xx answer or an exception (refused, reset, timed out) is an error: counted,
/// its first few kept for the report, and its latency still recorded.
/// </summary>
public sealed class RequestRecorder(HttpClient http, IReadOnlyList<DashboardRequests.Request> mix)
{
    private const int KeptErrors = 5;

    private readonly ConcurrentQueue<Timed> _timed = new();
    private readonly ConcurrentQueue<string> _firstErrors = new();
    private long _errors;

    public sealed record Timed(int Index, double Microseconds, long Bytes);

    /// <summary>Errors since the start, in every phase (warm-up included).</summary>
    public long Errors => Interlocked.Read(ref _errors);

    public IReadOnlyList<string> FirstErrors => [.. _firstErrors];

    /// <param name="late">How long after its scheduled time the request is sent (a paced load's backlog): added to its
    /// latency, so a slow server cannot hide its queue by delaying the next request (coordinated omission).</param>
    public async Task SendAsync(int index, TimeSpan late = default)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var clock = Stopwatch.StartNew();
        long bytes = 0;
        try
        {
            using var response = await http.GetAsync(mix[index].PathAndQuery, HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
            }

            if (!response.IsSuccessStatusCode)
            {
                Fail($"{(int)response.StatusCode} {response.ReasonPhrase} for GET /{mix[index].PathAndQuery}");
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            Fail($"{exception.GetType().Name}: {exception.Message} for GET /{mix[index].PathAndQuery}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _timed.Enqueue(new Timed(index, (clock.Elapsed + late).TotalMicroseconds, bytes));
    }

    /// <summary>Everything recorded since the last call, and starts afresh.</summary>
    public List<Timed> Take()
    {
        var taken = new List<Timed>(_timed.Count);
        while (_timed.TryDequeue(out var timed))
        {
            taken.Add(timed);
        }

        return taken;
    }

    private void Fail(string error)
    {
        if (Interlocked.Increment(ref _errors) <= KeptErrors)
        {
            _firstErrors.Enqueue(error);
        }
    }
}
