using System.Runtime.CompilerServices;

namespace HealthKart.Core.Facts;

/// <summary>
/// Plain values appended while a source is read, kept in chunks that are never copied: they start at 2,048 items and
/// double up to about 1 MB each. Kept for the whole read, a million rows' worth of small chunks was copied by every
/// young-generation collection that found them new, and the collections of a million-row validation cost more than
/// the customer rows' own work; chunks this large live on the large-object heap, which the collector neither copies
/// nor, as they hold no references, scans.
/// </summary>
internal sealed class ChunkedLog<T>
    where T : unmanaged
{
    private const int FirstChunk = 2_048;
    private static readonly int LargestChunk = (1 << 20) / Unsafe.SizeOf<T>();
    private readonly List<(T[] Items, int Used)> _full = [];
    private T[] _last = [];
    private int _used;

    public long Count { get; private set; }

    public void Add(T item)
    {
        if (_used == _last.Length)
        {
            StartChunk(1);
        }

        _last[_used++] = item;
        Count++;
    }

    /// <summary>Room for <paramref name="length"/> values side by side, to be filled by the caller.</summary>
    public Span<T> Append(int length)
    {
        if (_last.Length - _used < length)
        {
            StartChunk(length);
        }

        var room = _last.AsSpan(_used, length);
        _used += length;
        Count += length;
        return room;
    }

    /// <summary>The values in the order they were added, one chunk at a time; a run from <see cref="Append"/> is
    /// never split between two.</summary>
    public IEnumerable<ArraySegment<T>> Chunks()
    {
        foreach (var (items, used) in _full)
        {
            yield return new ArraySegment<T>(items, 0, used);
        }

        yield return new ArraySegment<T>(_last, 0, _used);
    }

    private void StartChunk(int atLeast)
    {
        if (_last.Length > 0)
        {
            _full.Add((_last, _used));
        }

        var size = Math.Max(atLeast, _last.Length == 0 ? FirstChunk : Math.Min(_last.Length * 2, LargestChunk));
        _last = GC.AllocateUninitializedArray<T>(size);
        _used = 0;
    }
}
