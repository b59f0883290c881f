using System.IO.Hashing;

namespace HealthKart.Core.Analytics;

/// <summary>
/// Passes bytes through to or from an inner stream, one way only, folding each into an XXH3 checksum: the snapshot
/// blob is checked as it streams in, with no second pass over it. Leaves the inner stream open.
/// </summary>
internal sealed class ChecksumStream(Stream inner, bool writing) : Stream
{
    private readonly XxHash3 _hash = new();

    public ulong Checksum => _hash.GetCurrentHashAsUInt64();

    public long Length64 { get; private set; }

    public override bool CanRead => !writing;
    public override bool CanSeek => false;
    public override bool CanWrite => writing;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Length64;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        _hash.Append(buffer[..read]);
        Length64 += read;
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.Append(buffer);
        Length64 += buffer.Length;
        inner.Write(buffer);
    }

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
