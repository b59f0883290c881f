using System.Text.Json;
using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Customers;
using HealthKart.Core.Facts;
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
        foreach (var (b, l) in new[] { (bp.Day, lp.Day), (bp.Influencer, lp.Influencer), (bp.Campaign, lp.Campaign),
            (bp.Product, lp.Product), (bp.Posts, lp.Posts) })
        {
            Assert.Equal(b.Take(bp.Count), l);
        }

        Assert.Equal(bp.Platform.Take(bp.Count), lp.Platform);

        Assert.Equal(bp.Reach.Take(bp.Count), lp.Reach);
        Assert.Equal(bp.Engagements.Take(bp.Count), lp.Engagements);

        var (bs, ls) = (built.Spend, loaded.Spend);
        Assert.Equal(bs.Count, ls.Count);
        foreach (var (b, l) in new[] { (bs.Day, ls.Day), (bs.Influencer, ls.Influencer), (bs.Campaign, ls.Campaign),
            (bs.Product, ls.Product), (bs.Brand, ls.Brand) })
        {
            Assert.Equal(b.Take(bs.Count), l);
        }

        Assert.Equal(bs.Platform.Take(bs.Count), ls.Platform);

        Assert.Equal(bs.Amount.Take(bs.Count), ls.Amount);

        var (bc, lc) = (built.Customers, loaded.Customers);
        Assert.Equal(bc.Count, lc.Count);
        Assert.Equal(bc.Sale.Take(bc.Count), lc.Sale);
        Assert.Equal(bc.FirstDay.Take(bc.Count), lc.FirstDay);
        Assert.Equal(bc.New.Take(bc.Count), lc.New);
        Assert.Equal(bc.Revenue.Take(bc.Count), lc.Revenue);
        Assert.Equal(bc.FollowOn.Take(bc.Count), lc.FollowOn);
        Assert.Equal(bc.RepeatGap.Take(bc.Count), lc.RepeatGap);

        // What the summary and the breakdowns add up: read from the blob's stored sums, summed from the customers here.
        var (ba, la) = (Acquisitions.Of(built), Acquisitions.Of(loaded));
        foreach (var (b, l) in new[] { (ba.New, la.New), (ba.MatureNew, la.MatureNew), (ba.Existing, la.Existing),
            (ba.OrganicNew, la.OrganicNew), (ba.OrganicExisting, la.OrganicExisting) })
        {
            Assert.Equal(b, l);
        }

        Assert.Equal(ba.NewRevenue, la.NewRevenue);
        Assert.Equal(ba.FollowOnRevenue, la.FollowOnRevenue);

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
    /// the narrowest whole number of bytes that holds the range (maximum - minimum), at most the value's size:
    /// days 739,000..739,200: range 200 -> 1 byte each, 9 + 3 = 12 bytes;
    /// 0 and 65,535: range 2^16 - 1 -> 2 bytes, 9 + 4 = 13; 0 and 65,536 -> 3 bytes, 9 + 6 = 15;
    /// 0 and 70,000: range 70,000 > 65,535 -> 3 bytes, 9 + 6 = 15;
    /// -1, 16,777,214 and 5: range 2^24 - 1 -> 3 bytes, 9 + 9 = 18; 0 and 16,777,216 = 2^24 -> 4 bytes (the int's own
    /// size, copied as is), 9 + 8 = 17;
    /// undated spend (int.MinValue) beside day 739,000: range 2^31 + 739,000 > 2^24 -> 4 bytes, 9 + 8 = 17;
    /// an empty column: 9.
    /// </summary>
    [Theory]
    [InlineData(new[] { 739_000, 739_200, 739_001 }, 12)]
    [InlineData(new[] { 0, 65_535 }, 13)]
    [InlineData(new[] { 0, 65_536 }, 15)]
    [InlineData(new[] { 0, 70_000 }, 15)]
    [InlineData(new[] { -1, 16_777_214, 5 }, 18)]
    [InlineData(new[] { 0, 16_777_216 }, 17)]
    [InlineData(new[] { int.MinValue, 739_000 }, 17)]
    [InlineData(new int[0], 9)]
    public void AnIntColumnTakesTheNarrowestWidthOfItsRange(int[] values, int bytes)
    {
        using var blob = new MemoryStream();
        PackedColumn.Write(new BinaryWriter(blob), values);
        Assert.Equal(bytes, blob.Length);

        var read = new int[values.Length];
        blob.Position = 0;
        Read(blob, read);
        Assert.Equal(values, read);
    }

    /// <summary>
    /// revenue -5 and 5 paise: range 10 -> 1 byte, 9 + 2 = 11;
    /// a customer's revenue 49,900..869,700 paise: range 819,800 &lt; 2^24 -> 3 bytes, 9 + 9 = 18;
    /// 0 and ₹10 crore (10^10 paise, the largest money value on a row): 10^10 &lt; 2^40 = 1,099,511,627,776 -> 5 bytes,
    /// 9 + 10 = 19; -2^55 and 2^55 - 1: range 2^56 - 1 -> 7 bytes, 9 + 14 = 23;
    /// long.MinValue and long.MaxValue: 8 bytes, 9 + 16 = 25.
    /// </summary>
    [Theory]
    [InlineData(new[] { -5L, 5L }, 11)]
    [InlineData(new[] { 49_900L, 869_700L, 100_000L }, 18)]
    [InlineData(new[] { 0L, 10_000_000_000L }, 19)]
    [InlineData(new[] { -(1L << 55), (1L << 55) - 1 }, 23)]
    [InlineData(new[] { long.MinValue, long.MaxValue }, 25)]
    public void ALongColumnTakesTheNarrowestWidthOfItsRange(long[] values, int bytes)
    {
        using var blob = new MemoryStream();
        PackedColumn.Write(new BinaryWriter(blob), values);
        Assert.Equal(bytes, blob.Length);

        var read = new long[values.Length];
        blob.Position = 0;
        Read(blob, read);
        Assert.Equal(values, read);
    }

    /// <summary>
    /// More values than two packing chunks (65,536 each, each unpacked as a task of its own), at an odd width: the
    /// chunk boundaries and the last value (read 8 bytes wide from its offset) come back exact. 3-byte values 0, 7,
    /// 14, ... (i x 7 mod 2^24).
    /// </summary>
    [Fact]
    public void AThreeByteColumnLongerThanAChunkComesBackExact()
    {
        var values = Enumerable.Range(0, 140_000).Select(i => (long)i * 7 % (1 << 24)).ToArray();
        values[^1] = (1 << 24) - 1;
        using var blob = new MemoryStream();
        PackedColumn.Write(new BinaryWriter(blob), values);
        Assert.Equal(9 + 3 * values.Length, blob.Length);

        var read = new long[values.Length];
        blob.Position = 0;
        Read(blob, read);
        Assert.Equal(values, read);
    }

    /// <summary>
    /// Columns long enough for the vector unpacking (16 values at a time, and past two chunks of 65,536) at every
    /// width it handles, from a negative base and a positive one: int columns of 1 and 2 bytes, long columns of 4, and
    /// the scalar widths beside them. Values drawn with seeds 1 to 3; each comes back exact.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void LongColumnsOfEveryWidthComeBackExact(int seed)
    {
        var random = new Random(seed);
        foreach (var (low, range) in new[] { (-70L, 200L), (739_000L, 60_000L), (-40_000L, 65_535L), (5L, 1L << 20),
            (-(1L << 30), (1L << 31) + 17) })
        {
            var longs = Enumerable.Range(0, 140_003).Select(_ => low + random.NextInt64(range + 1)).ToArray();
            longs[^1] = low + range;
            Assert.Equal(longs, RoundTrip(longs));
            if (low + range <= int.MaxValue && low >= int.MinValue)
            {
                var ints = longs.Select(v => (int)v).ToArray();
                Assert.Equal(ints, RoundTrip(ints));
            }
        }
    }

    /// <summary>A packed column read as the codec reads it: copied out, unpacked on the pool, waited for.</summary>
    private static void Read<T>(MemoryStream blob, T[] target) where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        var unpacking = new Unpacking();
        PackedColumn.Read(new BinaryReader(blob), target, unpacking);
        unpacking.Wait();
    }

    private static T[] RoundTrip<T>(T[] values) where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        using var blob = new MemoryStream();
        PackedColumn.Write(new BinaryWriter(blob), values);
        blob.Position = 0;
        var read = new T[values.Length];
        Read(blob, read);
        return read;
    }

    /// <summary>
    /// Ahead of the facts' checksum, the acquisitions: the customer count, per sales fact then per organic fact how
    /// many customers it acquired, then per sales fact two sums (the new customers' revenue and follow-on). After it,
    /// the customer section: revenue, follow-on and the repeat gap (0 = never). Four customers of the hand-worked
    /// snapshot (S sales facts, O organic): three acquired by sales fact 0, one organic (~0), none new (so both sums
    /// are 0). Acquisitions: the count 4; the counts S + O values of at most 3 -> 1 byte each, 9 + S + O; the sums all
    /// 0 -> 1 byte each, 9 + S twice: 31 + 3S + O. Customers: revenue 49,900, 869,700, 100, 5: range 869,695 -> 3
    /// bytes, 9 + 12 = 21; follow-on 0, -1,674,500, 2,558,800, 0: range 4,233,300 -> 3 bytes, 21; gaps never, 1, 364,
    /// never stored as 0, 1, 364, 0: range 364 -> 2 bytes, 9 + 8 = 17. Total 21 + 21 + 17 = 59.
    /// </summary>
    [Fact]
    public void TheAcquisitionsAreACountPerFactAndTwoSumsAndTheCustomersThreePackedColumns()
    {
        var snapshot = HandWorkedDataset.WithCustomers();
        var (sales, organic) = (snapshot.Sales.Count, snapshot.OrganicSales.Count);
        var customers = new CustomerColumns(4);
        var never = CustomerColumns.NeverAgain;
        customers.Add(0, snapshot.Sales.Day[0], isNew: false, 49_900, 0, never);
        customers.Add(0, snapshot.Sales.Day[0], isNew: false, 869_700, -1_674_500, 1);
        customers.Add(0, snapshot.Sales.Day[0], isNew: false, 100, 2_558_800, 364);
        customers.Add(~0, snapshot.OrganicSales.Day[0], isNew: false, 5, 0, never);
        snapshot.Customers = customers;

        using var acquisitions = new MemoryStream();
        SnapshotCodec.WriteAcquisitions(new BinaryWriter(acquisitions), snapshot);
        Assert.Equal(31 + 3 * sales + organic, acquisitions.Length);
        using var section = new MemoryStream();
        SnapshotCodec.WriteCustomers(new BinaryWriter(section), snapshot);
        Assert.Equal(59, section.Length);
    }

    /// <summary>
    /// The snapshot is handed over once its facts are read and checked, with its customers still to come: while the
    /// stream holds back the customer section, every view but the customer cohorts answers exactly as the built
    /// snapshot does, the summary's customer counts included (they come from the stored acquisitions), and the
    /// customers are still not loaded afterwards (no view waited for them). Once the section arrives, the cohorts
    /// answer the same too.
    /// </summary>
    [Fact]
    public async Task EveryViewButTheCohortsAnswersBeforeTheCustomersArrive()
    {
        var built = SimulatedCustomers.For(7).Snapshot;
        var bytes = Bytes(built);
        var held = new HeldBackStream(bytes, bytes.Length - 16 - CustomerSectionBytes(built));
        var today = new DateOnly(2025, 8, 12);
        var views = ReportCatalog.Names.Where(n => n is not ReportCatalog.Full and not "customers").ToList();
        var answered = Task.Run(() =>
        {
            var loaded = SnapshotCodec.Read(held, bytes.Length, built.DatasetVersion, Options, CustomerOptions);
            foreach (var query in new[] { "", "platform=instagram,youtube", "from=2025-07-05&to=2025-08-03" })
            {
                foreach (var view in views)
                {
                    Assert.Equal(Answer(built, view, query, today), Answer(loaded, view, query, today));
                }
            }

            return loaded;
        });

        // A read or a view that waited for the customers would wait for good: they arrive only on release.
        var loaded = await answered.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(built.Customers.Count > 100 && views.Count > 10);
        Assert.False(loaded.CustomersLoaded.IsCompleted);

        held.Release();
        Assert.Equal(Answer(built, "customers", "", today), Answer(loaded, "customers", "", today));
        Assert.True(loaded.CustomersLoaded.IsCompletedSuccessfully);
    }

    /// <summary>
    /// A customer section that is corrupt or cut short fails the customers alone: the facts, checked by their own
    /// checksum, answer, and the cohorts answer a 503 problem that says the customers are being loaded again.
    /// </summary>
    [Theory]
    [InlineData("flipped byte")]
    [InlineData("truncated")]
    public void ADamagedCustomerSectionFailsTheCustomersAlone(string damage)
    {
        var built = SimulatedCustomers.For(7).Snapshot;
        var bytes = Bytes(built);
        var last = bytes.Length - 17; // the customer section's last byte, before the 16-byte trailer
        var damaged = damage == "truncated" ? bytes[..last] : (byte[])bytes.Clone();
        if (damage == "flipped byte")
        {
            damaged[last] ^= 0x20;
        }

        var loaded = Read(damaged, built.DatasetVersion);
        var today = new DateOnly(2025, 8, 12);
        Assert.Equal(Answer(built, "summary", "", today), Answer(loaded, "summary", "", today));
        Assert.Throws<InvalidDataException>(() => loaded.CustomersLoaded.GetAwaiter().GetResult());
        var problem = Assert.Throws<ProblemException>(() => loaded.Customers);
        Assert.Equal((503, "Customers unavailable"), (problem.Status, problem.Title));
        Assert.StartsWith("503 ", Answer(loaded, "customers", "", today));
    }

    private static long CustomerSectionBytes(Snapshot snapshot)
    {
        using var section = new MemoryStream();
        SnapshotCodec.WriteCustomers(new BinaryWriter(section), snapshot);
        return section.Length;
    }

    /// <summary>
    /// Edge values at every documented bound come back exactly: a sales fact with more customers than one byte counts
    /// (300), the last sales fact, organic acquisitions (negative Sale) on the first and last organic fact, revenue 0
    /// and ₹10 crore (the largest money value on a row, docs/data-contract.md#value-domains), a negative follow-on
    /// (refunds), repeat gaps of 1 day, 36,524 days (the whole default date window) and never. First day and "new" are
    /// not stored: they come back from the acquiring fact's day and the history window.
    /// </summary>
    [Fact]
    public void CustomersAtEveryBoundComeBackExact()
    {
        var snapshot = HandWorkedDataset.WithCustomers();
        var (s, o) = (snapshot.Sales, snapshot.OrganicSales);
        var dataFirst = snapshot.TrackingRange!.Value.First;
        var customers = new CustomerColumns(305);
        void Add(int sale, long revenue, long followOn, int gap)
        {
            var day = sale >= 0 ? s.Day[sale] : o.Day[~sale];
            customers.Add(sale, day, CustomerOptions.IsNew(day, dataFirst), revenue, followOn, gap);
        }

        for (var i = 0; i < 300; i++)
        {
            Add(0, i % 2 == 0 ? 0 : 10_000_000_000, -i * 1_000_000_000L, i % 3 == 0 ? CustomerColumns.NeverAgain : 1);
        }

        Add(s.Count - 1, 1, 0, 36_524);
        Add(~0, 10_000_000_000, 10_000_000_000, CustomerColumns.NeverAgain);
        Add(~0, 0, 0, 2);
        Add(~(o.Count - 1), 7, -7, 1);
        Add(~(o.Count - 1), 8, 8, 36_524);
        snapshot.Customers = customers;
        Assert.Contains(true, customers.New);
        Assert.Contains(false, customers.New);

        var loaded = RoundTrip(snapshot).Customers;
        Assert.Equal(customers.Count, loaded.Count);
        Assert.Equal(customers.Sale, loaded.Sale);
        Assert.Equal(customers.FirstDay, loaded.FirstDay);
        Assert.Equal(customers.New, loaded.New);
        Assert.Equal(customers.Revenue, loaded.Revenue);
        Assert.Equal(customers.FollowOn, loaded.FollowOn);
        Assert.Equal(customers.RepeatGap, loaded.RepeatGap);
    }

    /// <summary>
    /// The built snapshot keeps its customers in acquiring-fact order (sales facts, then organic ones), which the
    /// section relies on; a snapshot whose customers are not in that order is refused rather than written wrong.
    /// </summary>
    [Fact]
    public void CustomersOutOfAcquiringFactOrderAreNotWritten()
    {
        var built = SimulatedCustomers.For(7).Snapshot;
        var c = built.Customers;
        Assert.True(c.Count > 100);
        Assert.Contains(c.Sale.Take(c.Count), sale => sale < 0);
        for (var i = 1; i < c.Count; i++)
        {
            Assert.True(CustomerColumns.AcquiringPosition(c.Sale[i - 1], built.Sales.Count)
                <= CustomerColumns.AcquiringPosition(c.Sale[i], built.Sales.Count));
        }

        var snapshot = HandWorkedDataset.WithCustomers();
        var customers = new CustomerColumns(2);
        customers.Add(~0, snapshot.OrganicSales.Day[0], isNew: false, 1, 0, 1);
        customers.Add(0, snapshot.Sales.Day[0], isNew: false, 1, 0, 1);
        snapshot.Customers = customers;
        Assert.Throws<InvalidOperationException>(() => Bytes(snapshot));
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

    /// <summary>Whether in the facts (as the read) or in the customers behind them (as their loading).</summary>
    [Fact]
    public void EveryTruncationAndEveryFlippedByteIsRefused()
    {
        var bytes = Bytes(HandWorkedDataset.WithCustomers());
        Assert.True(HandWorkedDataset.WithCustomers().Customers.Count > 0);
        for (var length = 0; length < bytes.Length; length += Math.Max(1, length / 16))
        {
            Assert.Throws<InvalidDataException>(() => ReadWhole(bytes[..length]));
        }

        for (var at = 0; at < bytes.Length; at += 7)
        {
            var corrupt = (byte[])bytes.Clone();
            corrupt[at] ^= 0x20;
            Assert.Throws<InvalidDataException>(() => ReadWhole(corrupt));
        }

        Assert.Throws<InvalidDataException>(() => ReadWhole([.. bytes, 0]));
        ReadWhole(bytes);

        static void ReadWhole(byte[] bytes) => Read(bytes, "hand-v1").CustomersLoaded.GetAwaiter().GetResult();
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
            (built.Product, loaded.Product), (built.Brand, loaded.Brand), (built.Orders, loaded.Orders),
            (built.ReturningOrders, loaded.ReturningOrders),
        })
        {
            Assert.Equal(b.Take(built.Count), l);
        }

        Assert.Equal(built.Platform.Take(built.Count), loaded.Platform);

        Assert.Equal(built.Revenue.Take(built.Count), loaded.Revenue);
    }

    /// <summary>
    /// The ingestion builds its instance's snapshot of a version it just published from the facts it holds, not from
    /// the facts it stored: the two must be the same snapshot, down to the byte.
    /// </summary>
    [Fact]
    public void ASnapshotBuiltFromTheFactsAsValidatedIsTheOneBuiltFromTheFactsAsStored()
    {
        var validated = SimulatedCustomers.For(7).Sources;
        var stored = validated.Select(s => s with
        {
            Facts = SourceFactsCodec.Decode(new MemoryStream(SourceFactsCodec.Encode(s.Facts)))
        }).ToList();

        var fromValidated = Bytes(SnapshotBuilder.Build("v1", validated, Options, CustomerOptions));
        var fromStored = Bytes(SnapshotBuilder.Build("v1", stored, Options, CustomerOptions));

        Assert.True(SimulatedCustomers.For(7).Snapshot.Customers.Count > 0);
        Assert.Equal(fromStored, fromValidated);
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

    /// <summary>
    /// A blob whose bytes from <paramref name="heldFrom"/> on arrive only once released, as a slow download's would.
    /// </summary>
    private sealed class HeldBackStream(byte[] bytes, long heldFrom) : MemoryStream(bytes, writable: false)
    {
        private readonly ManualResetEventSlim _released = new();

        public void Release() => _released.Set();

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= heldFrom)
            {
                _released.Wait();
            }

            return base.Read(buffer, offset, Position < heldFrom ? (int)Math.Min(count, heldFrom - Position) : count);
        }

        public override int Read(Span<byte> buffer)
        {
            var bytes = new byte[buffer.Length];
            var read = Read(bytes, 0, bytes.Length);
            bytes.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
    }
}
