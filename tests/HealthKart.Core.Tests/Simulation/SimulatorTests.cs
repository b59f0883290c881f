using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using HealthKart.Simulation;

namespace HealthKart.Core.Tests.Simulation;

/// <summary>
/// Runs the default simulation once into a temporary directory shared by the tests that only read it.
/// </summary>
public sealed class DefaultSimulation : IDisposable
{
    public DefaultSimulation()
    {
        Directory = SimulatorTests.TempDirectory();
        Result = Simulator.Run(new SimulationOptions(), Directory);
        Influencers = CsvFile.Read(Path.Combine(Directory, "influencers.csv"));
        Posts = CsvFile.Read(Path.Combine(Directory, "posts.csv"));
        Tracking = CsvFile.Read(Path.Combine(Directory, "tracking_data.csv"));
        Payouts = CsvFile.Read(Path.Combine(Directory, "payouts.csv"));
    }

    public string Directory { get; }

    public SimulationResult Result { get; }

    public CsvFile Influencers { get; }

    public CsvFile Posts { get; }

    public CsvFile Tracking { get; }

    public CsvFile Payouts { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

/// <summary>A CSV read back with CsvHelper, independently of the simulator's writer.</summary>
public sealed record CsvFile(string HeaderLine, IReadOnlyList<string> Header,
    IReadOnlyList<Dictionary<string, string>> Rows)
{
    public static CsvFile Read(string path)
    {
        var headerLine = File.ReadLines(path).First();
        using var reader = new StreamReader(path, new UTF8Encoding(false));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var column in header)
            {
                row[column] = csv.GetField(column)!;
            }

            rows.Add(row);
        }

        return new CsvFile(headerLine, header, rows);
    }
}

public sealed class SimulatorTests(DefaultSimulation sample) : IClassFixture<DefaultSimulation>
{
    private static readonly string[] FileNames = ["influencers.csv", "posts.csv", "tracking_data.csv", "payouts.csv",
        "ground_truth.json"];
    private static readonly DateOnly Start = new(2025, 6, 1);
    private static readonly DateOnly End = new(2025, 8, 29);

    internal static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "hk-simulation-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    [Fact]
    public void Same_seed_writes_byte_identical_files()
    {
        var again = TempDirectory();
        try
        {
            Simulator.Run(new SimulationOptions(), again);
            foreach (var name in FileNames)
            {
                Assert.True(
                    File.ReadAllBytes(Path.Combine(sample.Directory, name)).AsSpan()
                        .SequenceEqual(File.ReadAllBytes(Path.Combine(again, name))),
                    $"{name} differs between two runs with the same seed");
            }
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
    }

    [Fact]
    public void Different_seed_writes_different_files()
    {
        var other = TempDirectory();
        try
        {
            Simulator.Run(new SimulationOptions { Seed = 43 }, other);
            foreach (var name in FileNames)
            {
                Assert.False(
                    File.ReadAllBytes(Path.Combine(sample.Directory, name)).AsSpan()
                        .SequenceEqual(File.ReadAllBytes(Path.Combine(other, name))),
                    $"{name} is the same for seeds 42 and 43");
            }
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public void Files_have_the_contract_headers_without_bom()
    {
        Assert.Equal("ID,name,category,gender,follower_count,platform,brand_fit", sample.Influencers.HeaderLine);
        Assert.Equal("post_id,influencer_id,platform,date,URL,caption,reach,likes,comments,campaign,product",
            sample.Posts.HeaderLine);
        Assert.Equal("source,campaign,influencer_id,user_id,product,date,orders,revenue,brand,order_id,status",
            sample.Tracking.HeaderLine);
        Assert.Equal("influencer_id,basis,rate,orders,total_payout,date,campaign", sample.Payouts.HeaderLine);
        foreach (var name in FileNames)
        {
            var bytes = File.ReadAllBytes(Path.Combine(sample.Directory, name));
            Assert.False(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), $"{name} starts with a BOM");
        }
    }

    [Fact]
    public void Default_size_is_about_the_original_sample()
    {
        Assert.Equal(50, sample.Influencers.Rows.Count);
        Assert.InRange(sample.Posts.Rows.Count, 150, 260);
        Assert.InRange(sample.Tracking.Rows.Count, 1_000, 5_000);
        Assert.InRange(sample.Payouts.Rows.Count, 40, 90);
        Assert.Equal(sample.Tracking.Rows.Count, sample.Result.RowsOf("tracking_data.csv"));
        Assert.Equal(sample.Posts.Rows.Count, sample.Result.RowsOf("posts.csv"));
        Assert.Equal(sample.Payouts.Rows.Count, sample.Result.RowsOf("payouts.csv"));
    }

    [Fact]
    public void Influencers_are_valid_and_span_every_follower_tier()
    {
        string[] categories = ["Fitness", "Nutrition", "Lifestyle", "Bodybuilding", "Yoga", "Health"];
        var tiers = new HashSet<string>();
        foreach (var row in sample.Influencers.Rows)
        {
            Assert.Matches(@"^INF\d{3}$", row["ID"]);
            Assert.False(string.IsNullOrWhiteSpace(row["name"]));
            Assert.Contains(row["category"], categories);
            Assert.Contains(row["gender"], new[] { "Male", "Female", "Other" });
            Assert.Contains(row["platform"], new[] { "Instagram", "YouTube", "Twitter", "TikTok" });
            Assert.Matches(@"^(0|1)\.\d{2}$", row["brand_fit"]);
            Assert.InRange(double.Parse(row["brand_fit"], CultureInfo.InvariantCulture), 0, 1);
            Assert.Matches(@"^\d+$", row["follower_count"]);
            var followers = long.Parse(row["follower_count"], CultureInfo.InvariantCulture);
            tiers.Add(followers switch { < 50_000 => "Micro", < 200_000 => "Mid", < 500_000 => "Macro", _ => "Mega" });
        }

        Assert.Equal(sample.Influencers.Rows.Count, sample.Influencers.Rows.Select(r => r["ID"]).Distinct().Count());
        Assert.Equal(4, tiers.Count);
    }

    [Fact]
    public void Posts_engagement_stays_within_reach_and_reach_within_followers()
    {
        var influencers = sample.Influencers.Rows.ToDictionary(r => r["ID"]);
        foreach (var post in sample.Posts.Rows)
        {
            var reach = long.Parse(post["reach"], CultureInfo.InvariantCulture);
            var likes = long.Parse(post["likes"], CultureInfo.InvariantCulture);
            var comments = long.Parse(post["comments"], CultureInfo.InvariantCulture);
            Assert.True(likes >= 0 && comments >= 0 && likes + comments <= reach,
                $"{post["post_id"]}: likes + comments above reach");

            Assert.True(influencers.TryGetValue(post["influencer_id"], out var influencer),
                $"{post["post_id"]}: unknown influencer");
            var followers = long.Parse(influencer!["follower_count"], CultureInfo.InvariantCulture);
            Assert.True(reach <= followers, $"{post["post_id"]}: reach {reach} above {followers} followers");
            // Reach is 5-40 % of followers, give or take rounding to whole people.
            Assert.InRange(reach, (long)Math.Floor(followers * 0.05) - 1, (long)Math.Ceiling(followers * 0.40) + 1);
            Assert.Equal(influencer["platform"], post["platform"]);
        }
    }

    [Fact]
    public void Posts_have_unique_platform_urls_brand_campaigns_and_quoted_captions()
    {
        var hosts = new Dictionary<string, string>
        {
            ["Instagram"] = "https://www.instagram.com/p/",
            ["YouTube"] = "https://www.youtube.com/watch?v=",
            ["Twitter"] = "https://x.com/",
            ["TikTok"] = "https://www.tiktok.com/@",
        };
        var campaignPrefix = new Dictionary<string, string>
        {
            ["MuscleBlaze"] = "MB-",
            ["HKVitals"] = "HKV-",
            ["Gritzo"] = "Gritzo-"
        };
        var brands = ProductCatalog.Products.ToDictionary(p => p.Name, p => p.Brand.Name);

        Assert.Equal(sample.Posts.Rows.Count, sample.Posts.Rows.Select(p => p["URL"]).Distinct().Count());
        Assert.Equal(sample.Posts.Rows.Count, sample.Posts.Rows.Select(p => p["post_id"]).Distinct().Count());
        foreach (var post in sample.Posts.Rows)
        {
            Assert.StartsWith(hosts[post["platform"]], post["URL"], StringComparison.Ordinal);
            Assert.True(brands.TryGetValue(post["product"], out var brand), $"unknown product {post["product"]}");
            Assert.StartsWith(campaignPrefix[brand!], post["campaign"], StringComparison.Ordinal);
            Assert.Contains(post["product"], post["caption"], StringComparison.Ordinal);
            AssertIsoDateInRange(post["date"], Start, End);
        }

        // Commas and quotes in captions survive the round trip, so the quoting works.
        Assert.Contains(sample.Posts.Rows, p => p["caption"].Contains(',', StringComparison.Ordinal));
        Assert.Contains(sample.Posts.Rows, p => p["caption"].Contains('"', StringComparison.Ordinal));
    }

    [Fact]
    public void Tracking_rows_are_credited_to_known_influencers_or_organic()
    {
        var influencers = sample.Influencers.Rows.ToDictionary(r => r["ID"], r => r["platform"]);
        var organic = 0;
        foreach (var row in sample.Tracking.Rows)
        {
            if (row["source"] == "organic")
            {
                organic++;
                Assert.Equal("", row["influencer_id"]);
                Assert.Equal("", row["campaign"]);
            }
            else
            {
                Assert.True(influencers.TryGetValue(row["influencer_id"], out var platform),
                    $"{row["order_id"]}: unknown influencer");
                Assert.Equal(platform, row["source"]);
                Assert.NotEqual("", row["campaign"]);
            }
        }

        Assert.InRange(organic, 1, sample.Tracking.Rows.Count - 1);
    }

    [Fact]
    public void Tracking_revenue_is_orders_times_unit_price_exactly()
    {
        var prices = ProductCatalog.Products.ToDictionary(p => p.Name, p => p.UnitPrice);
        Assert.Equal(2_899m, prices["MuscleBlaze Biozyme Performance Whey Protein 1kg"]);
        Assert.Equal(599m, prices["HKVitals Multivitamin 60 Tablets"]);
        var brands = ProductCatalog.Products.ToDictionary(p => p.Name, p => p.Brand.Name);
        foreach (var row in sample.Tracking.Rows)
        {
            Assert.Matches(@"^[1-3]$", row["orders"]);
            Assert.Matches(@"^\d+\.\d{2}$", row["revenue"]);
            var orders = int.Parse(row["orders"], CultureInfo.InvariantCulture);
            var revenue = decimal.Parse(row["revenue"], CultureInfo.InvariantCulture);
            Assert.Equal(orders * prices[row["product"]], revenue);
            Assert.Equal(brands[row["product"]], row["brand"]);
        }
    }

    [Fact]
    public void Tracking_ids_statuses_and_dates_are_well_formed()
    {
        var rows = sample.Tracking.Rows;
        Assert.Equal(rows.Count, rows.Select(r => r["order_id"]).Distinct().Count());
        foreach (var row in rows)
        {
            Assert.Matches(@"^U\d{6,}$", row["user_id"]);
            Assert.Contains(row["status"], new[] { "completed", "refunded", "cancelled" });
            AssertIsoDateInRange(row["date"], Start, End);
        }

        var completed = rows.Count(r => r["status"] == "completed") / (double)rows.Count;
        var refunded = rows.Count(r => r["status"] == "refunded") / (double)rows.Count;
        Assert.InRange(completed, 0.94, 0.995);
        Assert.InRange(refunded, 0.005, 0.04);
    }

    [Fact]
    public void Every_product_sells_organically_every_day()
    {
        var organicDays = sample.Tracking.Rows
            .Where(r => r["source"] == "organic")
            .Select(r => (r["product"], r["date"]))
            .ToHashSet();
        Assert.Equal(ProductCatalog.Products.Count * 90, organicDays.Count);
    }

    [Fact]
    public void Payout_totals_follow_their_basis()
    {
        var postsPerInfluencer = sample.Posts.Rows.GroupBy(p => p["influencer_id"]).ToDictionary(g => g.Key,
            g => g.Count());
        var attributedOrders = sample.Tracking.Rows
            .Where(r => r["source"] != "organic" && r["status"] == "completed")
            .GroupBy(r => (r["influencer_id"], r["campaign"]))
            .ToDictionary(g => g.Key, g => g.Sum(r => int.Parse(r["orders"], CultureInfo.InvariantCulture)));
        var known = sample.Influencers.Rows.Select(r => r["ID"]).ToHashSet();

        foreach (var row in sample.Payouts.Rows)
        {
            Assert.Contains(row["influencer_id"], known);
            Assert.Matches(@"^\d+\.\d{2}$", row["rate"]);
            Assert.Matches(@"^\d+\.\d{2}$", row["total_payout"]);
            // A row pays for its whole campaign: a date would restrict its spend to one month
            // (docs/metrics.md#what-a-payout-row-may-be-spread-over).
            Assert.Equal("", row["date"]);
            var rate = decimal.Parse(row["rate"], CultureInfo.InvariantCulture);
            var orders = long.Parse(row["orders"], CultureInfo.InvariantCulture);
            var total = decimal.Parse(row["total_payout"], CultureInfo.InvariantCulture);
            if (row["basis"] == "order")
            {
                Assert.InRange(rate, 50m, 300m);
                Assert.Equal(rate * orders, total);
                Assert.Equal(attributedOrders[(row["influencer_id"], row["campaign"])], orders);
            }
            else
            {
                Assert.Equal("post", row["basis"]);
                Assert.InRange(rate, 2_000m, 50_000m);
                Assert.Equal(0, orders);
            }
        }

        foreach (var paidPerPost in sample.Payouts.Rows.Where(r => r["basis"] == "post")
            .GroupBy(r => r["influencer_id"]))
        {
            var rate = decimal.Parse(paidPerPost.Select(r => r["rate"]).Distinct().Single(),
                CultureInfo.InvariantCulture);
            var total = paidPerPost.Sum(r => decimal.Parse(r["total_payout"], CultureInfo.InvariantCulture));
            Assert.Equal(rate * postsPerInfluencer[paidPerPost.Key], total);
        }

        var paid = sample.Payouts.Rows.Select(r => r["influencer_id"]).ToHashSet();
        Assert.Contains(sample.Payouts.Rows.GroupBy(r => (r["influencer_id"], r["basis"])), g => g.Key.Item2 == "order"
            && g.Count() >= 2);
        Assert.InRange(known.Count - paid.Count, 1, 10);
    }

    [Fact]
    public void Ground_truth_adds_up_with_the_tracking_file()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(sample.Directory, "ground_truth.json")));
        var root = json.RootElement;
        Assert.Equal(42, root.GetProperty("seed").GetInt32());
        Assert.Equal(0.3, root.GetProperty("options").GetProperty("true_lift").GetDouble());

        // Net, as the analytics count it: a refunded or cancelled row subtracts its revenue.
        static decimal Net(Dictionary<string, string> r) =>
            (r["status"] == "completed" ? 1 : -1) * decimal.Parse(r["revenue"], CultureInfo.InvariantCulture);
        var netRevenue = sample.Tracking.Rows.Sum(Net);
        var attributedRevenue = sample.Tracking.Rows.Where(r => r["source"] != "organic").Sum(Net);
        var counterfactual = root.GetProperty("counterfactual_revenue").GetDecimal();
        var incremental = root.GetProperty("true_incremental_revenue").GetDecimal();

        Assert.Equal(netRevenue, root.GetProperty("revenue_with_posts").GetDecimal());
        Assert.Equal(netRevenue, counterfactual + incremental);
        Assert.Equal(attributedRevenue, root.GetProperty("attributed_revenue").GetDecimal());
        Assert.True(incremental > 0 && incremental < attributedRevenue,
            "attribution should overstate the true incremental revenue");
        Assert.Equal(incremental, root.GetProperty("products").EnumerateArray()
            .Sum(p => p.GetProperty("true_incremental_revenue").GetDecimal()));
        Assert.Equal(incremental, root.GetProperty("influencers").EnumerateArray()
            .Sum(p => p.GetProperty("true_incremental_revenue").GetDecimal()));
        Assert.Equal(
            sample.Payouts.Rows.Sum(r => decimal.Parse(r["total_payout"], CultureInfo.InvariantCulture)),
            root.GetProperty("influencers").EnumerateArray().Sum(p => p.GetProperty("payout").GetDecimal()));
    }

    [Fact]
    public void Tracking_rows_land_near_the_requested_scale_and_lift_near_the_true_lift()
    {
        var directory = TempDirectory();
        try
        {
            var result = Simulator.Run(new SimulationOptions { TrackingRows = 300_000 }, directory);
            var lines = File.ReadLines(Path.Combine(directory, "tracking_data.csv")).LongCount() - 1;
            Assert.Equal(result.RowsOf("tracking_data.csv"), lines);
            Assert.InRange(lines, 285_000, 315_000);
            Assert.InRange(result.GroundTruth.LiftOnReachedDays, 0.27, 0.33);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Zero_true_lift_only_relabels_baseline_sales()
    {
        var directory = TempDirectory();
        try
        {
            Simulator.Run(new SimulationOptions { TrueLift = 0 }, directory);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "ground_truth.json")));
            Assert.Equal(0m, json.RootElement.GetProperty("true_incremental_revenue").GetDecimal());
            Assert.Contains(CsvFile.Read(Path.Combine(directory, "tracking_data.csv")).Rows,
                r => r["source"] != "organic");
            Assert.True(json.RootElement.GetProperty("attributed_revenue").GetDecimal() > 0);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(0, 90, 0.3)]
    [InlineData(50, 0, 0.3)]
    [InlineData(50, 90, -0.1)]
    public void Invalid_options_are_refused(int influencers, int days, double trueLift)
    {
        var options = new SimulationOptions { Influencers = influencers, Days = days, TrueLift = trueLift };
        Assert.Throws<InvalidSimulationOption>(() =>
            Simulator.Run(options, Path.Combine(Path.GetTempPath(), "hk-never-written")));
    }

    private static DateOnly AssertIsoDateInRange(string text, DateOnly first, DateOnly last)
    {
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", text);
        var date = DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.InRange(date, first, last);
        return date;
    }
}
