using System.IO.Pipelines;

namespace HealthKart.Infrastructure.Storage;

/// <summary>
/// Reads a stream ahead of its consumer, up to a window of bytes, so that downloading a blob and parsing the part
/// already fetched overlap instead of taking turns (the blob SDK's read stream fetches its next range only once the
/// consumer has drained the last). A failure of the source, such as the blob changing mid-read (412), reaches the
/// consumer as the same exception on its next read; a consumer that stops early stops the download.
/// </summary>
internal static class ReadAhead
{
    /// <summary>Four of the blob SDK's 4 MiB ranges: enough to keep a download busy, small enough per reader.</summary>
    public const int DefaultWindow = 16 * 1024 * 1024;

    private const int SegmentBytes = 256 * 1024;

    public static Stream Of(Stream source, CancellationToken cancellationToken, int window = DefaultWindow)
    {
        // Reads of a quarter MiB: the pipe's default 4 KiB would make a 47 MB blob 12,000 reads, flushes and wake-ups.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: window, resumeWriterThreshold: window / 2,
            minimumSegmentSize: SegmentBytes, useSynchronizationContext: false));
        _ = FillAsync(source, pipe.Writer, cancellationToken);
        return pipe.Reader.AsStream();
    }

    private static async Task FillAsync(Stream source, PipeWriter writer, CancellationToken cancellationToken)
    {
        // Off the caller's thread from the start: reads that complete at once (bytes already received) would otherwise
        // fill the whole window before the caller got its stream back to consume it.
        await Task.Yield();
        try
        {
            await using (source)
            {
                await source.CopyToAsync(writer, cancellationToken);
            }

            await writer.CompleteAsync();
        }
        catch (Exception exception)
        {
            await writer.CompleteAsync(exception);
        }
    }
}
