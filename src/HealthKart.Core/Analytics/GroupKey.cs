using HealthKart.Core.Analytics.Customers;

namespace HealthKart.Core.Analytics;

/// <summary>
/// Which group a fact falls in: a fact column (e.g. campaign ids), optionally mapped through a lookup (influencer to
/// category, day to week) shifted by an offset; -1 means "in no group". A two-byte column of ids (platforms) is
/// <see cref="Codes"/>. No column means everything in group 0.
/// </summary>
public readonly record struct GroupKey(int[]? Column, int[]? Lookup = null, int Offset = 0, ushort[]? Codes = null)
{
    public static readonly GroupKey Total = new(Column: null);

    /// <summary>Groups by a two-byte id column (<see cref="Snapshot.MaxPlatforms"/>).</summary>
    public GroupKey(ushort[] codes) : this(null, Codes: codes)
    {
    }

    public int Of(int fact)
    {
        if (Column is null)
        {
            return Codes is null ? 0 : Codes[fact];
        }

        if (Lookup is null)
        {
            return Column[fact];
        }

        var at = Column[fact] - Offset;
        return (uint)at < (uint)Lookup.Length ? Lookup[at] : -1;
    }
}

/// <summary>Sums the selected facts into groups: one tight loop per fact table, no LINQ.</summary>
public static class Aggregator
{
    /// <summary>A null key leaves that fact table out (e.g. posts have no brand of their own).</summary>
    public static Totals[] GroupBy(Selection selection, int groups, GroupKey? sales, GroupKey? posts, GroupKey? spend)
    {
        var totals = new Totals[groups];
        var snapshot = selection.Snapshot;
        var s = snapshot.Sales;
        if (sales is { } salesKey)
        {
            foreach (var i in selection.Sales)
            {
                var g = salesKey.Of(i);
                if (g >= 0)
                {
                    totals[g].Orders += s.Orders[i];
                    totals[g].Revenue += s.Revenue[i];
                    totals[g].ReturningOrders += s.ReturningOrders[i];
                }
            }

            AddNewCustomers(selection, salesKey, totals);
        }

        var p = snapshot.Posts;
        if (posts is { } postsKey)
        {
            foreach (var i in selection.Posts)
            {
                var g = postsKey.Of(i);
                if (g >= 0)
                {
                    totals[g].Posts += p.Posts[i];
                    totals[g].Reach += p.Reach[i];
                    totals[g].Engagements += p.Engagements[i];
                }
            }
        }

        var sp = snapshot.Spend;
        if (spend is { } spendKey)
        {
            foreach (var i in selection.Spend)
            {
                var g = spendKey.Of(i);
                if (g >= 0)
                {
                    totals[g].Spend += sp.Amount[i];
                }
            }
        }

        return totals;
    }

    /// <summary>
    /// Customers an influencer acquired fall in the group of the sales fact that acquired them (same key), so every
    /// breakdown with sales counts them where their acquiring row's revenue is: summed per fact once per snapshot
    /// (<see cref="Acquisitions"/>), added here per selected sales fact.
    /// </summary>
    private static void AddNewCustomers(Selection selection, GroupKey salesKey, Totals[] totals)
    {
        var a = Acquisitions.Of(selection.Snapshot);
        foreach (var i in selection.Sales)
        {
            var g = a.New[i] > 0 ? salesKey.Of(i) : -1;
            if (g >= 0)
            {
                totals[g].NewCustomers += a.New[i];
                totals[g].NewCustomerRevenue += a.NewRevenue[i];
                totals[g].MatureNewCustomers += a.MatureNew[i];
                totals[g].FollowOnRevenue += a.FollowOnRevenue[i];
            }
        }
    }
}
