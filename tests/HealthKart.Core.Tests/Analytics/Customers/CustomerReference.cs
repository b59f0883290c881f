namespace HealthKart.Core.Tests.Analytics.Customers;

/// <summary>
/// The customer rules of docs/customers.md done the plain way, straight from the tracking rows as CsvHelper read them:
/// LINQ over rows and dates, sharing no code with the engine, so agreement to the paisa means the rules agree.
/// </summary>
internal sealed class CustomerReference
{
    private readonly ILookup<string, SimulatedCustomers.Row> _byCustomer;

    public CustomerReference(SimulatedCustomers data, int historyDays = 30, int followOnDays = 90)
    {
        Data = data;
        HistoryDays = historyDays;
        FollowOnDays = followOnDays;
        DataFirst = data.Rows.Min(r => r.Date);
        DataLast = data.Rows.Max(r => r.Date);
        _byCustomer = data.Rows.Where(r => r.UserId.Length > 0).ToLookup(r => r.UserId, StringComparer.Ordinal);

        // Rule 1: the earliest date of any row with positive net orders, whatever its source.
        First = _byCustomer.Where(g => g.Any(r => r.Orders > 0)).ToDictionary(g => g.Key,
            g => g.Where(r => r.Orders > 0).Min(r => r.Date), StringComparer.Ordinal);

        // Rule 2: of the rows on that date, the highest net revenue; ties
        // by influencer ID (organic = ""), campaign, product, platform.
        Acquiring = First.ToDictionary(f => f.Key, f => _byCustomer[f.Key].Where(r => r.Date == f.Value)
            .OrderByDescending(r => r.RevenuePaise).ThenBy(r => r.InfluencerId, StringComparer.Ordinal)
            .ThenBy(r => r.Campaign, StringComparer.Ordinal)
            .ThenBy(r => r.Product, StringComparer.Ordinal).ThenBy(r => r.Platform, StringComparer.Ordinal).First(),
            StringComparer.Ordinal);
    }

    public SimulatedCustomers Data { get; }
    public int HistoryDays { get; }
    public int FollowOnDays { get; }
    public DateOnly DataFirst { get; }
    public DateOnly DataLast { get; }
    public Dictionary<string, DateOnly> First { get; }
    public Dictionary<string, SimulatedCustomers.Row> Acquiring { get; }

    /// <summary>Not first seen within the history window at the start of the data.</summary>
    public bool IsNew(string customer) => First[customer].DayNumber - DataFirst.DayNumber >= HistoryDays;

    /// <summary>The whole follow-on window (first date + 1 .. + FollowOnDays) lies inside the data.</summary>
    public bool IsMature(string customer) => First[customer].AddDays(FollowOnDays) <= DataLast;

    public long FollowOnPaise(string customer) => _byCustomer[customer]
        .Where(r => r.Date > First[customer] && r.Date <= First[customer].AddDays(FollowOnDays))
        .Sum(r => r.RevenuePaise);

    /// <summary>Days to the next date with a purchase after the first, or null.</summary>
    public int? RepeatGap(string customer) => _byCustomer[customer].Where(r => r.Orders > 0 && r.Date > First[customer])
        .Select(r => (int?)(r.Date.DayNumber - First[customer].DayNumber)).Min();

    public bool IsReturning(SimulatedCustomers.Row row) =>
        row.UserId.Length > 0 && First.TryGetValue(row.UserId, out var first) && first < row.Date;

    /// <summary>
    /// Every figure of rule 3 for one influencer (spend is the engine's allocation, which is not a customer rule).
    /// </summary>
    public (string Id, long NewCustomers, decimal NewCustomerRevenue, double? ReturningOrderShare,
        decimal FollowOnRevenue, double? ImmatureShare, decimal? CostPerNewCustomer) Influencer(string id,
            decimal spend)
    {
        var acquired = First.Keys.Where(c => IsNew(c) && Acquiring[c].InfluencerId == id).ToList();
        var attributed = Data.Rows.Where(r => r.InfluencerId == id).ToList();
        var orders = attributed.Sum(r => r.Orders);
        var returning = attributed.Where(IsReturning).Sum(r => r.Orders);
        var mature = acquired.Where(IsMature).ToList();
        return (id,
            acquired.Count,
            acquired.Sum(c => Acquiring[c].RevenuePaise) / 100m,
            orders > 0 ? Percent(returning, orders) : null,
            mature.Sum(FollowOnPaise) / 100m,
            acquired.Count > 0 ? Percent(acquired.Count - mature.Count, acquired.Count) : null,
            acquired.Count > 0 ? Math.Round(spend / acquired.Count, 2, MidpointRounding.AwayFromZero) : null);
    }

    /// <summary>Percent, four decimals, half away from zero (how every share in the API is rounded).</summary>
    public static double Percent(long part, long whole) =>
        Math.Round((double)part / whole * 100, 4, MidpointRounding.AwayFromZero);
}
