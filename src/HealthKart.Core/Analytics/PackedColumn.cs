using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
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

    public static void Write<T>(BinaryWriter writer, ReadOnlySpan<T> values) where T : unmanaged, IBinaryInteger<T>
    {
        var size = Unsafe.SizeOf<T>();
        var (min, max) = Range(values);

        // Unsigned distance from the minimum: wraps correctly even across a whole signed range.
        var @base = ulong.CreateTruncating(min);
        var width = Width(ulong.CreateTruncating(max) - @base, size);
        writer.Write((byte)width);
        writer.Write(width == size ? 0L : long.CreateTruncating(min));
        writer.Flush();
        if (width == size)
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
                var value = ulong.CreateTruncating(chunk[i]) - @base;
                var bytes = buffer.AsSpan(i * width, width);
                switch (width)
                {
                    case 1: bytes[0] = (byte)value; break;
                    case 2: BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value); break;
                    default: BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)value); break;
                }
            }

            writer.BaseStream.Write(buffer, 0, chunk.Length * width);
        }

        ArrayPool<byte>.Shared.Return(buffer);
    }

    public static void Read<T>(BinaryReader reader, Span<T> target) where T : unmanaged, IBinaryInteger<T>
    {
        var size = Unsafe.SizeOf<T>();
        var width = reader.ReadByte();
        var min = reader.ReadInt64();
        if (width is not (1 or 2 or 4 or 8) || width > size || (width == size && min != 0))
        {
            throw new InvalidDataException($"A snapshot column is packed {width} bytes wide from {min}, which its {size}-byte values cannot be.");
        }

        if (width == size)
        {
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(target));
            return;
        }

        var @base = (ulong)min;
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
                            span[i] = T.CreateTruncating(@base + bytes[i]);
                        }

                        break;
                    case 2:
                        var shorts = MemoryMarshal.Cast<byte, ushort>(bytes);
                        for (var i = 0; i < span.Length; i++)
                        {
                            span[i] = T.CreateTruncating(@base + shorts[i]);
                        }

                        break;
                    default:
                        var words = MemoryMarshal.Cast<byte, uint>(bytes);
                        for (var i = 0; i < span.Length; i++)
                        {
                            span[i] = T.CreateTruncating(@base + words[i]);
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

    private static int Width(ulong range, int size) =>
        range <= byte.MaxValue ? 1 : range <= ushort.MaxValue ? 2 : range <= uint.MaxValue ? Math.Min(4, size) : size;

    private static (T Min, T Max) Range<T>(ReadOnlySpan<T> values) where T : unmanaged, IBinaryInteger<T>
    {
        if (values.IsEmpty)
        {
            return (T.Zero, T.Zero);
        }

        var (min, max) = (values[0], values[0]);
        foreach (var value in values)
        {
            (min, max) = (T.Min(min, value), T.Max(max, value));
        }

        return (min, max);
    }
}
