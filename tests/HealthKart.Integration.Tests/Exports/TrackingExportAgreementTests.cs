using System.Globalization;
using HealthKart.Core.Analytics;
using HealthKart.Infrastructure.Analytics;
using static HealthKart.Integration.Tests.Exports.TrackingExportFiles;

namespace HealthKart.Integration.Tests.Exports;

/// <summary>
/// The raw tracking export and the analytics filter through the same rules: for random filter combinations on the
/// committed sample data (data/*.csv), the exported rows, folded into net orders and revenue per day, influencer,
/// campaign, product, brand and platform, are exactly the sales and organic facts the engine's selection keeps.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class TrackingExportAgreementTests(AzuriteFixture azurite)
{
    private static readonly int[] Seeds = [.. Enumerable.Range(1, 24)];

    [Fact]
    public async Task ExportedRowsAreTheSelectedFactsForRandomFilters()
    {
        await using var app = TestApp.Create(azurite);
        foreach (var file in new[] { "influencers.csv", "posts.csv", "tracking_data.csv", "payouts.csv" })
        {
            await app.IngestAsync(file,
                await File.ReadAllBytesAsync(Path.Combine(Cli.HkProcess.RepositoryRoot, "data", file)));
        }

        var snapshot = await app.Get<SnapshotCache>().GetAsync(CancellationToken.None);
        var nonEmpty = 0;
        foreach (var seed in Seeds)
        {
            var query = RandomQuery(snapshot, new Random(seed));
            var (csv, _) = await CsvAsync(app, query);
            var exported = Fold(Records(csv).Skip(1));
            var selected = Facts(Selection.For(snapshot, query));
            Assert.True(selected.Count == exported.Count && !selected.Except(exported).Any(),
                $"seed {seed}: {selected.Count} facts selected, {exported.Count} exported; first difference " +
                string.Join(" / ", selected.Except(exported).Concat(exported.Except(selected)).Take(2)));
            nonEmpty += selected.Count > 0 ? 1 : 0;
        }

        Assert.True(nonEmpty >= Seeds.Length / 3, $"only {nonEmpty} of the random filters kept any row");
    }

    /// <summary>
    /// Net orders and revenue (paise) per fact key, keys upper-cased: values match case-insensitively.
    /// </summary>
    private static Dictionary<string, (long Orders, long Revenue)> Fold(IEnumerable<string[]> rows)
    {
        var facts = new Dictionary<string, (long Orders, long Revenue)>();
        foreach (var r in rows)
        {
            var sign = r[8] is "refunded" or "cancelled" ? -1 : 1;
            var key = Key(r[0], r[1], r[2], r[3].Length == 0 ? Snapshot.None : r[3], r[4].Length == 0
                ? Snapshot.None : r[4], r[5]);
            var (orders, revenue) = facts.GetValueOrDefault(key);
            facts[key] = (orders + sign * long.Parse(r[6], CultureInfo.InvariantCulture),
                revenue + sign * (long)(decimal.Parse(r[7], CultureInfo.InvariantCulture) * 100));
        }

        return facts.Where(f => f.Value != (0, 0)).ToDictionary();
    }

    private static Dictionary<string, (long Orders, long Revenue)> Facts(Selection selection)
    {
        var snapshot = selection.Snapshot;
        var facts = new Dictionary<string, (long Orders, long Revenue)>();
        foreach (var (columns, rows) in new[] { (snapshot.Sales, selection.Sales),
            (snapshot.OrganicSales, selection.OrganicSales) })
        {
            foreach (var i in rows)
            {
                var influencer = columns.Influencer[i] >= 0 ? snapshot.Influencers[columns.Influencer[i]].Id : "";
                var key = Key(DateOnly.FromDayNumber(columns.Day[i]).ToString("yyyy-MM-dd",
                    CultureInfo.InvariantCulture), influencer,
                    snapshot.Platforms[columns.Platform[i]], snapshot.Campaigns[columns.Campaign[i]],
                    snapshot.Products[columns.Product[i]], snapshot.Brands[columns.Brand[i]]);
                var (orders, revenue) = facts.GetValueOrDefault(key);
                facts[key] = (orders + columns.Orders[i], revenue + columns.Revenue[i]);
            }
        }

        return facts.Where(f => f.Value != (0, 0)).ToDictionary();
    }

    private static string Key(params string[] parts) => string.Join("\u001f", parts).ToUpperInvariant();

    /// <summary>
    /// Filters drawn from the snapshot's own values (some in another case, some unknown) and a date window or none.
    /// </summary>
    private static AnalyticsQuery RandomQuery(Snapshot snapshot, Random random)
    {
        IReadOnlyList<string> Pick(IReadOnlyList<string> values, double chance) =>
            random.NextDouble() > chance ? [] :
            [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => values[random.Next(values.Count)])
                .Select(v => random.Next(2) == 0 ? v.ToLowerInvariant() : v)];

        var (first, last) = snapshot.DayRange!.Value;
        DateOnly? Day() => random.Next(3) == 0 ? null : DateOnly.FromDayNumber(random.Next(first, last + 1));
        var (from, to) = (Day(), Day());
        if (from > to)
        {
            (from, to) = (to, from);
        }

        return AnalyticsQuery.All with
        {
            Platforms = Pick(snapshot.Platforms.Values, 0.35),
            Campaigns = Pick(snapshot.Campaigns.Values, 0.3),
            Products = Pick(snapshot.Products.Values, 0.2),
            Brands = Pick(snapshot.Brands.Values, 0.2),
            Influencers = Pick(snapshot.Influencers.Select(i => i.Id).ToList(), 0.15),
            Categories = Pick(snapshot.Influencers.Select(i => i.Category).Distinct().ToList(), 0.15),
            Genders = Pick(snapshot.Influencers.Select(i => i.Gender).Distinct().ToList(), 0.1),
            Tiers = random.Next(6) == 0 ? [Enum.GetValues<FollowerTier>()[random.Next(4)]] : [],
            From = from,
            To = to,
        };
    }
}
