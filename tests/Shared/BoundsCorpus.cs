using System.Globalization;
using System.Text;
using static HealthKart.Tests.Shared.MalformedCorpus;

namespace HealthKart.Tests.Shared;

/// <summary>
/// A file the validator must accept: values at the very edges of their domains. Its influencer revenue and orders are
/// summed here from the text, independently of the engine, so a test can compare the API's totals with them.
/// </summary>
public sealed record EdgeFile(string Name, string FileName, byte[] Content)
{
    public override string ToString() => Name;

    /// <summary>
    /// Net influencer (non-organic) revenue in rupees and orders, read from the CSV text with decimal arithmetic.
    /// </summary>
    public (decimal Revenue, decimal Orders) IndependentTotals()
    {
        decimal revenue = 0, orders = 0;
        var lines = Encoding.UTF8.GetString(Content).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            if (fields[Column("source")] == "organic" || fields[Column("influencer_id")].Length == 0)
            {
                continue;
            }

            var sign = Column("status") >= 0 && fields[Column("status")] is "refunded" or "cancelled" ? -1 : 1;
            revenue += sign * decimal.Parse(fields[Column("revenue")], CultureInfo.InvariantCulture);
            orders += sign * decimal.Parse(fields[Column("orders")], CultureInfo.InvariantCulture);
        }

        return (revenue, orders);
    }
}

/// <summary>
/// Generates the bounds corpus: one file per way a value can leave its domain (docs/data-contract.md#value-domains,
/// docs/reliability.md#the-domain-of-every-value), each a valid file of <see cref="MalformedCorpus"/> with one value
/// pushed past its bound, plus the edge files that must still be accepted. Built by code rather than kept as files, so
/// the sizes (thousands of rows that add up past 2^31) cost nothing in the repository, and every expectation sits
/// beside the value that causes it.
/// </summary>
public static class BoundsCorpus
{
    private const string Sale = "Instagram,Monsoon Muscle,INF001,U1001,MuscleBlaze Whey Protein";

    public static IEnumerable<MalformedFile> Rejected
    {
        get
        {
            // Counts and amounts past their maximum: each was accepted and broke every view (an order count of 2^31
            // overflowed the snapshot's column; amounts that passed one by one summed past 64 bits).
            yield return Tracking("orders-of-two-to-the-31", 2, "orders", "from 0 to 10,00,000",
                $"{Sale},2025-07-01,2147483648,100.00");
            yield return Tracking("orders-just-over-the-bound", 2, "orders", "from 0 to 10,00,000",
                $"{Sale},2025-07-01,1000001,100.00");
            yield return Tracking("revenue-just-over-ten-crore", 2, "revenue", "from 0 to 10,00,00,000 rupees",
                $"{Sale},2025-07-01,1,100000000.01");
            yield return Tracking("revenue-of-fifteen-digits", 2, "revenue", "from 0 to 10,00,00,000 rupees",
                $"{Sale},2025-07-01,1,999999999999999.99");
            yield return Row("follower-count-over-ten-billion", "influencers.csv", InfluencersHeader, 2,
                "follower_count", "from 0 to 10,00,00,00,000", "INF001,Asha Rao,Fitness,Female,10000000001,Instagram");
            yield return Row("reach-over-ten-billion", "posts.csv", PostsHeader, 2, "reach",
                "from 0 to 10,00,00,00,000",
                "INF001,Instagram,2025-07-01,https://instagram.com/p/a1,Shake,10000000001,1,1");
            yield return Row("likes-of-nineteen-digits", "posts.csv", PostsHeader, 2, "likes", "too large",
                "INF001,Instagram,2025-07-01,https://instagram.com/p/a1,Shake,100,9223372036854775807,1");
            yield return Row("payout-over-ten-crore", "payouts.csv", PayoutsHeader, 2, "total_payout",
                "from 0 to 10,00,00,000 rupees", "INF001,post,15000,0,100000000.01");
            yield return Row("payout-rate-over-ten-crore", "payouts.csv", PayoutsHeader, 2, "rate",
                "from 0 to 10,00,00,000 rupees", "INF001,order,100000001,1,15000");
            yield return Row("payout-orders-over-the-bound", "payouts.csv", PayoutsHeader, 2, "orders",
                "from 0 to 10,00,000", "INF001,order,1,2147483648,15000");

            // Rows each within bounds whose sum for one day and influencer passes what a fact holds: 2,148 rows of a
            // million orders are 2,148,000,000 > 2,147,483,647 (int.MaxValue), first reached on row 2,148 + 1 = 2,149.
            yield return new MalformedFile("orders-summing-past-two-to-the-31", "tracking_data.csv",
                Bytes(Lines([TrackingHeader, .. Enumerable.Repeat($"{Sale},2025-07-01,1000000,1.00", 2_148)])), 2_149,
                null, "more orders than one day can hold");

            // Amounts are not rounded.
            yield return Tracking("revenue-with-three-decimals", 2, "revenue", "more than two decimals",
                $"{Sale},2025-07-01,1,100.005");
            yield return Row("payout-with-four-decimals", "payouts.csv", PayoutsHeader, 2, "total_payout",
                "more than two decimals", "INF001,post,15000,0,15000.0001");

            // Dates outside the business window, and the date-time that crashed the validator.
            yield return Tracking("date-in-year-one", 2, "date", "outside the accepted dates 1 Jan 2000 to 31 Dec 2099",
                $"{Sale},0001-01-01,1,100.00");
            yield return Tracking("date-in-year-9999", 2, "date", "outside the accepted dates",
                $"{Sale},9999-12-31,1,100.00");
            yield return Tracking("date-the-day-before-the-window", 2, "date", "outside the accepted dates",
                $"{Sale},1999-12-31,1,100.00");
            yield return Tracking("date-the-day-after-the-window", 2, "date", "outside the accepted dates",
                $"{Sale},2100-01-01,1,100.00");
            yield return Tracking("date-time-at-the-end-of-9999", 2, "date", "falls after 9999-12-31",
                $"{Sale},9999-12-31T23:00:00Z,1,100.00");
            yield return Row("post-dated-in-year-one", "posts.csv", PostsHeader, 2, "date",
                "outside the accepted dates", "INF001,Instagram,0001-01-01,https://instagram.com/p/a1,Shake,100,1,1");
            yield return Row("payout-dated-in-2150", "payouts.csv", PayoutsHeader + ",date", 2, "date",
                "outside the accepted dates", "INF001,post,15000,0,15000,2150-01-01");

            // Control characters and stray byte-order marks inside values: they were stored in IDs and keys.
            yield return Tracking("control-character-in-influencer-id", 2, "influencer_id", "control character U+0001",
                "Instagram,Monsoon Muscle,INF\u0001001,U1001,MuscleBlaze Whey Protein,2025-07-01,1,100.00");
            yield return Tracking("escape-in-user-id", 2, "user_id", "control character U+001B",
                "Instagram,Monsoon Muscle,INF001,U\u001b[31m1001,MuscleBlaze Whey Protein,2025-07-01,1,100.00");
            yield return Tracking("delete-character-in-campaign", 2, "campaign", "control character U+007F",
                "Instagram,Monsoon\u007fMuscle,INF001,U1001,MuscleBlaze Whey Protein,2025-07-01,1,100.00");
            yield return Tracking("c1-control-in-product", 2, "product", "control character U+0085",
                "Instagram,Monsoon Muscle,INF001,U1001,MuscleBlaze\u0085Whey,2025-07-01,1,100.00");
            yield return Tracking("line-break-in-a-quoted-campaign", 2, "campaign", "control character U+000A",
                "Instagram,\"Monsoon\nMuscle\",INF001,U1001,MuscleBlaze Whey Protein,2025-07-01,1,100.00");
            yield return Tracking("tab-in-influencer-id", 2, "influencer_id", "control character U+0009",
                "Instagram,Monsoon Muscle,INF\t001,U1001,MuscleBlaze Whey Protein,2025-07-01,1,100.00");
            yield return Tracking("bom-in-the-middle-of-the-file", 3, "source", "byte-order mark",
                $"{Sale},2025-07-01,1,100.00", $"\uFEFF{Sale},2025-07-02,1,100.00");
            yield return Tracking("bom-inside-an-id", 2, "influencer_id", "byte-order mark",
                "Instagram,Monsoon Muscle,INF\uFEFF001,U1001,MuscleBlaze Whey Protein,2025-07-01,1,100.00");
        }
    }

    /// <summary>
    /// Files at the edges that must be accepted, each under a name of its own so they append: ten rows of ₹10 crore,
    /// ten rows of a million orders, the first and last days of the window, and zeros past the paise.
    /// </summary>
    public static IEnumerable<EdgeFile> Accepted
    {
        get
        {
            yield return Edge("largest-amounts",
                Enumerable.Range(1, 10).Select(day => $"{Sale},2025-07-{day:D2},1,100000000.00"));
            yield return Edge("largest-order-counts",
                Enumerable.Range(1, 10).Select(day => $"{Sale},2025-08-{day:D2},1000000,1.00"));
            yield return Edge("first-and-last-day-of-the-window",
                [$"{Sale},2000-01-01,1,10.00", $"{Sale},2099-12-31,1,20.00"]);
            yield return Edge("zeros-past-the-paise",
                [$"{Sale},2025-09-01,1,100.500", $"{Sale},2025-09-02,1,0.1000000000000000000000"]);
        }
    }

    private static MalformedFile Tracking(string name, long row, string? column, string reason, params string[] rows) =>
        Row(name, "tracking_data.csv", TrackingHeader, row, column, reason, rows);

    private static MalformedFile Row(string name, string fileName, string header, long row, string? column,
        string reason, params string[] rows) =>
        new(name, fileName, Bytes(Lines([header, .. rows])), row, column, reason);

    private static EdgeFile Edge(string name, IEnumerable<string> rows) =>
        new(name, $"tracking_data/{name}.csv", Bytes(Lines([TrackingHeader, .. rows])));

    private static string Lines(IEnumerable<string> lines) => string.Join("\n", lines) + "\n";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
