using System.Runtime.InteropServices;

namespace HealthKart.Core.Analytics.Customers;

/// <summary>
/// Works out, once per snapshot and over every current tracking source together, each customer's first purchase date,
/// the row that acquired them, their follow-on revenue and when they bought again, and which attributed orders came
/// from returning customers (docs/customers.md has the rules). Per-source summaries cannot do this: a customer's first
/// purchase may sit in another file, and replacing or retracting a file can move it.
/// </summary>
internal static class CustomerLedger
{
    /// <param name="saleRefs">Per source, where each of its sales facts
    /// landed: a sales index, or <c>~index</c> of an organic one.</param>
    /// <param name="returningOrders">Filled: per sales fact, the net orders of rows whose customer first bought on an
    /// earlier day.</param>
    public static CustomerColumns Build(
        Snapshot snapshot, IReadOnlyList<SnapshotSource> sources, IReadOnlyList<int[]> saleRefs,
        CustomerOptions options, int[] returningOrders)
    {
        var rows = Flatten(snapshot, sources, saleRefs, out var customers);
        if (customers == 0)
        {
            return new CustomerColumns(0);
        }

        var first = new int[customers];
        Array.Fill(first, int.MaxValue);
        for (var r = 0; r < rows.Count; r++)
        {
            ref var day = ref first[rows.Customer[r]];
            if (rows.Orders[r] > 0 && rows.Day[r] < day)
            {
                day = rows.Day[r];
            }
        }

        var acquiring = new int[customers];
        Array.Fill(acquiring, -1);
        for (var r = 0; r < rows.Count; r++)
        {
            var c = rows.Customer[r];
            if (rows.Day[r] == first[c] && (acquiring[c] < 0 || Precedes(snapshot, rows, r, acquiring[c])))
            {
                acquiring[c] = r;
            }
        }

        var followOn = new long[customers];
        var repeatGap = new int[customers];
        Array.Fill(repeatGap, CustomerColumns.NeverAgain);
        for (var r = 0; r < rows.Count; r++)
        {
            var c = rows.Customer[r];
            var after = first[c] == int.MaxValue ? 0 : rows.Day[r] - first[c];
            if (after < 1)
            {
                continue;
            }

            if (after <= options.FollowOnDays)
            {
                followOn[c] += rows.Revenue[r];
            }

            if (rows.Orders[r] > 0 && after < repeatGap[c])
            {
                repeatGap[c] = after;
            }

            if (rows.Sale[r] >= 0)
            {
                returningOrders[rows.Sale[r]] += rows.Orders[r];
            }
        }

        var dataFirst = snapshot.TrackingRange?.First ?? 0;
        var columns = new CustomerColumns(first.Count(d => d != int.MaxValue));
        for (var c = 0; c < customers; c++)
        {
            if (first[c] != int.MaxValue)
            {
                var r = acquiring[c];
                columns.Add(rows.Sale[r], first[c], options.IsNew(first[c], dataFirst), rows.Revenue[r],
                    followOn[c], repeatGap[c]);
            }
        }

        return columns;
    }

    /// <summary>
    /// Every source's customer rows end to end, with customers numbered across sources by their stored pseudonym.
    /// </summary>
    private static Rows Flatten(Snapshot snapshot, IReadOnlyList<SnapshotSource> sources, IReadOnlyList<int[]> saleRefs,
        out int customers)
    {
        var rows = new Rows(sources.Sum(s => s.Facts.Customers.Count));
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var byName = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var at = 0;
        for (var k = 0; k < sources.Count; k++)
        {
            var source = sources[k].Facts.Customers;
            var global = new int[source.Customers.Count];
            for (var c = 0; c < global.Length; c++)
            {
                ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(byName, source.Customers[c], out var known);
                global[c] = id = known ? id : ids.Count - 1;
            }

            var customer = source.Customer;
            var saleOf = source.Sale;
            var orders = source.Orders;
            var revenue = source.RevenuePaise;
            for (var r = 0; r < source.Count; r++, at++)
            {
                var sale = saleRefs[k][saleOf[r]];
                rows.Customer[at] = global[customer[r]];
                rows.Sale[at] = sale;
                rows.Day[at] = sale >= 0 ? snapshot.Sales.Day[sale] : snapshot.OrganicSales.Day[~sale];
                rows.Orders[at] = orders[r];
                rows.Revenue[at] = revenue[r];
            }
        }

        customers = ids.Count;
        return rows;
    }

    /// <summary>
    /// Whether row <paramref name="r"/> decides the acquisition before row <paramref name="b"/>: higher net revenue; on
    /// a tie the smaller influencer ID (organic as the empty ID, so first), then campaign, product and platform,
    /// compared as text; on a full tie the row met first.
    /// </summary>
    private static bool Precedes(Snapshot snapshot, Rows rows, int r, int b)
    {
        if (rows.Revenue[r] != rows.Revenue[b])
        {
            return rows.Revenue[r] > rows.Revenue[b];
        }

        var (x, y) = (Key(snapshot, rows.Sale[r]), Key(snapshot, rows.Sale[b]));
        var order = string.CompareOrdinal(x.Influencer, y.Influencer);
        order = order != 0 ? order : string.CompareOrdinal(x.Campaign, y.Campaign);
        order = order != 0 ? order : string.CompareOrdinal(x.Product, y.Product);
        order = order != 0 ? order : string.CompareOrdinal(x.Platform, y.Platform);
        return order < 0;
    }

    private static (string Influencer, string Campaign, string Product, string Platform) Key(Snapshot snapshot,
        int sale)
    {
        if (sale >= 0)
        {
            var s = snapshot.Sales;
            return (snapshot.Influencers[s.Influencer[sale]].Id, snapshot.Campaigns[s.Campaign[sale]],
                snapshot.Products[s.Product[sale]], snapshot.Platforms[s.Platform[sale]]);
        }

        var o = snapshot.OrganicSales;
        return ("", snapshot.Campaigns[o.Campaign[~sale]], snapshot.Products[o.Product[~sale]],
            snapshot.Platforms[o.Platform[~sale]]);
    }

    private sealed class Rows(int count)
    {
        public int Count => Customer.Length;
        public int[] Customer { get; } = new int[count];
        public int[] Sale { get; } = new int[count];
        public int[] Day { get; } = new int[count];
        public int[] Orders { get; } = new int[count];
        public long[] Revenue { get; } = new long[count];
    }
}
