namespace HealthKart.Core.Analytics.Customers;

/// <summary>
/// Who the customers first seen in a selection are: acquired by influencers, organic, or existing-or-unknown (first
/// seen in the history window, so perhaps not new). They add up to <see cref="FirstSeen"/>.
/// </summary>
public sealed record CustomerCounts(long FirstSeen, long ByInfluencers, long Organic, long ExistingOrUnknown);

/// <summary>
/// One month's acquisition cohort: new customers by influencers and organic, and the percent of each who bought again
/// within 30, 60 and 90 days, among those whose window lies inside the data (null when none does yet).
/// </summary>
public sealed record CustomerCohort(DateOnly Month)
{
    public long InfluencerCustomers { get; init; }
    public long OrganicCustomers { get; init; }
    public long ExistingOrUnknownCustomers { get; init; }
    public double? InfluencerRepeat30 { get; init; }
    public double? InfluencerRepeat60 { get; init; }
    public double? InfluencerRepeat90 { get; init; }
    public double? OrganicRepeat30 { get; init; }
    public double? OrganicRepeat60 { get; init; }
    public double? OrganicRepeat90 { get; init; }
}

/// <summary>
/// The <c>customers</c> view: monthly cohorts by first purchase date, the totals, and the windows used.
/// </summary>
public sealed record CustomersView(
    IReadOnlyList<CustomerCohort> Items, CustomerCounts Totals, int HistoryDays, int FollowOnDays,
    string DatasetVersion, IncrementalityInfo Incrementality);

/// <summary>
/// Acquisition cohorts and customer counts of a <see cref="Selection"/> (rules in docs/customers.md).
/// </summary>
public static class CustomerCohorts
{
    private static readonly int[] RepeatWindows = [30, 60, 90];

    public static CustomerCounts Count(Selection selection)
    {
        var a = Acquisitions.Of(selection.Snapshot);
        long influencers = 0, organic = 0, existing = 0;
        foreach (var i in selection.Sales)
        {
            influencers += a.New[i];
            existing += a.Existing[i];
        }

        foreach (var i in selection.OrganicSales)
        {
            organic += a.OrganicNew[i];
            existing += a.OrganicExisting[i];
        }

        return new CustomerCounts(influencers + organic + existing, influencers, organic, existing);
    }

    public static CustomersView View(Selection selection)
    {
        var snapshot = selection.Snapshot;
        var c = snapshot.Customers;
        var last = snapshot.TrackingRange?.Last ?? 0;
        var months = new SortedDictionary<DateOnly, Cohort>();
        foreach (var i in selection.Customers)
        {
            var month = AnalyticsEngine.PeriodStart(DateOnly.FromDayNumber(c.FirstDay[i]), Granularity.Month);
            if (!months.TryGetValue(month, out var cohort))
            {
                months.Add(month, cohort = new Cohort());
            }

            if (!c.New[i])
            {
                cohort.Existing++;
                continue;
            }

            var group = c.Sale[i] >= 0 ? cohort.Influencer : cohort.Organic;
            group.Customers++;
            for (var w = 0; w < RepeatWindows.Length; w++)
            {
                if (c.FirstDay[i] + RepeatWindows[w] <= last)
                {
                    group.Mature[w]++;
                    group.Repeated[w] += c.RepeatGap[i] <= RepeatWindows[w] ? 1 : 0;
                }
            }
        }

        var items = months.Select(m => new CustomerCohort(m.Key)
        {
            InfluencerCustomers = m.Value.Influencer.Customers,
            OrganicCustomers = m.Value.Organic.Customers,
            ExistingOrUnknownCustomers = m.Value.Existing,
            InfluencerRepeat30 = m.Value.Influencer.Share(0),
            InfluencerRepeat60 = m.Value.Influencer.Share(1),
            InfluencerRepeat90 = m.Value.Influencer.Share(2),
            OrganicRepeat30 = m.Value.Organic.Share(0),
            OrganicRepeat60 = m.Value.Organic.Share(1),
            OrganicRepeat90 = m.Value.Organic.Share(2),
        }).ToList();
        return new CustomersView(items, Count(selection), snapshot.CustomerOptions.HistoryDays,
            snapshot.CustomerOptions.FollowOnDays, snapshot.DatasetVersion, Incrementality.Describe(selection));
    }

    private sealed class Cohort
    {
        public Group Influencer { get; } = new();
        public Group Organic { get; } = new();
        public long Existing { get; set; }
    }

    private sealed class Group
    {
        public long Customers { get; set; }
        public long[] Mature { get; } = new long[RepeatWindows.Length];
        public long[] Repeated { get; } = new long[RepeatWindows.Length];

        public double? Share(int window) => Mature[window] == 0
            ? null : Kpis.Round((double)Repeated[window] / Mature[window] * 100);
    }
}
