using System.Collections;

namespace HealthKart.Core.Facts;

/// <summary>
/// Each customer's stored name (the keyed pseudonym) by number, packed end to end in one block of chars. A string
/// per customer (300,000 at a million rows) was work for the collector while the file was read, and making them at
/// its end took a twentieth of a million-row validation; the names are only ever copied out (into the stored facts)
/// or looked up (across sources), which spans serve as well.
/// </summary>
public sealed class CustomerNames : IEnumerable<string>
{
    public static readonly CustomerNames None = new([], [], 0);

    private readonly char[] _chars;
    private readonly int[] _ends;

    private CustomerNames(char[] chars, int[] ends, int count) => (_chars, _ends, Count) = (chars, ends, count);

    public int Count { get; }

    /// <summary>Customer <paramref name="number"/>'s stored name.</summary>
    public ReadOnlySpan<char> this[int number]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)number, (uint)Count, nameof(number));
            var start = number == 0 ? 0 : _ends[number - 1];
            return _chars.AsSpan(start, _ends[number] - start);
        }
    }

    public static CustomerNames Of(IEnumerable<string> names)
    {
        var builder = new Builder();
        foreach (var name in names)
        {
            name.CopyTo(builder.Append(name.Length));
        }

        return builder.Build();
    }

    /// <summary>The names as strings, one each: for tests and diagnostics, not for a loop over a source.</summary>
    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return new string(this[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Names added in number order; <see cref="Build"/> hands over the block without copying it.</summary>
    internal sealed class Builder
    {
        private char[] _chars = [];
        private int[] _ends = [];
        private int _count;

        private int Used => _count == 0 ? 0 : _ends[_count - 1];

        /// <summary>Room for the next customer's name of <paramref name="length"/> chars, to be filled by the
        /// caller.</summary>
        public Span<char> Append(int length)
        {
            var start = Used;
            GrowingColumn.EnsureRoom(ref _chars, start, start + length);
            GrowingColumn.EnsureRoom(ref _ends, _count, _count + 1);
            _ends[_count++] = start + length;
            return _chars.AsSpan(start, length);
        }

        public CustomerNames Build() => _count == 0 ? None : new CustomerNames(_chars, _ends, _count);
    }
}
