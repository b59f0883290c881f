namespace HealthKart.Core.Facts;

/// <summary>
/// The customer rows of a source while it is read, in fixed chunks of 2,048 (48 KB, under the large-object threshold):
/// a growing list would re-copy its array on the large-object heap at every doubling, and each such allocation counts
/// toward a full collection during a million-row validation. Each row's customer is numbered one row late, so that
/// its slot in the <see cref="CustomerIndex"/> is already in the cache (see there); the order of rows and of customer
/// numbers is the order of the file all the same.
/// </summary>
internal sealed class CustomerRowLog
{
    private const int ChunkSize = 2_048;
    private readonly CustomerIndex _customers = new();
    private readonly List<Entry[]> _chunks = [];
    private int _inLast = ChunkSize;
    private (ulong Key, string UserId, Entry Row)? _waiting;

    public readonly record struct Entry(int Customer, int Sale, int Orders, long RevenuePaise);

    /// <summary>Each customer's <c>user_id</c> as first seen, by number.</summary>
    public IReadOnlyList<string> UserIds
    {
        get
        {
            NumberWaiting();
            return _customers.UserIds;
        }
    }

    public int Count =>
        (_chunks.Count == 0 ? 0 : (_chunks.Count - 1) * ChunkSize + _inLast) + (_waiting is null ? 0 : 1);

    public void Add(string userId, int sale, int orders, long revenuePaise)
    {
        var key = _customers.Fingerprint(userId);
        NumberWaiting();
        _waiting = (key, userId, new Entry(0, sale, orders, revenuePaise));
    }

    public IEnumerable<Entry> Entries()
    {
        NumberWaiting();
        for (var c = 0; c < _chunks.Count; c++)
        {
            var length = c == _chunks.Count - 1 ? _inLast : ChunkSize;
            for (var i = 0; i < length; i++)
            {
                yield return _chunks[c][i];
            }
        }
    }

    private void NumberWaiting()
    {
        if (_waiting is not var (key, userId, row))
        {
            return;
        }

        _waiting = null;
        if (_inLast == ChunkSize)
        {
            _chunks.Add(new Entry[ChunkSize]);
            _inLast = 0;
        }

        _chunks[^1][_inLast++] = row with { Customer = _customers.NumberOf(key, userId) };
    }
}
