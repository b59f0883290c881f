using System.IO.Compression;
using HealthKart.Core.DataContract;
using HealthKart.Core.Facts;
using static HealthKart.Core.Tests.Validation.Uploads;

namespace HealthKart.Core.Tests.Facts;

public sealed class SourceFactsCodecTests
{
    private static SourceFacts RoundTrip(SourceFacts facts) =>
        SourceFactsCodec.Decode(new MemoryStream(SourceFactsCodec.Encode(facts)));

    /// <summary>
    /// SourceFacts holds lists, which a record compares by reference; compare them element by element.
    /// </summary>
    private static void AssertSameFacts(SourceFacts expected, SourceFacts actual)
    {
        Assert.Equal(expected.Dataset, actual.Dataset);
        Assert.Equal(expected.Influencers, actual.Influencers);
        Assert.Equal(expected.Sales, actual.Sales);
        Assert.Equal(expected.Posts, actual.Posts);
        Assert.Equal(expected.Payouts, actual.Payouts);
        Assert.Equal(expected.TrackingDays, actual.TrackingDays);
        Assert.Equal(expected.Customers.Customers, actual.Customers.Customers);
        Assert.Equal(expected.Customers.Customer, actual.Customers.Customer);
        Assert.Equal(expected.Customers.Sale, actual.Customers.Sale);
        Assert.Equal(expected.Customers.Orders, actual.Customers.Orders);
        Assert.Equal(expected.Customers.RevenuePaise, actual.Customers.RevenuePaise);
    }

    [Fact]
    public void RoundTripsHandBuiltFactsWithEveryKindOfValue()
    {
        var day = new DateOnly(2025, 7, 1);
        var facts = new SourceFacts(
            Dataset.Payouts,
            [
                new InfluencerRow(2, "INF001", "आशा राव", "Fitness", "Female", 120_000, "Instagram", ""),
                new InfluencerRow(3, "INF002", "Vikram \"Vik\" Shah, Jr.", "Nutrition", "Male", long.MaxValue,
                    "YouTube", "HKVitals"),
            ],
            [
                new SalesFact(day, "INF001", "Monsoon", "MuscleBlaze Whey", "MuscleBlaze", "Instagram", false, 3,
                    880_050, 4),
                // net refunds
                new SalesFact(day.AddDays(1), "", "", "HK Vitals Fish Oil", "HKVitals", "organic", true, -2, -99_900,
                    1),
                new SalesFact(DateOnly.MinValue, "INF001", "Monsoon", "MuscleBlaze Whey", "MuscleBlaze", "", false, 0,
                    0, int.MaxValue),
            ],
            [
                new PostFact(day, "INF001", "Instagram", "Monsoon", "MuscleBlaze Whey", 2, 1_500, 150, 15),
                new PostFact(DateOnly.MaxValue, "INF002", "YouTube", "", "", 1, 0, 0, 0),
            ],
            [
                new PayoutRow(2, "INF001", PayoutBasis.Post, 1_500_000, 0, 1_500_000, null, ""),
                new PayoutRow(3, "INF002", PayoutBasis.Order, 12_050, 25, 301_250, new DateOnly(2025, 7, 31),
                    "Monsoon"),
                // day number 0 is a date, not "no date"
                new PayoutRow(4, "INF003", PayoutBasis.Order, 0, 0, 0, DateOnly.MinValue, "₹ campaign"),
            ],
            [
                new TrackingDayDigest(day, 5, ulong.MaxValue),
                new TrackingDayDigest(day.AddDays(1), 0, 0),
            ])
        {
            Customers = new CustomerRows(CustomerNames.Of(["u_0123456789abcdef01234567", "U-ग्राहक"]), [0, 1, 0],
                [0, 1, 2], [3, -2, 0], [880_050, -99_900, long.MaxValue], 3),
        };

        AssertSameFacts(facts, RoundTrip(facts));
    }

    [Fact]
    public void RoundTripsEmptyFacts()
    {
        var empty = new SourceFacts(Dataset.Influencers, [], [], [], [], []);

        AssertSameFacts(empty, RoundTrip(empty));
    }

    [Fact]
    public void RoundTripsTheFactsOfAValidatedTrackingFile()
    {
        var outcome = Validate("tracking_data.csv", Lines(
            "source,campaign,influencer_id,user_id,product,date,orders,revenue,status",
            "Instagram,Monsoon,INF001,U1,MuscleBlaze Whey,2025-07-01,2,5000.00,completed",
            "Instagram,Monsoon,INF001,U2,MuscleBlaze Whey,2025-07-01,1,2500.00,refunded",
            "YouTube,Monsoon,INF002,U3,Gritzo SuperMilk,2025-07-02,1,499.00,",
            "organic,,,U4,HK Vitals Fish Oil,2025-07-03,4,3196.00,completed"));
        var facts = outcome.Facts!;
        // Three days, three sales keys: the round trip must carry something real, not empty lists.
        Assert.Equal((3, 3), (facts.Sales.Count, facts.TrackingDays.Count));

        AssertSameFacts(facts, RoundTrip(facts));
    }

    [Fact]
    public void ReadsFormatOneWrittenBeforeCustomerRowsAsHavingNone()
    {
        // Format 1, written before customer rows: nothing follows the five lists.
        using var packed = Packed(writer => WriteEmptyFacts(writer, version: 1));
        var facts = SourceFactsCodec.Decode(packed);
        Assert.Equal((Dataset.Tracking, 0, 0), (facts.Dataset, facts.Sales.Count, facts.Customers.Count));
    }

    [Fact]
    public void RoundTripsTheLongestNameAValueMayHave()
    {
        // 32,000 chars of three UTF-8 bytes each: the longest stored name the reader must accept.
        var longest = new string('ग', HealthKart.Core.Validation.DatasetCsvReader.MaxFieldLength);
        var facts = new SourceFacts(Dataset.Tracking, [], [], [], [], [])
        {
            Customers = new CustomerRows(CustomerNames.Of(["U1", longest]), [0, 1], [0, 0], [1, 1], [100, 200], 2),
        };

        AssertSameFacts(facts, RoundTrip(facts));
    }

    [Theory]
    [InlineData(3 * 32_000 + 1)]
    [InlineData(int.MaxValue)]
    [InlineData(-1)]
    public void RefusesADamagedNameLengthWithoutMakingRoomForIt(int length)
    {
        // Format 2 with empty lists, one customer whose name claims `length` bytes and has none.
        using var packed = Packed(writer =>
        {
            WriteEmptyFacts(writer, version: 2);
            writer.Write(1);
            writer.Write7BitEncodedInt(length);
        });
        var exception = Assert.Throws<InvalidDataException>(() => SourceFactsCodec.Decode(packed));
        Assert.Contains("damaged", exception.Message);
    }

    [Fact]
    public void RefusesAnotherFormatVersion()
    {
        using var packed = Packed(writer => writer.Write(3)); // a future format
        var exception = Assert.Throws<InvalidDataException>(() => SourceFactsCodec.Decode(packed));
        Assert.Contains("re-ingest", exception.Message);
    }

    /// <summary>Facts written by hand, deflated as the codec stores them, ready to decode.</summary>
    private static MemoryStream Packed(Action<BinaryWriter> write)
    {
        var packed = new MemoryStream();
        using (var zip = new ZLibStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(zip))
        {
            write(writer);
        }

        packed.Position = 0;
        return packed;
    }

    /// <summary>The version, the dataset, an empty string table and five empty lists.</summary>
    private static void WriteEmptyFacts(BinaryWriter writer, int version)
    {
        writer.Write(version);
        writer.Write((byte)Dataset.Tracking);
        foreach (var _ in Enumerable.Range(0, 6))
        {
            writer.Write(0);
        }
    }
}
