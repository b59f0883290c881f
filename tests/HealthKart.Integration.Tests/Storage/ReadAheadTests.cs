using HealthKart.Infrastructure.Storage;

namespace HealthKart.Integration.Tests.Storage;

/// <summary>
/// The download that runs ahead of parsing (both ingestion passes, the snapshot load) hands over every byte in order,
/// passes on a failure of the source as itself (never as a clean end of the file, which would be read as a shorter
/// file), and stops reading when its reader stops.
/// </summary>
public sealed class ReadAheadTests
{
    private const int Window = 64 * 1024;

    [Fact]
    public void EveryByteArrivesInOrderWhateverTheReadSizes()
    {
        var content = new byte[1_000_003];
        new Random(7).NextBytes(content);
        using var stream = ReadAhead.Of(new MemoryStream(content), default, Window);

        using var copy = new MemoryStream();
        var buffer = new byte[4_099];
        var sizes = new Random(8);
        int read;
        while ((read = stream.Read(buffer, 0, sizes.Next(1, buffer.Length))) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        Assert.Equal(content, copy.ToArray());
    }

    [Fact]
    public void AFailureOfTheSourceReachesTheReaderAsItselfNeverAsTheEnd()
    {
        var failure = new IOException("the blob changed (412)");
        using var stream = ReadAhead.Of(new FailingStream(300_000, failure), default, Window);

        using var copy = new MemoryStream();
        var thrown = Assert.Throws<IOException>(() => stream.CopyTo(copy));

        // What was fetched but not yet read before the failure may be dropped: the run fails either way.
        Assert.Same(failure, thrown);
        Assert.InRange(copy.Length, 0, 300_000);
    }

    [Fact]
    public async Task AReaderThatStopsEarlyStopsTheDownloadAndDisposesTheSource()
    {
        var source = new FailingStream(long.MaxValue, null);
        var stream = ReadAhead.Of(source, default, Window);
        stream.ReadExactly(new byte[1_000]);

        await stream.DisposeAsync();

        // The source is endless: it was disposed, and read no further than a segment or two past the window.
        await source.Disposed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(source.Position < 1 << 20, $"read {source.Position:N0} bytes after the reader stopped");
    }

    /// <summary>
    /// Serves zero bytes up to <paramref name="length"/>, then throws <paramref name="failure"/> (or ends without it).
    /// </summary>
    private sealed class FailingStream(long length, Exception? failure) : Stream
    {
        private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _position;

        public Task Disposed => _disposed.Task;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => Interlocked.Read(ref _position);
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var left = length - Position;
            if (left <= 0)
            {
                return failure is null ? 0 : throw failure;
            }

            var read = (int)Math.Min(count, left);
            Array.Clear(buffer, offset, read);
            Interlocked.Add(ref _position, read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _disposed.TrySetResult();
            base.Dispose(disposing);
        }
    }
}
