using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace HealthKart.Core.Analytics;

/// <summary>
/// One integer column in the snapshot blob, frame-of-reference packed: the column's minimum, then each value minus it
/// in the narrowest of 1, 2, 4 or 8 little-endian bytes that holds the column's range. Dimension ids, days and most
/// counts fit in one or two bytes, so the blob is about a third of the arrays it fills; a column that needs its full
/// width is copied straight into its array (<see cref="Stream.ReadExactly(Span{byte})"/>). Unpacking is one add per
/// value in a tight loop: no per-fact decisions, whatever order the facts are in.
/// </summary>
internal static class PackedColumn
{
    private const int ChunkValues = 1 << 14;

    public static void Write(BinaryWriter writer, ReadOnlySpan<int> values)
    {
        var (min, max) = Range(values);
        var width = Width((ulong)(max - min), 4);
        writer.Write((byte)width);
        writer.Write(min);
        writer.Flush();
        if (width == 4 && min == 0)
        {
            writer.BaseStream.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ChunkValues * width);
        for (var start = 0; start < values.Length; start += ChunkValues)
        {
            var chunk = values.Slice(start, Math.Min(ChunkValues, values.Length - start));
            for (var i = 0; i < chunk.Length; i++)
            {
                Put(buffer.AsSpan(i * width, width), (ulong)(chunk[i] - min));
            }

            writer.BaseStream.Write(buffer, 0, chunk.Length * width);
        }

        ArrayPool<byte>.Shared.Return(buffer);
    }

    public static void Write(BinaryWriter writer, ReadOnlySpan<long> values)
    {
        var (min, max) = Range(values);
        var range = (ulong)max - (ulong)min; // wraps into the unsigned distance even across the whole long range
        var width = Width(range, 8);
        writer.Write((byte)width);
        writer.Write(width == 8 ? 0 : min);
        writer.Flush();
        if (width == 8)
        {
            writer.BaseStream.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ChunkValues * width);
        for (var start = 0; start < values.Length; start += ChunkValues)
        {
            var chunk = values.Slice(start, Math.Min(ChunkValues, values.Length - start));
            for (var i = 0; i < chunk.Length; i++)
            {
                Put(buffer.AsSpan(i * width, width), (ulong)chunk[i] - (ulong)min);
            }

            writer.BaseStream.Write(buffer, 0, chunk.Length * width);
        }

        ArrayPool<byte>.Shared.Return(buffer);
    }

    public static void Read(BinaryReader reader, Span<int> target)
    {
        var (width, min) = Header(reader, 4);
        if (width == 4 && min == 0)
        {
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(target));
            return;
        }

        var @base = (uint)checked((int)min);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkValues * width);
        try
        {
            for (var start = 0; start < target.Length; start += ChunkValues)
            {
                var span = target.Slice(start, Math.Min(ChunkValues, target.Length - start));
                var bytes = buffer.AsSpan(0, span.Length * width);
                reader.BaseStream.ReadExactly(bytes);

                // One loop per width keeps the inner loop free of branches.
                switch (width)
                {
                    case 1:
                        for (var i = 0; i < span.Length; i++)
                        {
                            span[i] = (int)(@base + bytes[i]);
                        }

                        break;
                    case 2:
                        var shorts = MemoryMarshal.Cast<byte, ushort>(bytes);
                        for (var i = 0; i < span.Length; i++)
                        {
                            span[i] = (int)(@base + shorts[i]);
                        }

                        break;
                    default:
                        var words = MemoryMarshal.Cast<byte, uint>(bytes);
                        for (var i = 0; i < span.Length; i++)
                        {
                            span[i] = (int)(@base + words[i]);
                        }

                        break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static void Read(BinaryReader reader, Span<long> target)
    {
        var (width, min) = Header(reader, 8);
        if (width == 8)
        {
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(target));
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ChunkValues * width);
        try
        {
            for (var start = 0; start < target.Length; start += ChunkValues)
            {
                var span = target.Slice(start, Math.Min(ChunkValues, target.Length - start));
                var bytes = buffer.AsSpan(0, span.Length * width);
                reader.BaseStream.ReadExactly(bytes);
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = (long)((ulong)min + Get(bytes.Slice(i * width, width)));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (int Width, long Min) Header(BinaryReader reader, int widest)
    {
        var width = reader.ReadByte();
        var min = reader.ReadInt64();
        if (width is not (1 or 2 or 4 or 8) || width > widest)
        {
            throw new InvalidDataException($"A snapshot column has a packed width of {width} bytes, which its type cannot hold.");
        }

        return (width, min);
    }

    private static int Width(ulong range, int widest) =>
        range <= byte.MaxValue ? 1 : range <= ushort.MaxValue ? 2 : range <= uint.MaxValue || widest == 4 ? Math.Min(4, widest) : 8;

    private static (long Min, long Max) Range(ReadOnlySpan<int> values)
    {
        if (values.IsEmpty)
        {
            return (0, 0);
        }

        var (min, max) = (values[0], values[0]);
        foreach (var value in values)
        {
            (min, max) = (Math.Min(min, value), Math.Max(max, value));
        }

        return (min, max);
    }

    private static (long Min, long Max) Range(ReadOnlySpan<long> values)
    {
        if (values.IsEmpty)
        {
            return (0, 0);
        }

        var (min, max) = (values[0], values[0]);
        foreach (var value in values)
        {
            (min, max) = (Math.Min(min, value), Math.Max(max, value));
        }

        return (min, max);
    }

    private static void Put(Span<byte> bytes, ulong value)
    {
        switch (bytes.Length)
        {
            case 1: bytes[0] = (byte)value; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)value); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(bytes, value); break;
        }
    }

    private static ulong Get(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        1 => bytes[0],
        2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
        4 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        _ => BinaryPrimitives.ReadUInt64LittleEndian(bytes),
    };
}
