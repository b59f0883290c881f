namespace HealthKart.Core.Facts;

/// <summary>
/// The customer rows of a source while it is read, in fixed chunks of 2,048 (48 KB, under the large-object threshold):
/// a growing list would re-copy its array on the large-object heap at every doubling, and each such allocation counts
/// toward a full collection during a million-row validation.
/// </summary>
internal sealed class CustomerRowLog
{
    private const int ChunkSize = 2_048;
    private readonly List<Entry[]> _chunks = [];
    private int _inLast = ChunkSize;

    public readonly record struct Entry(int Customer, int Sale, int Orders, long RevenuePaise);

    public int Count => _chunks.Count == 0 ? 0 : (_chunks.Count - 1) * ChunkSize + _inLast;

    public void Add(in Entry entry)
    {
        if (_inLast == ChunkSize)
        {
            _chunks.Add(new Entry[ChunkSize]);
            _inLast = 0;
        }

        _chunks[^1][_inLast++] = entry;
    }

    public IEnumerable<Entry> Entries()
    {
        for (var c = 0; c < _chunks.Count; c++)
        {
            var length = c == _chunks.Count - 1 ? _inLast : ChunkSize;
            for (var i = 0; i < length; i++)
            {
                yield return _chunks[c][i];
            }
        }
    }
}
