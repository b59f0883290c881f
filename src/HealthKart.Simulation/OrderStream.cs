using System.Globalization;

namespace HealthKart.Simulation;

/// <summary>
/// Draws every order of the period, day by day and product by product, and streams it to <c>tracking_data.csv</c>.
/// Only the per-day strings and the running <see cref="SalesTally"/> stay in memory.
/// </summary>
internal static class OrderStream
{
    public const string FileName = "tracking_data.csv";
    public const string Header = "source,campaign,influencer_id,user_id,product,date,orders,revenue,brand,order_id,status";

    public const string Organic = "organic";
    public const string Completed = "completed";
    public const string Refunded = "refunded";
    public const string Cancelled = "cancelled";

    private const double RefundedShare = 0.02;
    private const double CancelledShare = 0.01;

    public static SalesTally Write(
        string path,
        SimulationOptions options,
        DemandModel demand,
        IReadOnlyList<SimulatedInfluencer> roster,
        IReadOnlyList<SimulatedPost> posts,
        Random random,
        IProgress<SimulationProgress>? progress,
        CancellationToken cancellationToken)
    {
        var catalog = ProductCatalog.Products;
        var campaigns = PostCalendar.Campaigns;
        var tally = new SalesTally(catalog.Count, roster.Count, campaigns.Count);
        var expectedRows = (long)Math.Round(demand.ExpectedRows);
        var customers = (int)Math.Clamp(expectedRows / 3, 1_000, int.MaxValue - 1);

        var unitRevenue = new long[catalog.Count * 4];
        for (var p = 0; p < catalog.Count; p++)
        {
            for (var units = 1; units <= 3; units++)
            {
                unitRevenue[p * 4 + units] = units * catalog[p].UnitPricePaise;
            }
        }

        var sources = new string[roster.Count];
        for (var i = 0; i < roster.Count; i++)
        {
            sources[i] = roster[i].Platform.ToString();
        }

        long orderNumber = 0;
        using var csv = new CsvRowWriter(path, Header);
        for (var day = 0; day < options.Days; day++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var date = options.StartDate.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            for (var p = 0; p < catalog.Count; p++)
            {
                var cell = day * catalog.Count + p;
                var reached = demand.IsReached(cell);
                var baselineOrders = 1 + random.Poisson(demand.Baseline[cell] - 1);
                var incrementalOrders = reached ? random.Poisson(demand.Incremental[cell]) : 0;
                var creditChance = demand.AttributedBaselineChance[cell];
                for (var n = 0; n < baselineOrders + incrementalOrders; n++)
                {
                    var incremental = n >= baselineOrders;
                    var credited = incremental || (n > 0 && reached && random.Chance(creditChance));
                    var post = credited ? posts[demand.CreditedPost(cell, random)] : null;
                    var units = Units(random);
                    var revenue = unitRevenue[p * 4 + units];
                    var status = Status(random);
                    var influencer = post?.Influencer ?? -1;

                    csv.Text(post is null ? Organic : sources[influencer])
                        .Text(post is null ? "" : campaigns[post.Campaign].Name)
                        .Text(post is null ? "" : roster[influencer].Id)
                        .Code("U", 1 + random.Next(customers), "D6")
                        .Text(catalog[p].Name)
                        .Text(date)
                        .Integer(units)
                        .Money(revenue)
                        .Text(catalog[p].Brand.Name)
                        .Code("ORD", ++orderNumber, "D8")
                        .Text(status)
                        .EndRow();

                    tally.Add(p, reached, influencer, post?.Campaign ?? -1, incremental, units, revenue, ReferenceEquals(status, Completed));
                }
            }

            progress?.Report(new SimulationProgress(tally.Rows, Math.Max(expectedRows, tally.Rows)));
        }

        return tally;
    }

    /// <summary>
    /// The expected net revenue of one order of a product in paise: expected units (0.72 x 1 + 0.21 x 2 + 0.07 x 3 =
    /// 1.35) at the unit price, less twice the refunded and cancelled share (such rows subtract instead of adding).
    /// </summary>
    public static double ExpectedNetRevenuePaise(Product product) =>
        product.UnitPricePaise * (0.72 + 0.21 * 2 + 0.07 * 3) * (1 - 2 * (RefundedShare + CancelledShare));

    /// <summary>Units in one order: mostly one, sometimes two or three.</summary>
    private static int Units(Random random)
    {
        var u = random.NextDouble();
        return u < 0.72 ? 1 : u < 0.93 ? 2 : 3;
    }

    private static string Status(Random random)
    {
        var u = random.NextDouble();
        return u < CancelledShare ? Cancelled : u < CancelledShare + RefundedShare ? Refunded : Completed;
    }
}
