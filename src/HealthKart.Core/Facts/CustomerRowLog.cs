namespace HealthKart.Core.Facts;

/// <summary>
/// The customer rows of a source while it is read, in a <see cref="ChunkedLog{T}"/> (see there why not a list). Each
/// row's customer is numbered one row late, so that its slot in the <see cref="CustomerIndex"/> is already in the
/// cache (see there); the order of rows and of customer numbers is the order of the file all the same.
/// </summary>
internal sealed class CustomerRowLog
{
    private readonly CustomerIndex _customers = new();
    private readonly ChunkedLog<Entry> _rows = new();
    private (ulong Key, string UserId, Entry Row)? _waiting;

    public readonly record struct Entry(int Customer, int Sale, int Orders, long RevenuePaise);

    /// <summary>Each customer's <c>user_id</c> as first seen, by number.</summary>
    public IEnumerable<string> UserIds()
    {
        NumberWaiting();
        return _customers.UserIds();
    }

    public int Count => (int)_rows.Count + (_waiting is null ? 0 : 1);

    public void Add(string userId, int sale, int orders, long revenuePaise)
    {
        var key = _customers.Fingerprint(userId);
        NumberWaiting();
        _waiting = (key, userId, new Entry(0, sale, orders, revenuePaise));
    }

    public IEnumerable<Entry> Entries()
    {
        NumberWaiting();
        foreach (var chunk in _rows.Chunks())
        {
            foreach (var entry in chunk)
            {
                yield return entry;
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
        _rows.Add(row with { Customer = _customers.NumberOf(key, userId) });
    }
}
