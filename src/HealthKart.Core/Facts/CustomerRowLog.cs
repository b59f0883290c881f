namespace HealthKart.Core.Facts;

/// <summary>
/// The customer rows of a source while it is read. Numbering a row's customer waits on memory (its slot in a
/// <see cref="CustomerIndex"/> far larger than the cache) and, in ingestion, each new customer costs a keyed hash: done
/// in line with the reading, that was a fifth of a million-row ingestion's validation. So the reader only copies each
/// row into a batch, and another core numbers full batches, one at a time and in file order, while the reader parses
/// the next. Numbers, rows and names come out exactly as numbering row by row gives them (docs/customers.md).
/// </summary>
/// <remarks>
/// A batch holds no references (the user IDs as chars), so the rows waiting in it cost the collector nothing. Batches
/// of up to 16,384 rows, because each hand-over wakes a pool thread (4,096-row batches left the reader waiting 40-60 ms
/// per million rows, these 7-20 ms), handed over as <see cref="OnAnotherCore{TBatch}"/> does. The numbered rows go
/// straight into the columns <see cref="CustomerRows"/> hands on, and the names into one block of chars, so the end of
/// the read copies nothing: building them there from a log took a tenth of a million-row validation.
/// </remarks>
internal sealed class CustomerRowLog
{
    private const int BatchRows = 16_384;

    /// <summary>
    /// Batches in all, the one filling included: with two, the reader waited 15-20 ms at the batch whose numbering
    /// grows the customer table (a rehash of 200,000 customers at a million rows), longer than it takes to fill one.
    /// </summary>
    private const int Batches = 3;

    /// <summary>How many rows ahead of its lookup a slot starts loading: enough to hide most of the wait.</summary>
    private const int LoadAhead = 8;

    private readonly CustomerIndex _customers;
    private readonly OnAnotherCore<RowBatch> _numbering;

    // The numbered rows, as the columns of CustomerRows: written by whichever thread numbers a batch, one batch at a
    // time; the reader reads them only after the numbering's Finish.
    private int[] _customer = [], _sale = [], _orders = [];
    private long[] _revenue = [];
    private int _count;
    private bool _built;

    public readonly record struct Entry(int Sale, int Orders, long RevenuePaise);

    /// <param name="storedName">Turns a <c>user_id</c> into what may be stored (the keyed pseudonym); runs once per
    /// customer, as they are numbered. Null keeps the <c>user_id</c>.</param>
    public CustomerRowLog(Func<string, string>? storedName)
    {
        _customers = new CustomerIndex(storedName);
        _numbering = new OnAnotherCore<RowBatch>(() => new RowBatch(BatchRows), Number, Batches);
    }

    public void Add(string userId, int sale, int orders, long revenuePaise)
    {
        if (!_numbering.Filling.HasRoomFor(userId))
        {
            _numbering.HandOver();
        }

        _numbering.Filling.Add(userId, new Entry(sale, orders, revenuePaise));
    }

    /// <summary>
    /// The rows, once every batch is numbered, each pointing at <paramref name="positionOfSale"/>[the sale it was
    /// logged with]: where that sales fact ends up in the source's built list.
    /// </summary>
    public CustomerRows Build(int[] positionOfSale)
    {
        // The sales are mapped in place: a second build would map them twice.
        _built = _built ? throw new InvalidOperationException("A source's customer rows are built once.") : true;
        _numbering.Finish();
        if (_count == 0)
        {
            return CustomerRows.None;
        }

        foreach (ref var sale in _sale.AsSpan(0, _count))
        {
            sale = positionOfSale[sale];
        }

        return new CustomerRows(_customers.StoredNames(), _customer, _sale, _orders, _revenue, _count);
    }

    /// <summary>
    /// The batch's fingerprints first, then its numbers, each slot loading a few rows before its lookup (the numbering
    /// took 25 % less time than with each slot loaded as its fingerprint was taken).
    /// </summary>
    private void Number(RowBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            batch.Keys[i] = CustomerIndex.Fingerprint(batch.UserId(i));
        }

        var count = _count + batch.Count;
        GrowingColumn.EnsureRoom(ref _customer, _count, count);
        GrowingColumn.EnsureRoom(ref _sale, _count, count);
        GrowingColumn.EnsureRoom(ref _orders, _count, count);
        GrowingColumn.EnsureRoom(ref _revenue, _count, count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (i + LoadAhead < batch.Count)
            {
                _customers.Load(batch.Keys[i + LoadAhead]);
            }

            var row = batch.Rows[i];
            (_customer[_count], _sale[_count], _orders[_count], _revenue[_count]) =
                (_customers.NumberOf(batch.Keys[i], batch.UserId(i)), row.Sale, row.Orders, row.RevenuePaise);
            _count++;
        }

        batch.Clear();
    }

    /// <summary>
    /// Up to <paramref name="capacity"/> rows, fewer when their user IDs fill its chars (40 a row on average, a UUID's
    /// 36 and more): a file of long IDs (a text value may have 32,000 chars) hands over smaller batches rather than
    /// growing them, so a batch stays under 2 MB.
    /// </summary>
    private sealed class RowBatch(int capacity)
    {
        private readonly int[] _ends = new int[capacity];
        private char[] _chars = new char[capacity * 40];

        public Entry[] Rows { get; } = new Entry[capacity];

        public ulong[] Keys { get; } = new ulong[capacity];

        public int Count { get; private set; }

        /// <summary>An empty batch always has room: an ID longer than its chars grows them.</summary>
        public bool HasRoomFor(string userId) => Count == 0
            || (Count < Rows.Length && _ends[Count - 1] + userId.Length <= _chars.Length);

        public void Add(string userId, Entry row)
        {
            var start = Count == 0 ? 0 : _ends[Count - 1];
            if (_chars.Length - start < userId.Length)
            {
                Array.Resize(ref _chars, start + userId.Length);
            }

            userId.CopyTo(_chars.AsSpan(start));
            _ends[Count] = start + userId.Length;
            Rows[Count++] = row;
        }

        public ReadOnlySpan<char> UserId(int i)
        {
            var start = i == 0 ? 0 : _ends[i - 1];
            return _chars.AsSpan(start, _ends[i] - start);
        }

        public void Clear() => Count = 0;
    }
}
