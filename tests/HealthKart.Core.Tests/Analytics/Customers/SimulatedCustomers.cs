using System.Collections.Concurrent;
using System.Globalization;
using HealthKart.Core.Analytics;
using HealthKart.Simulation;
using HealthKart.Core.Tests.Simulation;
using HealthKart.Core.Validation;

namespace HealthKart.Core.Tests.Analytics.Customers;

/// <summary>
/// A simulated dataset of 200 days as a snapshot, its tracking data split into two files at day 100 (so customers'
/// first purchases and later ones sit in different sources), plus edge rows the simulator never writes: a tie on
/// revenue between two influencers across the two files, a zero-order row out-earning the first purchase, a customer
/// with only a refund, an attributed row without a user. <see cref="Rows"/> are the tracking rows as read back with
/// CsvHelper, for the test's own recomputation.
/// </summary>
internal sealed record SimulatedCustomers(
    Snapshot Snapshot, IReadOnlyList<SnapshotSource> Sources, IReadOnlyList<SimulatedCustomers.Row> Rows,
    IReadOnlyDictionary<string, SimulatedCustomers.Profile> Influencers)
{
    public const int Days = 200;

    private static readonly ConcurrentDictionary<int, SimulatedCustomers> Cache = new();

    public sealed record Row(
        string Source, string Campaign, string InfluencerId, string UserId, string Product, string Brand, DateOnly Date,
        long Orders, long RevenuePaise, string Platform)
    {
        public bool Organic => InfluencerId.Length == 0;
    }

    public sealed record Profile(string Id, string Category, string Gender, long Followers, string Platform)
    {
        public string Tier => Followers >= 500_000 ? "Mega" : Followers >= 200_000 ? "Macro" : Followers >= 50_000
            ? "Mid" : "Micro";
    }

    public static SimulatedCustomers For(int seed) => Cache.GetOrAdd(seed, Create);

    private static SimulatedCustomers Create(int seed)
    {
        var directory = SimulatorTests.TempDirectory();
        try
        {
            var options = new SimulationOptions { Seed = seed, Influencers = 30, Days = Days };
            Simulator.Run(options, directory);
            var influencers = CsvFile.Read(Path.Combine(directory, "influencers.csv")).Rows
                .Select(r => new Profile(r["ID"], r["category"], r["gender"],
                    long.Parse(r["follower_count"], CultureInfo.InvariantCulture), r["platform"]))
                .ToDictionary(p => p.Id, StringComparer.Ordinal);

            var tracking = File.ReadAllLines(Path.Combine(directory, "tracking_data.csv"));
            var split = options.StartDate.AddDays(100).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var early = tracking.Skip(1).Where(l => string.CompareOrdinal(l.Split(',')[5], split) < 0).ToList();
            var late = tracking.Skip(1).Where(l => string.CompareOrdinal(l.Split(',')[5], split) >= 0).ToList();
            var (x, y) = (influencers.Keys.Min(StringComparer.Ordinal)!, influencers.Keys.Max(StringComparer.Ordinal)!);
            var (product, brand) = (tracking[1].Split(',')[4], tracking[1].Split(',')[8]);
            string Day(int offset) => options.StartDate.AddDays(offset).ToString("yyyy-MM-dd",
                CultureInfo.InvariantCulture);
            early.Add($"TikTok,Edge,{y},EDGE-TIE,{product},{Day(150)},1,999.00,{brand},EDGE1,completed");
            late.Add($"YouTube,Edge,{x},EDGE-TIE,{product},{Day(150)},1,999.00,{brand},EDGE2,completed");
            late.Add($"Instagram,Edge,{y},EDGE-ZERO,{product},{Day(140)},0,5000.00,{brand},EDGE3,completed");
            late.Add($"Instagram,Edge,{x},EDGE-ZERO,{product},{Day(140)},1,100.00,{brand},EDGE4,completed");
            late.Add($"Instagram,Edge,{x},EDGE-ZERO,{product},{Day(141)},1,250.00,{brand},EDGE5,completed");
            late.Add($"Instagram,Edge,{x},EDGE-REFUND,{product},{Day(120)},1,700.00,{brand},EDGE6,refunded");
            late.Add($"Instagram,Edge,{x},,{product},{Day(120)},2,1400.00,{brand},EDGE7,completed");
            File.WriteAllLines(Path.Combine(directory, "tracking_data_early.csv"), [tracking[0], .. early]);
            File.WriteAllLines(Path.Combine(directory, "tracking_data_late.csv"), [tracking[0], .. late]);

            var sources = new[] { "influencers.csv", "posts.csv", "tracking_data_early.csv", "tracking_data_late.csv",
                "payouts.csv" }.Select(name =>
            {
                using var stream = File.OpenRead(Path.Combine(directory, name));
                var outcome = UploadValidator.Validate(name, stream, ValidationContext.None);
                Assert.True(outcome.Report.Accepted, string.Join("; ", outcome.Report.Errors));
                return new SnapshotSource(name, outcome.Facts!);
            }).ToList();

            var rows = new[] { "tracking_data_early.csv", "tracking_data_late.csv" }
                .SelectMany(name => CsvFile.Read(Path.Combine(directory, name)).Rows)
                .Select(r => ReadRow(r, influencers)).ToList();
            return new SimulatedCustomers(SnapshotBuilder.Build($"customers-{seed}", sources, new AnalyticsOptions()),
                sources, rows, influencers);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Row ReadRow(Dictionary<string, string> r, Dictionary<string, Profile> influencers)
    {
        var sign = r["status"] is "refunded" or "cancelled" ? -1 : 1;
        var organic = r["influencer_id"].Length == 0
            || r["source"].Equals("organic", StringComparison.OrdinalIgnoreCase);
        var influencer = organic ? "" : r["influencer_id"];
        var platform = r["source"].Length > 0 ? r["source"] : organic ? "organic" : influencers[influencer].Platform;
        return new Row(r["source"], r["campaign"].Length == 0 ? "(none)" : r["campaign"], influencer, r["user_id"],
            r["product"], r["brand"], DateOnly.ParseExact(r["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            sign * long.Parse(r["orders"], CultureInfo.InvariantCulture),
            sign * (long)(decimal.Parse(r["revenue"], CultureInfo.InvariantCulture) * 100), platform);
    }
}
