using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HealthKart.Core.Analytics;

/// <summary>
/// One integer column in the snapshot blob, frame-of-reference packed: the column's minimum, then each value minus it
/// in the narrowest whole number of little-endian bytes (1 to the value's size) that holds the column's range.
/// Dimension ids, days and most counts fit in one or two bytes, amounts of money in three, so the blob is about a
/// third of the arrays it fills; a column that needs its full width is copied straight into its array
/// (<see cref="Stream.ReadExactly(Span{byte})"/>). Unpacking is one add per value in a tight loop (1, 2 and 4 bytes
/// read as such, other widths as an unaligned 8-byte read and a mask): no per-fact decisions, whatever order the
/// facts are in.
/// </summary>
internal static class PackedColumn
{
    /// <summary>Values per chunk written, and per chunk unpacked on a core of its own when read.</summary>
    private const int ChunkValues = 1 << 16;

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

        // Each value is written as 8 bytes at its own offset, ascending: the next value overwrites the zero bytes above
        // this one's width, and the 8 spare bytes at the end take the last one's.
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkValues * width + sizeof(ulong));
        for (var start = 0; start < values.Length; start += ChunkValues)
        {
            var chunk = values.Slice(start, Math.Min(ChunkValues, values.Length - start));
            for (var i = 0; i < chunk.Length; i++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(i * width, sizeof(ulong)),
                    ulong.CreateTruncating(chunk[i]) - @base);
            }

            writer.BaseStream.Write(buffer, 0, chunk.Length * width);
        }

        ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>
    /// Reads a column into <paramref name="target"/>: a column at its full width is copied straight in; the others
    /// are copied out of the stream a chunk at a time, and each chunk's unpacking is queued on
    /// <paramref name="unpacking"/>, so the reader goes on reading while another core unpacks. The target holds the
    /// column once <see cref="Unpacking.Wait"/> has returned.
    /// </summary>
    public static void Read<T>(BinaryReader reader, T[] target, Unpacking unpacking)
        where T : unmanaged, IBinaryInteger<T>
    {
        var size = Unsafe.SizeOf<T>();
        var width = reader.ReadByte();
        var min = reader.ReadInt64();
        if (width < 1 || width > size || (width == size && min != 0))
        {
            throw new InvalidDataException(
                $"A snapshot column is packed {width} bytes wide from {min}, which its {size}-byte values cannot be.");
        }

        if (width == size)
        {
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(target.AsSpan()));
            return;
        }

        var @base = (ulong)min;
        for (var start = 0; start < target.Length; start += ChunkValues)
        {
            var (first, count) = (start, Math.Min(ChunkValues, target.Length - start));
            var bytes = ArrayPool<byte>.Shared.Rent(count * width + sizeof(ulong));
            reader.BaseStream.ReadExactly(bytes.AsSpan(0, count * width));
            unpacking.Queue(() =>
            {
                Unpack(bytes.AsSpan(0, count * width), target.AsSpan(first, count), width, @base);
                ArrayPool<byte>.Shared.Return(bytes);
            });
        }
    }

    /// <summary>
    /// One chunk's values, <paramref name="width"/> bytes each, plus the base. One loop per width keeps the inner loop
    /// free of branches; the commonest cases (1 or 2 bytes into an int column, 4 into a long one) widen 4 to 16 values
    /// per vector instruction. Every path computes the same wrapped sum as
    /// <c>T.CreateTruncating(@base + value)</c>: truncation commutes with addition.
    /// </summary>
    private static void Unpack<T>(Span<byte> bytes, Span<T> span, int width, ulong @base)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (typeof(T) == typeof(int) && width is 1 or 2)
        {
            var target = MemoryMarshal.Cast<T, int>(span);
            if (width == 1)
            {
                WidenBytes(bytes, target, unchecked((int)@base));
            }
            else
            {
                WidenShorts(MemoryMarshal.Cast<byte, ushort>(bytes), target, unchecked((int)@base));
            }

            return;
        }

        if (typeof(T) == typeof(long) && width == 4)
        {
            WidenWords(MemoryMarshal.Cast<byte, uint>(bytes), MemoryMarshal.Cast<T, long>(span), @base);
            return;
        }

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
            case 4:
                var words = MemoryMarshal.Cast<byte, uint>(bytes);
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = T.CreateTruncating(@base + words[i]);
                }

                break;
            default:
                // 3, 5, 6 or 7 bytes: 8 read from the value's offset (the chunk's buffer has 8 spare bytes after its
                // last value; the blob is little-endian, checked before reading), the rest masked.
                var mask = (1UL << (8 * width)) - 1;
                ref var first = ref MemoryMarshal.GetReference(bytes);
                for (var i = 0; i < span.Length; i++)
                {
                    var value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, i * width)) & mask;
                    span[i] = T.CreateTruncating(@base + value);
                }

                break;
        }
    }

    private static void WidenBytes(ReadOnlySpan<byte> source, Span<int> target, int @base)
    {
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var add = Vector128.Create(@base);
            ref var from = ref MemoryMarshal.GetReference(source);
            ref var to = ref MemoryMarshal.GetReference(target);
            for (; i + Vector128<byte>.Count <= source.Length; i += Vector128<byte>.Count)
            {
                var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref from, (nuint)i));
                var (a, b) = Vector128.Widen(low);
                var (c, d) = Vector128.Widen(high);
                (a.AsInt32() + add).StoreUnsafe(ref to, (nuint)i);
                (b.AsInt32() + add).StoreUnsafe(ref to, (nuint)i + 4);
                (c.AsInt32() + add).StoreUnsafe(ref to, (nuint)i + 8);
                (d.AsInt32() + add).StoreUnsafe(ref to, (nuint)i + 12);
            }
        }

        for (; i < source.Length; i++)
        {
            target[i] = unchecked(@base + source[i]);
        }
    }

    private static void WidenShorts(ReadOnlySpan<ushort> source, Span<int> target, int @base)
    {
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var add = Vector128.Create(@base);
            ref var from = ref MemoryMarshal.GetReference(source);
            ref var to = ref MemoryMarshal.GetReference(target);
            for (; i + Vector128<ushort>.Count <= source.Length; i += Vector128<ushort>.Count)
            {
                var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref from, (nuint)i));
                (low.AsInt32() + add).StoreUnsafe(ref to, (nuint)i);
                (high.AsInt32() + add).StoreUnsafe(ref to, (nuint)i + 4);
            }
        }

        for (; i < source.Length; i++)
        {
            target[i] = unchecked(@base + source[i]);
        }
    }

    private static void WidenWords(ReadOnlySpan<uint> source, Span<long> target, ulong @base)
    {
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var add = Vector128.Create(@base);
            ref var from = ref MemoryMarshal.GetReference(source);
            ref var to = ref MemoryMarshal.GetReference(target);
            for (; i + Vector128<uint>.Count <= source.Length; i += Vector128<uint>.Count)
            {
                var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref from, (nuint)i));
                (low + add).AsInt64().StoreUnsafe(ref to, (nuint)i);
                (high + add).AsInt64().StoreUnsafe(ref to, (nuint)i + 2);
            }
        }

        for (; i < source.Length; i++)
        {
            target[i] = unchecked((long)(@base + source[i]));
        }
    }

    /// <summary>The bytes that hold <paramref name="range"/>: at least one, at most the value's own size.</summary>
    private static int Width(ulong range, int size) =>
        Math.Min(size, Math.Max(1, (64 - BitOperations.LeadingZeroCount(range) + 7) / 8));

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

/// <summary>
/// The unpacking of the chunks a reader has copied out of the stream (<see cref="PackedColumn.Read{T}"/>), each on any
/// free core: downloading, copying and unpacking overlap, and a cold instance's load uses both of its cores. A chunk
/// that no other thread has started is unpacked by the thread that waits.
/// </summary>
internal sealed class Unpacking
{
    private readonly List<Task> _chunks = [];

    public void Queue(Action unpack) => _chunks.Add(Task.Run(unpack));

    /// <summary>Returns once every chunk queued so far is unpacked.</summary>
    public void Wait()
    {
        Task.WaitAll(_chunks);
        _chunks.Clear();
    }
}
