using System.Buffers.Binary;
using System.Text;

namespace HealthKart.Infrastructure.Exports.Zip;

/// <summary>
/// The zip container of an XLSX, written forward only and asynchronously to any stream (an HTTP response need not
/// seek and refuses synchronous writes). A streamed entry is followed by a data descriptor (its CRC and sizes are known
/// only at its end). Plain zip, not Zip64: the package must stay under 4 GiB, which a sheet capped at Excel's row limit
/// only passes with absurdly long text.
/// </summary>
/// <remarks>
/// Why not a library (checked 2026-12-06 with <c>bench -- zip-library</c> and the <c>export</c> pair, 2 shared cores):
/// it takes entries already deflated, and that is the speed. An unfiltered 1M-row XLSX splices the sheet rows ingestion
/// deflated once, at 31.6M rows/s (export pair, bench/README.md); a library zip writer deflates what it is given, so
/// the same sheet (598 MB of XML) costs <see cref="System.IO.Compression.ZipArchive"/> 1.95 s (0.51M rows/s, Fastest;
/// 8.6 s at Optimal), about 60 times slower, and .NET 10's <c>ZipArchive.CreateAsync</c> still makes 2 synchronous
/// writes on the output, which a response body refuses. SharpZipLib 1.4.2 (served) can add a pre-deflated entry, but
/// only with its CRC and sizes before its bytes (no data descriptor, which the live sheet needs) and would replace
/// these ~140 lines only: the two-core deflate (<see cref="ThreadedDeflate"/>) and the spliceable chunks (<see
/// cref="DeflateChunk"/>) stay hand-written either way. ClosedXML holds the whole workbook in memory (100k rows: ~12 s,
/// ~1.2 GB).
/// </remarks>
internal sealed class XlsxZipWriter(Stream output)
{
    private const ushort Version = 20;
    private const ushort Deflated = 8;
    private const ushort DataDescriptorFlag = 0x0008;

    /// <summary>1980-01-01 00:00, the zip epoch: the same export gives the same bytes.</summary>
    private const ushort DosTime = 0;
    private const ushort DosDate = (0 << 9) | (1 << 5) | 1;

    private readonly List<Entry> _entries = [];
    private long _offset;
    private Entry? _open;

    /// <summary>A small part, compressed in memory.</summary>
    public async Task WriteEntryAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        var (compressed, crc, length) = DeflateChunk.Of(content, final: true);
        var entry = new Entry(name, _offset, DataDescriptorFlag: false)
        {
            Crc = crc,
            CompressedSize = compressed.Length,
            Size = length
        };
        await WriteAsync(LocalHeader(entry), cancellationToken);
        await WriteAsync(compressed, cancellationToken);
        _entries.Add(entry);
    }

    /// <summary>Starts an entry whose deflated bytes follow through <see cref="WriteCompressedAsync"/>.</summary>
    public async Task BeginEntryAsync(string name, CancellationToken cancellationToken)
    {
        _open = new Entry(name, _offset, DataDescriptorFlag: true);
        await WriteAsync(LocalHeader(_open), cancellationToken);
        _open.DataStart = _offset;
    }

    public Task WriteCompressedAsync(ReadOnlyMemory<byte> deflated, CancellationToken cancellationToken) =>
        WriteAsync(deflated, cancellationToken).AsTask();

    /// <summary>
    /// Ends the streamed entry with its CRC-32 and uncompressed size (the compressed size is what was written).
    /// </summary>
    public async Task EndEntryAsync(uint crc, long size, CancellationToken cancellationToken)
    {
        var entry = _open ?? throw new InvalidOperationException("No entry is open.");
        entry.Crc = crc;
        entry.Size = size;
        entry.CompressedSize = _offset - entry.DataStart;
        var descriptor = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor, 0x08074b50);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(4), entry.Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(8), Fits(entry.CompressedSize));
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(12), Fits(entry.Size));
        await WriteAsync(descriptor, cancellationToken);
        _entries.Add(entry);
        _open = null;
    }

    /// <summary>The central directory: where a reader finds every entry.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        var start = _offset;
        foreach (var entry in _entries)
        {
            await WriteAsync(CentralHeader(entry), cancellationToken);
        }

        var end = new byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), Fits(_offset - start));
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(16), Fits(start));
        await WriteAsync(end, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await output.WriteAsync(bytes, cancellationToken);
        _offset += bytes.Length;
    }

    private static byte[] LocalHeader(Entry entry)
    {
        var name = Encoding.ASCII.GetBytes(entry.Name);
        var header = new byte[30 + name.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x04034b50);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), Version);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), entry.DataDescriptorFlag
            ? DataDescriptorFlag : (ushort)0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), Deflated);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), DosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(12), DosDate);
        if (!entry.DataDescriptorFlag)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(14), entry.Crc);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(18), Fits(entry.CompressedSize));
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(22), Fits(entry.Size));
        }

        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(26), (ushort)name.Length);
        name.CopyTo(header, 30);
        return header;
    }

    private static byte[] CentralHeader(Entry entry)
    {
        var name = Encoding.ASCII.GetBytes(entry.Name);
        var header = new byte[46 + name.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x02014b50);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), Version);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), Version);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), entry.DataDescriptorFlag
            ? DataDescriptorFlag : (ushort)0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), Deflated);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(12), DosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(14), DosDate);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), entry.Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), Fits(entry.CompressedSize));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), Fits(entry.Size));
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(28), (ushort)name.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(42), Fits(entry.Offset));
        name.CopyTo(header, 46);
        return header;
    }

    private static uint Fits(long value) => value is >= 0 and < uint.MaxValue
        ? (uint)value
        : throw new InvalidOperationException(
            "The workbook would exceed 4 GiB, the limit of a plain zip; export tracking as CSV instead.");

    private sealed record Entry(string Name, long Offset, bool DataDescriptorFlag)
    {
        public uint Crc { get; set; }
        public long CompressedSize { get; set; }
        public long Size { get; set; }
        public long DataStart { get; set; }
    }
}
