using System.Text;

namespace HealthKart.Integration.Tests.HostileInput;

/// <summary>
/// A read-only stream of <paramref name="length"/> bytes of plausible tracking CSV, produced as it is read: a file of
/// hundreds of MB can be uploaded without holding it (or committing it) anywhere.
/// </summary>
internal sealed class GeneratedCsvStream(long length) : Stream
{
    private static readonly byte[] Header =
        Encoding.UTF8.GetBytes("source,campaign,influencer_id,user_id,product,date,orders,revenue\n");
    private static readonly byte[] Row =
        Encoding.UTF8.GetBytes("Instagram,Monsoon Muscle,INF001,U1001,MuscleBlaze Whey Protein,2025-07-01,2,4998.00\n");

    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < count; i++, _position++)
        {
            buffer[i] = _position < Header.Length ? Header[_position] : Row[(_position - Header.Length) % Row.Length];
        }

        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
