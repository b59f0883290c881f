namespace HealthKart.Core.Analytics.Lift;

/// <summary>
/// Every product's daily series over the snapshot's days: total revenue (influencer-attributed plus organic, net, in
/// rupees), organic revenue, and posting activity. Activity is the sum over the day's posts of the square root of their
/// reach: more people reached sell more, with diminishing returns. A post that names no product counts for the products
/// its influencer sold, in proportion to that influencer's attributed revenue.
/// </summary>
internal sealed class ProductDays
{
    private ProductDays(int firstDay, int days, int products)
    {
        FirstDay = firstDay;
        Days = days;
        Products = products;
        Total = new double[days * products];
        Organic = new double[days * products];
        Activity = new double[days * products];
    }

    public int FirstDay { get; }

    public int Days { get; }

    public int Products { get; }

    public double[] Total { get; }

    public double[] Organic { get; }

    public double[] Activity { get; }

    public int Cell(int product, int day) => product * Days + day;

    /// <summary>
    /// One product's days of a series (<see cref="Total"/>, <see cref="Organic"/> or <see cref="Activity"/>).
    /// </summary>
    public ReadOnlySpan<double> Of(double[] series, int product) => series.AsSpan(product * Days, Days);

    public bool Posted(int product) => Of(Activity, product).ContainsAnyExcept(0.0);

    public int OrganicDays(int product)
    {
        var days = 0;
        foreach (var revenue in Of(Organic, product))
        {
            days += revenue > 0 ? 1 : 0;
        }

        return days;
    }

    /// <summary>
    /// Organic sales on at least half the days: otherwise total revenue, and so a baseline, is unknown.
    /// </summary>
    public bool HasOrganicBaseline(int product) => OrganicDays(product) * 2 >= Days;

    public static ProductDays From(Snapshot snapshot)
    {
        var (first, last) = snapshot.DayRange ?? (0, -1);
        var series = new ProductDays(first, last - first + 1, snapshot.Products.Count);
        series.AddSales(snapshot.Sales, organic: false);
        series.AddSales(snapshot.OrganicSales, organic: true);
        series.AddPosts(snapshot);
        return series;
    }

    private void AddSales(SalesColumns sales, bool organic)
    {
        for (var i = 0; i < sales.Count; i++)
        {
            var cell = Cell(sales.Product[i], sales.Day[i] - FirstDay);
            var rupees = sales.Revenue[i] / 100.0;
            Total[cell] += rupees;
            Organic[cell] += organic ? rupees : 0;
        }
    }

    private void AddPosts(Snapshot snapshot)
    {
        var posts = snapshot.Posts;
        var none = snapshot.Products.Find(Snapshot.None);
        Dictionary<int, (int Product, double Share)[]>? mixes = null;
        for (var i = 0; i < posts.Count; i++)
        {
            var activity = posts.Posts[i] * Math.Sqrt(posts.Reach[i] / (double)Math.Max(1, posts.Posts[i]));
            var day = posts.Day[i] - FirstDay;
            if (posts.Product[i] != none)
            {
                Activity[Cell(posts.Product[i], day)] += activity;
                continue;
            }

            mixes ??= ProductMixes(snapshot.Sales);
            if (mixes.TryGetValue(posts.Influencer[i], out var mix))
            {
                foreach (var (product, share) in mix)
                {
                    Activity[Cell(product, day)] += activity * share;
                }
            }
        }
    }

    /// <summary>Each influencer's attributed revenue by product, as shares.</summary>
    private static Dictionary<int, (int Product, double Share)[]> ProductMixes(SalesColumns sales)
    {
        var revenue = new Dictionary<(int Influencer, int Product), long>();
        for (var i = 0; i < sales.Count; i++)
        {
            var key = (sales.Influencer[i], sales.Product[i]);
            revenue[key] = revenue.GetValueOrDefault(key) + sales.Revenue[i];
        }

        return revenue.Where(r => r.Value > 0).GroupBy(r => r.Key.Influencer).ToDictionary(
            g => g.Key,
            g =>
            {
                var total = (double)g.Sum(r => r.Value);
                return g.Select(r => (r.Key.Product, r.Value / total)).ToArray();
            });
    }
}
