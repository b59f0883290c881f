using HealthKart.Core.Analytics;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>
/// The column-scan selection against a naive reference: the filter rules of docs/filters.md written out as LINQ over
/// the snapshot's columns, one predicate per fact, matching values by their names (not by the masks the selection
/// uses). Random filter combinations on the committed sample data (<c>data/*.csv</c>), one per seed.
/// </summary>
public sealed class SelectionReferenceTests
{
    private static readonly int[] SeedList = [.. Enumerable.Range(1, 40)];

    public static readonly TheoryData<int> Seeds = [.. SeedList];

    private static readonly Lazy<Snapshot> Sample =
        new(() => SnapshotBuilder.Build("sample", SimulatedSources.Read(DataFolder()), new AnalyticsOptions()));

    private static readonly Lazy<Snapshot> Unsorted = new(() =>
    {
        var snapshot = SnapshotBuilder.Build("unsorted", SimulatedSources.Read(DataFolder()), new AnalyticsOptions());
        snapshot.Posts.Reorder([.. Enumerable.Range(0, snapshot.Posts.Count).Reverse()]);
        snapshot.Spend.Reorder([.. Enumerable.Range(0, snapshot.Spend.Count).Reverse()]);
        Assert.False(DayOrder.IsSorted(snapshot.Posts.Day, snapshot.Posts.Count)
            || DayOrder.IsSorted(snapshot.Spend.Day, snapshot.Spend.Count));
        return snapshot;
    });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SelectsExactlyTheFactsTheReferenceFilterKeeps(int seed)
    {
        var snapshot = Sample.Value;
        var query = RandomQuery(snapshot, new Random(seed));
        var reference = new ReferenceFilter(snapshot, query);
        var selection = new Selection(snapshot, query);
        var shared = Selection.For(snapshot, query);

        foreach (var candidate in new[] { selection, shared })
        {
            Assert.Equal(reference.Sales(), [.. candidate.Sales]);
            Assert.Equal(reference.Posts(), [.. candidate.Posts]);
            Assert.Equal(reference.Spend(), [.. candidate.Spend]);
            Assert.Equal(reference.Customers(), [.. candidate.Customers]);
        }
    }

    /// <summary>
    /// A snapshot whose posts and spend are not in day order (as one from an older layout) has no day index for them:
    /// the days are tested instead.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void SelectsTheSameFromFactsNotInDayOrder(int seed)
    {
        var snapshot = Unsorted.Value;
        var query = RandomQuery(snapshot, new Random(seed));
        var reference = new ReferenceFilter(snapshot, query);
        var selection = new Selection(snapshot, query);
        Assert.Equal(reference.Posts(), [.. selection.Posts]);
        Assert.Equal(reference.Spend(), [.. selection.Spend]);
    }

    [Fact]
    public void TheSeedsCoverEveryKindOfFilterAndSomeSelectNothing()
    {
        var snapshot = Sample.Value;
        var queries = SeedList.Select(seed => RandomQuery(snapshot, new Random(seed))).ToList();
        Assert.Contains(queries, q => q.Platforms.Count > 0);
        Assert.Contains(queries, q => q.Campaigns.Count > 0);
        Assert.Contains(queries, q => q.Products.Count > 0);
        Assert.Contains(queries, q => q.Brands.Count > 0);
        Assert.Contains(queries, q => q.Influencers.Count > 0);
        Assert.Contains(queries, q => q.Categories.Count > 0 || q.Genders.Count > 0 || q.Tiers.Count > 0);
        Assert.Contains(queries, q => q.From is not null && q.To is null);
        Assert.Contains(queries, q => q.HasDateRange && q.Platforms.Count > 0);
        Assert.Contains(queries, q => new Selection(snapshot, q).Sales.Length == 0);
        Assert.Contains(queries, q => new Selection(snapshot, q).Sales.Length > 0
            && q.Platforms.Count + q.Campaigns.Count > 0);
    }

    /// <summary>
    /// Any mix of filters: values in random case, some comma-joined, some unknown; any date window or none.
    /// </summary>
    internal static AnalyticsQuery RandomQuery(Snapshot snapshot, Random random)
    {
        IReadOnlyList<string> Pick(IReadOnlyList<string> values, double chance)
        {
            if (random.NextDouble() > chance)
            {
                return [];
            }

            var picked = Enumerable.Range(0, random.Next(1, 4)).Select(_ => values[random.Next(values.Count)])
                .Select(v => random.Next(3) == 0 ? v.ToUpperInvariant() : v).ToList();
            if (random.Next(5) == 0)
            {
                picked.Add("no-such-value");
            }

            return picked.Count > 1 && random.Next(3) == 0 ? [string.Join(", ", picked)] : picked;
        }

        var (first, last) = snapshot.DayRange!.Value;
        DateOnly? Day() => random.Next(3) == 0 ? null : DateOnly.FromDayNumber(random.Next(first - 5, last + 5));
        var (from, to) = (Day(), Day());
        if (from > to)
        {
            (from, to) = (to, from);
        }

        var tiers = Enum.GetValues<FollowerTier>();
        return AnalyticsQuery.All with
        {
            Platforms = Pick(snapshot.Platforms.Values, 0.3),
            Campaigns = Pick(snapshot.Campaigns.Values, 0.25),
            Products = Pick(snapshot.Products.Values, 0.2),
            Brands = Pick(snapshot.Brands.Values, 0.2),
            Influencers = Pick(snapshot.Influencers.Select(i => i.Id).ToList(), 0.15),
            Categories = Pick(snapshot.Influencers.Select(i => i.Category).Distinct().ToList(), 0.15),
            Genders = Pick(snapshot.Influencers.Select(i => i.Gender).Distinct().ToList(), 0.1),
            Tiers = random.Next(8) == 0 ? [tiers[random.Next(tiers.Length)]] : [],
            From = from,
            To = to,
        };
    }

    internal static string DataFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "data", "tracking_data.csv"))
                && File.Exists(Path.Combine(folder.FullName, "global.json")))
            {
                return Path.Combine(folder.FullName, "data");
            }
        }

        throw new DirectoryNotFoundException("The repository's data folder was not found above the test assembly.");
    }

    /// <summary>
    /// docs/filters.md, one fact at a time: names compared case-insensitively, unknown values split on commas.
    /// </summary>
    private sealed class ReferenceFilter(Snapshot snapshot, AnalyticsQuery query)
    {
        private readonly HashSet<string>? _platforms = Values(query.Platforms, snapshot.Platforms.Values);
        private readonly HashSet<string>? _campaigns = Values(query.Campaigns, snapshot.Campaigns.Values);
        private readonly HashSet<string>? _products = Values(query.Products, snapshot.Products.Values);
        private readonly HashSet<string>? _brands = Values(query.Brands, snapshot.Brands.Values);
        private readonly HashSet<string>? _ids =
            Values(query.Influencers, snapshot.Influencers.Select(i => i.Id).ToList());
        private readonly HashSet<string>? _categories =
            Values(query.Categories, snapshot.Influencers.Select(i => i.Category).ToList());
        private readonly int _from = query.From?.DayNumber ?? int.MinValue + 1;
        private readonly int _to = query.To?.DayNumber ?? int.MaxValue;

        private bool InfluencerLevel => _ids is not null || _categories is not null || query.Genders.Count > 0
            || query.Tiers.Count > 0;

        public List<int> Sales() => [.. Enumerable.Range(0, snapshot.Sales.Count).Where(SalePasses)];

        public List<int> Posts()
        {
            var p = snapshot.Posts;
            return
            [
                .. Enumerable.Range(0, p.Count).Where(i => InWindow(p.Day[i]) && InfluencerPasses(p.Influencer[i])
                    && Is(_platforms, snapshot.Platforms[p.Platform[i]])
                    && Is(_campaigns, snapshot.Campaigns[p.Campaign[i]])
                    && Is(_products, snapshot.Products[p.Product[i]])
                    && Is(_brands, snapshot.Brands[snapshot.ProductBrand[p.Product[i]]])),
            ];
        }

        public List<int> Spend()
        {
            var s = snapshot.Spend;
            return
            [
                .. Enumerable.Range(0, s.Count)
                    .Where(i => (s.Day[i] == SpendColumns.Undated ? !query.HasDateRange : InWindow(s.Day[i]))
                    && InfluencerPasses(s.Influencer[i]) && Dimensions(s.Platform[i], s.Campaign[i], s.Product[i],
                        s.Brand[i])),
            ];
        }

        public List<int> Customers()
        {
            var c = snapshot.Customers;
            return [.. Enumerable.Range(0, c.Count).Where(i => c.Sale[i] >= 0
                ? SalePasses(c.Sale[i]) : OrganicPasses(~c.Sale[i]))];
        }

        private bool SalePasses(int i)
        {
            var s = snapshot.Sales;
            return InWindow(s.Day[i]) && InfluencerPasses(s.Influencer[i])
                && Dimensions(s.Platform[i], s.Campaign[i], s.Product[i], s.Brand[i]);
        }

        private bool OrganicPasses(int i)
        {
            var o = snapshot.OrganicSales;
            return InWindow(o.Day[i]) && !InfluencerLevel && Dimensions(o.Platform[i], o.Campaign[i], o.Product[i],
                o.Brand[i]);
        }

        private bool Dimensions(int platform, int campaign, int product, int brand) =>
            Is(_platforms, snapshot.Platforms[platform]) && Is(_campaigns, snapshot.Campaigns[campaign])
            && Is(_products, snapshot.Products[product]) && Is(_brands, snapshot.Brands[brand]);

        private bool InWindow(int day) => day >= _from && day <= _to;

        private bool InfluencerPasses(int influencer)
        {
            var p = snapshot.Influencers[influencer];
            return Is(_ids, p.Id) && Is(_categories, p.Category)
                && (query.Genders.Count == 0
                    || query.Genders.Any(g => g.Equals(p.Gender, StringComparison.OrdinalIgnoreCase)))
                && (query.Tiers.Count == 0 || (p.Known && query.Tiers.Contains(p.Tier)));
        }

        private static bool Is(HashSet<string>? accepted, string value) => accepted is null || accepted.Contains(value);

        private static HashSet<string>? Values(IReadOnlyList<string> requested, IReadOnlyList<string> known)
        {
            if (requested.Count == 0)
            {
                return null;
            }

            var names = new HashSet<string>(known, StringComparer.OrdinalIgnoreCase);
            return new HashSet<string>(
                requested.SelectMany(v => names.Contains(v) ? [v] : v.Split(',').Select(part => part.Trim())
                    .Where(part => part.Length > 0)),
                StringComparer.OrdinalIgnoreCase);
        }
    }
}
