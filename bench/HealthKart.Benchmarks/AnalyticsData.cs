using HealthKart.Core.Analytics;
using HealthKart.Core.Facts;
using HealthKart.Core.Validation;
using HealthKart.Simulation;

namespace HealthKart.Benchmarks;

/// <summary>
/// The simulated year the analytics benchmarks run on, at the design scale (docs/README.md#the-scale-it-is-built-for:
/// 5,000 influencers, ~500K posts a year), with N tracking rows. Each file goes through the app's own validation (<see
/// cref="UploadValidator"/>) into its facts, then through <see cref="SourceFactsCodec"/> and back, so the facts are
/// exactly what
/// <c>SnapshotCache</c> gets from <c>FactStore.ReadAsync</c> (string table shared, not one string per row).
/// </summary>
public static class AnalyticsData
{
    /// <summary>
    /// Ingestion order, as in production: the roster first (it is the tracking file's validation context).
    /// </summary>
    public static readonly string[] Files = [SimulatedFiles.Influencers, "posts.csv", "payouts.csv",
        SimulatedFiles.Tracking];

    /// <summary>The design scale's roster: 5,000 influencers (100 posts each a year, so ~500K posts).</summary>
    public const int RosterSize = 5_000;

    public static SimulationOptions Simulation(long trackingRows, int seed, int influencers = RosterSize) => new()
    {
        Seed = seed,
        TrackingRows = trackingRows,
        Influencers = influencers,
        PostsPerInfluencer = 100,
        Days = 365,
        StartDate = new DateOnly(2025, 1, 1),
    };

    /// <summary>Simulates into <paramref name="directory"/> and prints what it wrote.</summary>
    public static SimulationResult Simulate(long trackingRows, int seed, string directory, int influencers = RosterSize)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = Simulator.Run(Simulation(trackingRows, seed, influencers), directory);
        Console.WriteLine(
            $"  simulated (seed {seed}, {influencers:N0} influencers, 365 days) in {clock.Elapsed.TotalSeconds:F1} s: "
                +
            string.Join(", ", result.Files.Where(f => Files.Contains(f.Name))
                .Select(f => $"{f.Name} {f.Rows:N0} rows")));
        return result;
    }

    /// <summary>Validates every simulated file into its facts, as ingestion's pass 1 does, through the codec.</summary>
    public static List<SnapshotSource> Sources(string directory)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sources = new List<SnapshotSource>();
        var context = ValidationContext.None;
        foreach (var name in Files)
        {
            using var file = File.OpenRead(Path.Combine(directory, name));
            var outcome = UploadValidator.Validate(name, file, context);
            if (outcome.Facts is null)
            {
                throw new InvalidOperationException(
                    $"The simulated {name} was rejected: " +
                    $"{(outcome.Report.Errors.Count > 0 ? outcome.Report.Errors[0].Reason : null)}");
            }

            var facts = SourceFactsCodec.Decode(new MemoryStream(SourceFactsCodec.Encode(outcome.Facts)));
            if (name == SimulatedFiles.Influencers)
            {
                context = new ValidationContext(facts.Influencers.ToDictionary(i => i.Id, i => i.FollowerCount,
                    StringComparer.OrdinalIgnoreCase));
            }

            sources.Add(new SnapshotSource(name, facts));
        }

        Console.WriteLine($"  validated into facts (through the codec) in {clock.Elapsed.TotalSeconds:F1} s");
        return sources;
    }

    public static Snapshot Build(IReadOnlyList<SnapshotSource> sources) =>
        SnapshotBuilder.Build("v1", sources, new AnalyticsOptions());

    public static void Describe(Snapshot snapshot) => Console.WriteLine(
        $"  snapshot: {snapshot.Sales.Count:N0} sales + {snapshot.OrganicSales.Count:N0} organic + " +
        $"{snapshot.Posts.Count:N0} post + " +
        $"{snapshot.Spend.Count:N0} spend facts = {snapshot.FactCount:N0}; " +
        $"{snapshot.Influencers.Count:N0} influencers, " +
        $"{snapshot.Campaigns.Count} campaigns, {snapshot.Products.Count} products, " +
        $"{snapshot.Platforms.Count} platforms");
}
