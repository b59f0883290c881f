using System.Text.Json;
using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Customers;
using HealthKart.Core.Problems;
using HealthKart.Core.Tests.Analytics.Customers;
using HealthKart.Core.Views;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>
/// A snapshot written by <see cref="SnapshotCodec"/> and read back answers every view exactly as the built one did, and
/// a blob that is not exactly what was written is refused, never half-read.
/// </summary>
public sealed class SnapshotCodecTests
{
    private static readonly AnalyticsOptions Options = new();
    private static readonly CustomerOptions CustomerOptions = new();

    /// <summary>
    /// The hand-worked dataset has organic sales, undated spend (INF002's post payout has no month; INF003's order
    /// payout dated 2025-09-01 has no orders to land on) and unpaid INF004; with its customer rows kept it also has
    /// customers. The simulated one has hundreds of customers, returning orders and every view populated.
    /// </summary>
    public static TheoryData<string> Snapshots() => ["hand-worked", "hand-worked-without-customers", "simulated",
        "empty"];

    private static Snapshot Built(string name) => name switch
    {
        "hand-worked" => HandWorkedDataset.WithCustomers(),
        "hand-worked-without-customers" => HandWorkedDataset.Snapshot,
        "simulated" => SimulatedCustomers.For(7).Snapshot,
        _ => SnapshotBuilder.Build("empty-v1", [], Options),
    };

    [Theory]
    [MemberData(nameof(Snapshots))]
    public void ALoadedSnapshotHoldsEveryColumnOfTheBuiltOne(string name)
    {
        var built = Built(name);
        var loaded = RoundTrip(built);

        Assert.Equal(built.DatasetVersion, loaded.DatasetVersion);
        Assert.Equal(built.Influencers, loaded.Influencers);
        Assert.Equal(built.InfluencerIndex.OrderBy(p => p.Value), loaded.InfluencerIndex.OrderBy(p => p.Value));
        foreach (var (b, l) in new[] { (built.Campaigns, loaded.Campaigns), (built.Products, loaded.Products),
            (built.Brands, loaded.Brands), (built.Platforms, loaded.Platforms) })
        {
            Assert.Equal(b.Values, l.Values);
        }

        AssertSales(built.Sales, loaded.Sales);
        AssertSales(built.OrganicSales, loaded.OrganicSales);
        var (bp, lp) = (built.Posts, loaded.Posts);
        Assert.Equal(bp.Count, lp.Count);
        foreach (var (b, l) in new[] { (bp.Day, lp.Day), (bp.Influencer, lp.Influencer), (bp.Platform, lp.Platform),
            (bp.Campaign, lp.Campaign), (bp.Product, lp.Product), (bp.Posts, lp.Posts) })
        {
            Assert.Equal(b.Take(bp.Count), l);
        }

        Assert.Equal(bp.Reach.Take(bp.Count), lp.Reach);
        Assert.Equal(bp.Engagements.Take(bp.Count), lp.Engagements);

        var (bs, ls) = (built.Spend, loaded.Spend);
        Assert.Equal(bs.Count, ls.Count);
        foreach (var (b, l) in new[] { (bs.Day, ls.Day), (bs.Influencer, ls.Influencer), (bs.Campaign, ls.Campaign),
            (bs.Product, ls.Product), (bs.Brand, ls.Brand), (bs.Platform, ls.Platform) })
        {
            Assert.Equal(b.Take(bs.Count), l);
        }

        Assert.Equal(bs.Amount.Take(bs.Count), ls.Amount);

        var (bc, lc) = (built.Customers, loaded.Customers);
        Assert.Equal(bc.Count, lc.Count);
        Assert.Equal(bc.Sale.Take(bc.Count), lc.Sale);
        Assert.Equal(bc.FirstDay.Take(bc.Count), lc.FirstDay);
        Assert.Equal(bc.New.Take(bc.Count), lc.New);
        Assert.Equal(bc.Revenue.Take(bc.Count), lc.Revenue);
        Assert.Equal(bc.FollowOn.Take(bc.Count), lc.FollowOn);
        Assert.Equal(bc.RepeatGap.Take(bc.Count), lc.RepeatGap);

        Assert.Equal(built.ProductBrand, loaded.ProductBrand);
        Assert.Equal(built.Paid, loaded.Paid);
        Assert.Equal(built.Payouts, loaded.Payouts);
        Assert.Equal(built.DayRange, loaded.DayRange);
        Assert.Equal(built.TrackingRange, loaded.TrackingRange);
        Assert.Equal(built.Sources.Select(s => s.FileName), loaded.Sources.Select(s => s.FileName));
        Assert.Equal(built.Sources.Select(s => s.Facts.Dataset), loaded.Sources.Select(s => s.Facts.Dataset));
        Assert.Equal(built.Sources.SelectMany(s => s.Facts.Influencers),
            loaded.Sources.SelectMany(s => s.Facts.Influencers));
        Assert.Equal(built.Sources.SelectMany(s => s.Facts.TrackingDays),
            loaded.Sources.SelectMany(s => s.Facts.TrackingDays));
        Assert.Equal(built.FactCount, loaded.FactCount);
    }

    /// <summary>The test that matters: whatever a view reads, it reads the same from both, filtered or not.</summary>
    [Theory]
    [MemberData(nameof(Snapshots))]
    public void EveryViewAnswersTheSameFromTheLoadedSnapshot(string name)
    {
        var built = Built(name);
        var loaded = RoundTrip(built);
        var today = new DateOnly(2025, 8, 12);
        var compared = 0;
        foreach (var query in new[] { "", "platform=instagram,youtube", "from=2025-07-05&to=2025-08-03",
            "campaign=Monsoon&gender=Female" })
        {
            foreach (var view in ReportCatalog.Names.Where(n => n != ReportCatalog.Full))
            {
                Assert.Equal(Answer(built, view, query, today), Answer(loaded, view, query, today));
                compared++;
            }
        }

        Assert.True(compared >= 40, $"only {compared} answers compared");
    }

    /// <summary>
    /// Each column is stored as 1 width byte + an 8-byte base (its minimum) + one value minus the base per entry, in
    /// the narrowest of 1, 2, 4, 8 bytes that holds the range (maximum - minimum):
    /// days 739,000..739,200: range 200 -> 1 byte each, 9 + 3 = 12 bytes;
    /// 0 and 70,000: range 70,000 > 65,535 -> 4 bytes each, 9 + 8 = 17;
    /// undated spend (int.MinValue) beside day 739,000: range 2^31 + 739,000 &lt; 2^32 -> 4 bytes, 9 + 8 = 17;
    /// revenue -5 and 5 paise: range 10 -> 1 byte, 9 + 2 = 11; long.MinValue and long.MaxValue: 8 bytes, 9 + 16 = 25;
    /// an empty column: 9.
    /// </summary>
    [Theory]
    [InlineData(new[] { 739_000, 739_200, 739_001 }, 12)]
    [InlineData(new[] { 0, 70_000 }, 17)]
    [InlineData(new[] { int.MinValue, 739_000 }, 17)]
    [InlineData(new int[0], 9)]
    public void AnIntColumnTakesTheNarrowestWidthOfItsRange(int[] values, int bytes)
    {
        using var blob = new MemoryStream();
        PackedColumn.Write(new BinaryWriter(blob), values);
        Assert.Equal(bytes, blob.Length);

        var read = new int[values.Length];
        blob.Position = 0;
        PackedColumn.Read(new BinaryReader(blob), read);
        Assert.Equal(values, read);
    }

    [Theory]
    [InlineData(new[] { -5L, 5L }, 11)]
    [InlineData(new[] { long.MinValue, long.MaxValue }, 25)]
    public void ALongColumnTakesTheNarrowestWidthOfItsRange(long[] values, int bytes)
    {
        using var blob = new MemoryStream();
        PackedColumn.Write(new BinaryWriter(blob), values);
        Assert.Equal(bytes, blob.Length);

        var read = new long[values.Length];
        blob.Position = 0;
        PackedColumn.Read(new BinaryReader(blob), read);
        Assert.Equal(values, read);
    }

    [Fact]
    public void ABlobOfOtherOptionsOrAnotherVersionIsRefused()
    {
        var bytes = Bytes(HandWorkedDataset.Snapshot);
        Assert.Throws<InvalidDataException>(() => Read(bytes, "hand-v2"));
        Assert.Throws<InvalidDataException>(() => SnapshotCodec.Read(new MemoryStream(bytes), bytes.Length, "hand-v1",
            Options with { MidTierFrom = 60_000 }, CustomerOptions));
        Assert.Throws<InvalidDataException>(() => SnapshotCodec.Read(new MemoryStream(bytes), bytes.Length, "hand-v1",
            Options, CustomerOptions with { FollowOnDays = 30 }));
    }

    [Fact]
    public void AForeignFormatIsRefused()
    {
        var bytes = Bytes(HandWorkedDataset.Snapshot);
        bytes[8] = SnapshotCodec.FormatVersion + 1; // the format number follows the 8-byte magic
        var refused = Assert.Throws<InvalidDataException>(() => Read(bytes, "hand-v1"));
        Assert.Contains($"format {SnapshotCodec.FormatVersion + 1}", refused.Message);
        Assert.Throws<InvalidDataException>(() => Read("not a snapshot at all"u8.ToArray(), "hand-v1"));
    }

    [Fact]
    public void EveryTruncationAndEveryFlippedByteIsRefused()
    {
        var bytes = Bytes(HandWorkedDataset.WithCustomers());
        for (var length = 0; length < bytes.Length; length += Math.Max(1, length / 16))
        {
            Assert.Throws<InvalidDataException>(() => Read(bytes[..length], "hand-v1"));
        }

        for (var at = 0; at < bytes.Length; at += 7)
        {
            var corrupt = (byte[])bytes.Clone();
            corrupt[at] ^= 0x20;
            Assert.Throws<InvalidDataException>(() => Read(corrupt, "hand-v1"));
        }

        Assert.Throws<InvalidDataException>(() => Read([.. bytes, 0], "hand-v1"));
    }

    private static string Answer(Snapshot snapshot, string view, string query, DateOnly today)
    {
        try
        {
            return JsonSerializer.Serialize(ViewCatalog.Get(view)
                .Compute(new Selection(snapshot, HandWorkedDataset.Parse(query)), today), ApiJson.Options);
        }
        catch (ProblemException problem)
        {
            return $"{problem.Status} {problem.Detail}";
        }
    }

    private static void AssertSales(SalesColumns built, SalesColumns loaded)
    {
        Assert.Equal(built.Count, loaded.Count);
        foreach (var (b, l) in new[]
        {
            (built.Day, loaded.Day), (built.Influencer, loaded.Influencer), (built.Campaign, loaded.Campaign),
            (built.Product, loaded.Product), (built.Brand, loaded.Brand), (built.Platform, loaded.Platform),
            (built.Orders, loaded.Orders), (built.ReturningOrders, loaded.ReturningOrders),
        })
        {
            Assert.Equal(b.Take(built.Count), l);
        }

        Assert.Equal(built.Revenue.Take(built.Count), loaded.Revenue);
    }

    private static Snapshot RoundTrip(Snapshot built)
    {
        var bytes = Bytes(built);
        return SnapshotCodec.Read(new MemoryStream(bytes), bytes.Length, built.DatasetVersion, built.Options,
            built.CustomerOptions);
    }

    private static Snapshot Read(byte[] bytes, string version) =>
        SnapshotCodec.Read(new MemoryStream(bytes), bytes.Length, version, Options, CustomerOptions);

    private static byte[] Bytes(Snapshot snapshot)
    {
        using var blob = new MemoryStream();
        SnapshotCodec.Write(snapshot, blob);
        return blob.ToArray();
    }
}
