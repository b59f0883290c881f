namespace HealthKart.Core.Analytics;

/// <summary>
/// The facts of one table that a selection keeps: a range of indices (no filter but dates, over day-sorted facts) or
/// an array of indices. <c>foreach</c> yields the indices in ascending order either way, with nothing allocated.
/// </summary>
public readonly struct FactRows
{
    private readonly int[]? _indices;
    private readonly int _start;
    private readonly int _end;

    public FactRows(int start, int end) => (_start, _end) = (start, Math.Max(start, end));

    public FactRows(int[] indices) => (_indices, _end) = (indices, indices.Length);

    public static FactRows None => new(0, 0);

    public int Length => _indices is null ? _end - _start : _indices.Length;

    /// <summary>Bytes held by the index array (a range holds none).</summary>
    public long Bytes => _indices is null ? 0 : (long)_indices.Length * sizeof(int);

    public Enumerator GetEnumerator() => new(_indices, _start, _end);

    public struct Enumerator(int[]? indices, int start, int end)
    {
        private int _at = (indices is null ? start : 0) - 1;

        public readonly int Current => indices is null ? _at : indices[_at];

        public bool MoveNext() => ++_at < end;
    }
}
