using System.IO.Compression;
using System.IO.Pipelines;

namespace HealthKart.Infrastructure.Exports.Zip;

/// <summary>
/// Two cores for one XML stream: <c>produce</c> runs on a dedicated thread (it reads blobs and writes XML
/// synchronously, as <see cref="DocumentFormat.OpenXml.OpenXmlWriter"/> does) into a bounded pipe, while this side
/// deflates what arrives and hands the compressed bytes to <c>drain</c> asynchronously (an HTTP response or a blob).
/// Memory is the pipe's few MB whatever the length. If either side fails, the other is stopped and the first error
/// is the one reported.
/// </summary>
internal static class ThreadedDeflate
{
    private const int DrainBytes = 256 * 1024;

    private static readonly PipeOptions Bounded = new(
        pauseWriterThreshold: 4 * 1024 * 1024, resumeWriterThreshold: 2 * 1024 * 1024, minimumSegmentSize: 64 * 1024,
        useSynchronizationContext: false);

    /// <summary>
    /// Returns the CRC-32 and length of the uncompressed bytes; the chunk ends with a sync flush unless <paramref
    /// name="final"/>.
    /// </summary>
    public static async Task<(uint Crc, long Length)> RunAsync(
        Action<Stream, CancellationToken> produce,
        bool final,
        Func<ReadOnlyMemory<byte>, CancellationToken, Task> drain,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pipe = new Pipe(Bounded);
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                using (var xml = new BufferedStream(pipe.Writer.AsStream(leaveOpen: true), DrainBytes))
                {
                    produce(xml, stop.Token);
                }

                pipe.Writer.Complete();
            }
            catch (Exception exception)
            {
                pipe.Writer.Complete(exception);
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        using var chunk = new DeflateChunk(CompressionLevel.Fastest);
        try
        {
            while (true)
            {
                var result = await pipe.Reader.ReadAsync(stop.Token);
                foreach (var segment in result.Buffer)
                {
                    chunk.Write(segment.Span);
                }

                pipe.Reader.AdvanceTo(result.Buffer.End);
                if (chunk.Compressed.Length >= DrainBytes)
                {
                    await drain(chunk.Compressed, stop.Token);
                    chunk.Clear();
                }

                if (result.IsCompleted)
                {
                    break;
                }
            }

            chunk.Finish(final);
            await drain(chunk.Compressed, stop.Token);
            chunk.Clear();
            await pipe.Reader.CompleteAsync();
        }
        catch (Exception exception)
        {
            await stop.CancelAsync();
            await pipe.Reader.CompleteAsync(exception);
            await producer.ContinueWith(_ => { }, TaskScheduler.Default);
            if (producer.IsFaulted && exception is OperationCanceledException
                && !cancellationToken.IsCancellationRequested)
            {
                await producer;
            }

            throw;
        }

        await producer;
        return (chunk.Crc, chunk.Length);
    }
}
