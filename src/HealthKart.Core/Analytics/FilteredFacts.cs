using System.Numerics;

namespace HealthKart.Core.Analytics;

/// <summary>
/// The facts one filter state keeps, found by column scans and built once, then shared by every view and request of
/// that state (<see cref="SelectionCache"/>). A date window is a range of the day-sorted facts (<see
/// cref="DayIndex"/>); each dimension filter is one tight pass over a column, a lookup of its code in the filter's
/// mask: the first pass writes the indices that pass, each further pass compacts them, with no branch and no call per
/// fact.
/// </summary>
internal sealed class FilteredFacts
{
    private readonly Snapshot _snapshot;
    private readonly Lazy<FactRows> _sales;
    private readonly Lazy<FactRows> _organic;
    private readonly Lazy<FactRows> _posts;
    private readonly Lazy<FactRows> _spend;
    private readonly Lazy<FactRows> _customers;
    private readonly MemoTable _memo = new();

    public FilteredFacts(Snapshot snapshot, FilterRules rules)
    {
        _snapshot = snapshot;
        Rules = rules;
        var (s, o, p, sp) = (snapshot.Sales, snapshot.OrganicSales, snapshot.Posts, snapshot.Spend);
        _sales = new(() => Scan(s.Day, s.Count, s.Days,
            [(rules.Influencer, s.Influencer), (rules.Campaign, s.Campaign), (rules.Product, s.Product),
                (rules.Brand, s.Brand)], s.Platform));
        _organic = new(() => rules.Influencer is not null
            ? FactRows.None
            : Scan(o.Day, o.Count, o.Days, [(rules.Campaign, o.Campaign), (rules.Product, o.Product),
                (rules.Brand, o.Brand)], o.Platform));
        _posts = new(() => Scan(p.Day, p.Count, p.Days,
            [(rules.Influencer, p.Influencer), (rules.Campaign, p.Campaign), (rules.PostProduct, p.Product)],
            p.Platform));
        _spend = new(() => Scan(sp.Day, sp.Count, sp.Days,
            [(rules.Influencer, sp.Influencer), (rules.Campaign, sp.Campaign), (rules.Product, sp.Product),
                (rules.Brand, sp.Brand)], sp.Platform));
        _customers = new(SelectCustomers);
    }

    public FilterRules Rules { get; }

    public FactRows Sales => _sales.Value;
    public FactRows OrganicSales => _organic.Value;
    public FactRows Posts => _posts.Value;
    public FactRows Spend => _spend.Value;
    public FactRows Customers => _customers.Value;

    /// <summary>Bytes of the index arrays built so far (what the cache bounds).</summary>
    public long Bytes => new[] { _sales, _organic, _posts, _spend, _customers }.Where(r => r.IsValueCreated)
        .Sum(r => r.Value.Bytes);

    /// <summary>An intermediate computed once per filter state (the key names whatever else it depends on).</summary>
    public T Memo<T>(string key, Func<T> compute) where T : class => _memo.Get(key, compute);

    /// <summary>
    /// The facts of one table that pass: with a day index the date window is a range and only dimension masks are
    /// scanned; without one (a column not in day order) the days are tested too. The platform column is two bytes a
    /// fact (<see cref="Snapshot.MaxPlatforms"/>), so it is passed apart and scanned last.
    /// </summary>
    private FactRows Scan(int[] day, int count, DayIndex? days, ReadOnlySpan<(byte[]? Mask, int[] Column)> tests,
        ushort[] platform)
    {
        var rules = Rules;
        var (start, end) = !rules.Dated ? (0, count) : days is not null ? days.Range(rules.FromDay, rules.ToDay) : (0,
            count);
        var testDays = rules.Dated && days is null;
        var filtered = testDays || rules.Platform is not null;
        foreach (var (mask, _) in tests)
        {
            filtered |= mask is not null;
        }

        if (!filtered)
        {
            return new FactRows(start, end);
        }

        var rows = new int[end - start];
        var n = 0;
        var first = true;
        if (testDays)
        {
            (n, first) = (KeepDays(day, start, end, rules.FromDay, rules.ToDay, rows), false);
        }

        foreach (var (mask, column) in tests)
        {
            if (mask is not null)
            {
                n = first ? Keep(mask, column, start, end, rows) : Compact(mask, column, rows, n);
                first = false;
            }
        }

        if (rules.Platform is { } platforms)
        {
            n = first ? Keep(platforms, platform, start, end, rows) : Compact(platforms, platform, rows, n);
        }

        Array.Resize(ref rows, n);
        return new FactRows(rows);
    }

    /// <summary>The first pass: every fact of the range whose code the mask keeps (ids of four or two bytes).</summary>
    private static int Keep<T>(byte[] mask, T[] column, int start, int end, int[] rows)
        where T : unmanaged, IBinaryInteger<T>
    {
        var n = 0;
        for (var i = start; i < end; i++)
        {
            rows[n] = i;
            n += mask[int.CreateTruncating(column[i])];
        }

        return n;
    }

    /// <summary>Each further pass: the facts kept so far whose code the mask keeps too.</summary>
    private static int Compact<T>(byte[] mask, T[] column, int[] rows, int count)
        where T : unmanaged, IBinaryInteger<T>
    {
        var n = 0;
        for (var k = 0; k < count; k++)
        {
            var i = rows[k];
            rows[n] = i;
            n += mask[int.CreateTruncating(column[i])];
        }

        return n;
    }

    /// <summary>
    /// Undated spend is <see cref="SpendColumns.Undated"/>, below every day, so a date window leaves it out.
    /// </summary>
    private static int KeepDays(int[] day, int start, int end, int from, int to, int[] rows)
    {
        var n = 0;
        for (var i = start; i < end; i++)
        {
            rows[n] = i;
            n += day[i] >= from && day[i] <= to ? 1 : 0;
        }

        return n;
    }

    /// <summary>
    /// Customers whose acquiring fact passes (docs/customers.md): their first purchase is in the window and their
    /// acquiring row passes the other filters, as a sale or an organic sale does.
    /// </summary>
    private FactRows SelectCustomers()
    {
        var c = _snapshot.Customers;
        if (Rules.Everything)
        {
            return new FactRows(0, c.Count);
        }

        var sales = Passing(Sales, _snapshot.Sales.Count);
        var organic = Passing(OrganicSales, _snapshot.OrganicSales.Count);
        var rows = new int[c.Count];
        var n = 0;
        for (var i = 0; i < c.Count; i++)
        {
            var sale = c.Sale[i];
            rows[n] = i;
            n += sale >= 0 ? sales[sale] : organic[~sale];
        }

        Array.Resize(ref rows, n);
        return new FactRows(rows);
    }

    private static byte[] Passing(FactRows rows, int count)
    {
        var passing = new byte[count];
        foreach (var i in rows)
        {
            passing[i] = 1;
        }

        return passing;
    }
}
