namespace HealthKart.Core.Analytics.Customers;

/// <summary>
/// The customers each sales fact (and each organic sales fact) acquired, summed per fact: a customer is selected
/// exactly when the fact that acquired them is (docs/customers.md), so a breakdown or a count adds these per-fact sums
/// over the selected facts instead of visiting every customer (millions, in no useful order) for every view. Summed
/// from <see cref="Snapshot.Customers"/> once per built snapshot; a snapshot read from its blob has them from the blob,
/// ahead of its customers (docs/snapshot.md#customers-behind-the-first-answer).
/// </summary>
public sealed class Acquisitions
{
    private Acquisitions(int sales, int organic, long[]? newRevenue = null, long[]? followOnRevenue = null)
    {
        New = ColumnMemory.Allocate<int>(sales);
        NewRevenue = newRevenue ?? ColumnMemory.Allocate<long>(sales);
        MatureNew = ColumnMemory.Allocate<int>(sales);
        FollowOnRevenue = followOnRevenue ?? ColumnMemory.Allocate<long>(sales);
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

    /// <summary>The snapshot's acquisitions: as its blob stored them, or summed once from its customers.</summary>
    public static Acquisitions Of(Snapshot snapshot) =>
        snapshot.StoredAcquisitions ?? snapshot.Memo("acquisitions", () => Sum(snapshot));

    /// <summary>
    /// The acquisitions from what the blob stores of them: per fact, the customers it acquired, and per sales fact the
    /// new customers' acquiring revenue and the follow-on revenue of those whose window lies inside the data. Which
    /// customers are new and mature follows from the fact's day, as for each customer (<see
    /// cref="CustomerOptions.IsNew"/>), so the counts are split by it; a count below 0, or a sum that the day says must
    /// be 0 and is not, marks a corrupt blob. The sums' arrays become the acquisitions' own.
    /// </summary>
    internal static Acquisitions FromStored(Snapshot snapshot, int[] acquired, long[] newRevenue, long[] followOn)
    {
        var (sales, organic) = (snapshot.Sales, snapshot.OrganicSales);
        var options = snapshot.CustomerOptions;
        var dataFirst = snapshot.TrackingRange?.First ?? 0;
        var matureBefore = MatureBefore(snapshot);
        var a = new Acquisitions(sales.Count, organic.Count, newRevenue, followOn);
        for (var f = 0; f < sales.Count; f++)
        {
            var (day, count) = (sales.Day[f], acquired[f]);
            var isNew = options.IsNew(day, dataFirst);
            var mature = isNew && day <= matureBefore;
            if (count < 0 || (!isNew && newRevenue[f] != 0) || (!mature && followOn[f] != 0))
            {
                throw Corrupt();
            }

            (a.New[f], a.Existing[f]) = isNew ? (count, 0) : (0, count);
            a.MatureNew[f] = mature ? count : 0;
        }

        for (var f = 0; f < organic.Count; f++)
        {
            var count = acquired[sales.Count + f] is >= 0 and var n ? n : throw Corrupt();
            (a.OrganicNew[f], a.OrganicExisting[f]) =
                options.IsNew(organic.Day[f], dataFirst) ? (count, 0) : (0, count);
        }

        return a;

        static InvalidDataException Corrupt() => new(
            "The snapshot blob counts fewer than no customers on a fact, or credits revenue to customers who cannot " +
            "have it.");
    }

    /// <summary>The last first day whose follow-on window lies inside the tracking data.</summary>
    private static int MatureBefore(Snapshot snapshot) =>
        (snapshot.TrackingRange?.Last ?? 0) - snapshot.CustomerOptions.FollowOnDays;

    private static Acquisitions Sum(Snapshot snapshot)
    {
        var c = snapshot.Customers;
        var matureBefore = MatureBefore(snapshot);
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
