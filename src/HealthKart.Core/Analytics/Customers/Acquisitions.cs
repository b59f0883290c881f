namespace HealthKart.Core.Analytics.Customers;

/// <summary>
/// The customers each sales fact (and each organic sales fact) acquired, summed per fact: a customer is selected
/// exactly when the fact that acquired them is (docs/customers.md), so a breakdown or a count adds these per-fact sums
/// over the selected facts instead of visiting every customer (millions, in no useful order) for every view. Derived
/// from <see cref="Snapshot.Customers"/> once per snapshot; the customer columns stay the source of truth.
/// </summary>
public sealed class Acquisitions
{
    private Acquisitions(int sales, int organic)
    {
        New = ColumnMemory.Allocate<int>(sales);
        NewRevenue = ColumnMemory.Allocate<long>(sales);
        MatureNew = ColumnMemory.Allocate<int>(sales);
        FollowOnRevenue = ColumnMemory.Allocate<long>(sales);
        Existing = ColumnMemory.Allocate<int>(sales);
        OrganicNew = ColumnMemory.Allocate<int>(organic);
        OrganicExisting = ColumnMemory.Allocate<int>(organic);
    }

    /// <summary>Per sales fact: new customers it acquired, their acquiring revenue (paise).</summary>
    public int[] New { get; }
    public long[] NewRevenue { get; }

    /// <summary>
    /// Per sales fact: of <see cref="New"/>, those whose follow-on window lies inside the data, and their follow-on
    /// revenue (paise).
    /// </summary>
    public int[] MatureNew { get; }
    public long[] FollowOnRevenue { get; }

    /// <summary>Per sales fact: existing-or-unknown customers first seen on it.</summary>
    public int[] Existing { get; }

    /// <summary>Per organic sales fact: new and existing-or-unknown customers first seen on it.</summary>
    public int[] OrganicNew { get; }
    public int[] OrganicExisting { get; }

    /// <summary>The snapshot's acquisitions, summed once and kept with it.</summary>
    public static Acquisitions Of(Snapshot snapshot) => snapshot.Memo("acquisitions", () => Sum(snapshot));

    private static Acquisitions Sum(Snapshot snapshot)
    {
        var c = snapshot.Customers;
        var matureBefore = (snapshot.TrackingRange?.Last ?? 0) - snapshot.CustomerOptions.FollowOnDays;
        var a = new Acquisitions(snapshot.Sales.Count, snapshot.OrganicSales.Count);
        for (var i = 0; i < c.Count; i++)
        {
            var sale = c.Sale[i];
            if (sale < 0)
            {
                _ = c.New[i] ? a.OrganicNew[~sale]++ : a.OrganicExisting[~sale]++;
            }
            else if (!c.New[i])
            {
                a.Existing[sale]++;
            }
            else
            {
                a.New[sale]++;
                a.NewRevenue[sale] += c.Revenue[i];
                if (c.FirstDay[i] <= matureBefore)
                {
                    a.MatureNew[sale]++;
                    a.FollowOnRevenue[sale] += c.FollowOn[i];
                }
            }
        }

        return a;
    }
}
