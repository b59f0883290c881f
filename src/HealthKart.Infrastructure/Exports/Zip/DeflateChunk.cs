using System.Buffers;
using System.IO.Compression;
using System.IO.Hashing;

namespace HealthKart.Infrastructure.Exports.Zip;

/// <summary>
/// Raw deflate of a run of bytes, with its CRC-32 and length, that can be spliced with other chunks into one zip entry.
/// A non-final chunk ends on a sync flush (byte-aligned, no end-of-stream block) and each chunk starts a fresh
/// compressor, so chunks compressed at different times simply concatenate into a valid deflate stream (as pigz does);
/// the entry's CRC-32 is combined from the chunks' (<see cref="Combine"/>) without touching their bytes again.
/// The caller drains <see cref="Compressed"/> as it fills, so memory stays at one buffer.
/// </summary>
internal sealed class DeflateChunk : IDisposable
{
    private readonly Capture _capture = new();
    private readonly DeflateStream _deflate;
    private readonly Crc32 _crc = new();
    private bool _finished;

    public DeflateChunk(CompressionLevel level) => _deflate = new DeflateStream(_capture, level, leaveOpen: true);

    /// <summary>Uncompressed bytes so far.</summary>
    public long Length { get; private set; }

    public uint Crc => _crc.GetCurrentHashAsUInt32();

    /// <summary>Compressed bytes not yet taken; take them and call <see cref="Clear"/>.</summary>
    public ReadOnlyMemory<byte> Compressed => _capture.Buffer.WrittenMemory;

    public void Clear() => _capture.Buffer.ResetWrittenCount();

    public void Write(ReadOnlySpan<byte> data)
    {
        _deflate.Write(data);
        _crc.Append(data);
        Length += data.Length;
    }

    /// <summary>
    /// Ends the chunk: with the end-of-stream block when <paramref name="final"/>, else on a sync flush.
    /// </summary>
    public void Finish(bool final)
    {
        if (!final)
        {
            // DeflateStream.Flush is a Z_SYNC_FLUSH; what Dispose adds after it is the final block, dropped here.
            _deflate.Flush();
            _capture.Sealed = true;
        }

        _deflate.Dispose();
        _finished = true;
    }

    /// <summary>One whole chunk of a small buffer.</summary>
    public static (byte[] Compressed, uint Crc, long Length) Of(ReadOnlySpan<byte> data, bool final)
    {
        using var chunk = new DeflateChunk(CompressionLevel.Fastest);
        chunk.Write(data);
        chunk.Finish(final);
        return (chunk.Compressed.ToArray(), chunk.Crc, chunk.Length);
    }

    /// <summary>
    /// The CRC-32 of A followed by B from crc(A), crc(B) and B's length: zlib's crc32_combine (multiplying by
    /// x^(8*len2) in GF(2) by repeated squaring of the one-zero-bit operator), so a 100 MB fragment is never re-read
    /// for its CRC.
    /// </summary>
    public static uint Combine(uint crc1, uint crc2, long length2)
    {
        if (length2 <= 0)
        {
            return crc1;
        }

        Span<uint> even = stackalloc uint[32];
        Span<uint> odd = stackalloc uint[32];
        odd[0] = 0xEDB88320u;
        var row = 1u;
        for (var n = 1; n < 32; n++)
        {
            odd[n] = row;
            row <<= 1;
        }

        Square(even, odd);
        Square(odd, even);
        do
        {
            Square(even, odd);
            if ((length2 & 1) != 0)
            {
                crc1 = Times(even, crc1);
            }

            length2 >>= 1;
            if (length2 == 0)
            {
                break;
            }

            Square(odd, even);
            if ((length2 & 1) != 0)
            {
                crc1 = Times(odd, crc1);
            }

            length2 >>= 1;
        }
        while (length2 != 0);

        return crc1 ^ crc2;
    }

    public void Dispose()
    {
        if (!_finished)
        {
            _capture.Sealed = true;
            _deflate.Dispose();
        }
    }

    private static uint Times(ReadOnlySpan<uint> matrix, uint vector)
    {
        var sum = 0u;
        for (var i = 0; vector != 0; i++, vector >>= 1)
        {
            if ((vector & 1) != 0)
            {
                sum ^= matrix[i];
            }
        }

        return sum;
    }

    private static void Square(Span<uint> square, ReadOnlySpan<uint> matrix)
    {
        for (var n = 0; n < 32; n++)
        {
            square[n] = Times(matrix, matrix[n]);
        }
    }

    /// <summary>Where the compressor writes; once sealed, further output (the final block) is dropped.</summary>
    private sealed class Capture : Stream
    {
        public ArrayBufferWriter<byte> Buffer { get; } = new(256 * 1024);
        public bool Sealed { get; set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position
        {
            get => throw new NotSupportedException(); set =>
            throw new NotSupportedException();
        }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (!Sealed)
            {
                Buffer.Write(buffer);
            }
        }
    }
}
