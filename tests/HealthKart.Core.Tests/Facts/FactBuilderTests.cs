using HealthKart.Core.DataContract;
using HealthKart.Core.Facts;
using static HealthKart.Core.Tests.Validation.Uploads;

namespace HealthKart.Core.Tests.Facts;

public sealed class FactBuilderTests
{
    private const string TrackingHeader = "source,campaign,influencer_id,user_id,product,date,orders,revenue";

    private static SourceFacts FactsOf(string fileName, string csv)
    {
        var outcome = Validate(fileName, csv);
        Assert.True(outcome.Report.Accepted, string.Join("; ", outcome.Report.Errors));
        return outcome.Facts!;
    }

    [Fact]
    public void NetsRefundsAndCancellationsOutOfInfluencerSales()
    {
        var facts = FactsOf("tracking_data.csv", Lines(TrackingHeader + ",status",
            "Instagram,Monsoon,INF001,U1,MuscleBlaze Whey,2025-07-01,2,5000.00,completed",
            "Instagram,Monsoon,INF001,U2,MuscleBlaze Whey,2025-07-01,1,2500.00,refunded",
            "instagram,Monsoon,INF001,U3,MuscleBlaze Whey,2025-07-01,3,7500.50,",
            "Instagram,Monsoon,INF001,U4,MuscleBlaze Whey,2025-07-01,1,1200.00,Cancelled",
            "organic,,,U5,HK Vitals Fish Oil,2025-07-01,4,3196.00,completed"));

        // INF001, one key (source "instagram" is canonicalised to "Instagram"; empty status = completed):
        //   orders  2 - 1 + 3 - 1 = 3
        //   revenue 5000.00 - 2500.00 + 7500.50 - 1200.00 = 8800.50 rupees = 880,050 paise, from 4 rows
        // Organic, its own key with no influencer: 4 orders, 3196.00 rupees = 319,600 paise, brand from the product
        // name.
        var day = new DateOnly(2025, 7, 1);
        Assert.Equal(
            [
                new SalesFact(day, "INF001", "Monsoon", "MuscleBlaze Whey", "MuscleBlaze", "Instagram", false, 3,
                    880_050, 4),
                new SalesFact(day, "", "", "HK Vitals Fish Oil", "HKVitals", "organic", true, 4, 319_600, 1),
            ],
            facts.Sales);
        Assert.Equal(Dataset.Tracking, facts.Dataset);
        Assert.Equal(5, Assert.Single(facts.TrackingDays).Rows);
    }

    [Fact]
    public void TreatsRowsWithoutAnInfluencerAsOrganicWhateverTheirSource()
    {
        var sale = Assert.Single(FactsOf("tracking_data.csv", Lines(TrackingHeader,
            "Google Ads,Always On,,U1,Gritzo SuperMilk,2025-07-01,1,499")).Sales);

        Assert.True(sale.Organic);
        Assert.Equal(("", "Google Ads"), (sale.InfluencerId, sale.Source));
    }

    [Theory]
    [InlineData("MuscleBlaze Biozyme Whey", "MuscleBlaze")]
    [InlineData("Muscle Blaze Creatine", "MuscleBlaze")] // spaces inside the brand are ignored
    [InlineData("MB Fuel One Whey", "MuscleBlaze")]     // the short form on HealthKart's own listings
    [InlineData("HK Vitals Multivitamin", "HKVitals")]
    [InlineData("hkvitals Biotin", "HKVitals")]
    [InlineData("Gritzo SuperMilk", "Gritzo")]
    [InlineData("Optimum Nutrition Gold", "(unknown)")]
    public void DerivesTheBrandFromTheProductWhenThereIsNoBrandColumn(string product, string brand)
    {
        var sale = Assert.Single(FactsOf("tracking_data.csv", Lines(TrackingHeader,
            $"Instagram,C1,INF001,U1,{product},2025-07-01,1,100")).Sales);

        Assert.Equal(brand, sale.Brand);
    }

    [Fact]
    public void PrefersTheBrandColumnWhenThereIsOne()
    {
        var sales = FactsOf("tracking_data.csv", Lines(TrackingHeader + ",brand",
            // the column wins over the product name
            "Instagram,C1,INF001,U1,MuscleBlaze Whey,2025-07-01,1,100,hkvitals",
            // a brand we do not know is kept as written
            "Instagram,C1,INF001,U1,Night Serum,2025-07-01,1,100,Bold Care",
            "Instagram,C1,INF001,U1,Gritzo SuperMilk,2025-07-01,1,100,")).Sales; // empty: derived again

        Assert.Equal(["HKVitals", "Bold Care", "Gritzo"], sales.Select(s => s.Brand));
    }

    [Fact]
    public void SumsPostsOfOneDayInfluencerAndPlatform()
    {
        var facts = FactsOf("posts.csv", Lines(
            "influencer_id,platform,date,URL,caption,reach,likes,comments",
            "INF001,Instagram,2025-07-01,https://a/1,One,1000,100,10",
            "INF001,instagram,2025-07-01,https://a/2,Two,500,50,5",
            "INF001,YouTube,2025-07-01,https://a/3,Three,200,20,2"));

        // Instagram: 2 posts, reach 1000 + 500 = 1500, likes 150, comments 15. YouTube on its own.
        var day = new DateOnly(2025, 7, 1);
        Assert.Equal(
            [
                new PostFact(day, "INF001", "Instagram", "", "", 2, 1_500, 150, 15),
                new PostFact(day, "INF001", "YouTube", "", "", 1, 200, 20, 2),
            ],
            facts.Posts);
    }

    [Fact]
    public void FingerprintsATrackingDayRegardlessOfRowOrder()
    {
        string[] rows =
        [
            "Instagram,C1,INF001,U1,MuscleBlaze Whey,2025-07-01,1,100",
            "YouTube,C1,INF002,U2,Gritzo SuperMilk,2025-07-01,2,250",
            "Instagram,C1,INF001,U3,MuscleBlaze Whey,2025-07-02,1,100",
        ];
        var july = FactsOf("tracking_data_july.csv", Lines([TrackingHeader, .. rows]));
        var copy = FactsOf("tracking_data_july_copy.csv", Lines([TrackingHeader, rows[2], rows[1], rows[0]]));
        var edited = FactsOf("tracking_data_july_v2.csv",
            Lines([TrackingHeader, rows[0], rows[1].Replace(",250", ",251"), rows[2]]));

        // Same rows in another order: the same digest per day (2 rows on 1 July, 1 row on 2 July).
        Assert.Equal(july.TrackingDays, copy.TrackingDays);
        Assert.Equal([2, 1], july.TrackingDays.Select(d => d.Rows));
        // One rupee changed on 1 July: that day's digest changes, 2 July's does not.
        Assert.NotEqual(july.TrackingDays[0].Digest, edited.TrackingDays[0].Digest);
        Assert.Equal(july.TrackingDays[1], edited.TrackingDays[1]);
    }

    [Fact]
    public void KeepsEachIdentifiedCustomersRowsUnderTheirPseudonymPointingAtTheirFact()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Lines(TrackingHeader + ",status",
            "Instagram,Monsoon,INF001,U1,MuscleBlaze Whey,2025-07-02,2,5000.00,completed",
            "organic,,,U2,HK Vitals Fish Oil,2025-07-01,1,800.00,completed",
            "Instagram,Monsoon,INF001,U2,MuscleBlaze Whey,2025-07-02,1,2500.00,refunded",
            "Instagram,Monsoon,INF001,,MuscleBlaze Whey,2025-07-02,1,2500.00,completed")));
        var facts = HealthKart.Core.Validation.UploadValidator.Validate("tracking_data.csv", stream,
            HealthKart.Core.Validation.ValidationContext.None, customerKey: raw => "p-" + raw).Facts!;

        // Facts are date-ordered: the 1 July organic fact is 0, the 2 July INF001 fact (all three of its rows) is 1.
        // The row without a user_id is no customer's; the refund is U2's, negative.
        var c = facts.Customers;
        Assert.Equal(["p-U1", "p-U2"], c.Customers);
        Assert.Equal([0, 1, 1], c.Customer);
        Assert.Equal([1, 0, 1], c.Sale);
        Assert.Equal([2, 1, -1], c.Orders);
        Assert.Equal([500_000L, 80_000, -250_000], c.RevenuePaise);
        Assert.Equal((new DateOnly(2025, 7, 1), true), (facts.Sales[0].Date, facts.Sales[0].Organic));
    }

    [Fact]
    public void NumbersThousandsOfCustomersInTheOrderTheyFirstBuy()
    {
        // 20,000 customers buy once in order U0..U19999, then again in reverse; one more has an ID of 70,000 chars.
        // Numbers follow first purchases: 0..19999 for the first pass, the same numbers backwards for the second, 20000
        // for the long ID. The 40,001 rows span three full batches of the numbering on another core and a part one,
        // and grow the customer table past its first 4,096 slots; each pseudonym is computed once.
        var named = new List<string>();
        var builder = new FactBuilder(Dataset.Tracking, raw =>
        {
            named.Add(raw);
            return "p-" + raw;
        });
        var longId = "U" + new string('9', 69_999);
        var users = Enumerable.Range(0, 20_000).Select(i => $"U{i}").ToList();
        var bought = users.Concat(Enumerable.Reverse(users)).Append(longId).ToList();
        for (var row = 0; row < bought.Count; row++)
        {
            Assert.Null(builder.Add(new TrackingRow(row + 2, "organic", "", "", bought[row], "MuscleBlaze Whey",
                new DateOnly(2025, 7, 1), 1, 100, "MuscleBlaze", $"ORD{row}", SaleStatus.Completed)));
        }

        var customers = builder.Build().Customers;
        Assert.Equal(users.Append(longId).Select(id => "p-" + id), customers.Customers);
        Assert.Equal([.. Enumerable.Range(0, 20_000), .. Enumerable.Range(0, 20_000).Reverse(), 20_000],
            customers.Customer);
        Assert.Equal(users.Append(longId), named);
        Assert.Equal(new int[bought.Count], customers.Sale);
    }

    [Fact]
    public void NumbersCustomersInFileOrderWhileAnEarlierBatchIsStillBeingNumbered()
    {
        // 60,000 customers, each new, in batches of 16,384 rows numbered on another core. The keyed name of the
        // first batch's last customer takes 200 ms, long enough for the reader to fill and hand over the next two
        // batches meanwhile: their customers must still come after it, numbered 0 to 59,999 in file order. Idle pool
        // threads are made ready, so that a batch handed over could start at once if nothing held it back.
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, 8), completions);
        try
        {
            NumberSixtyThousandCustomersWithOneSlowName();
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, completions);
        }
    }

    private static void NumberSixtyThousandCustomersWithOneSlowName()
    {
        var users = Enumerable.Range(0, 60_000).Select(i => $"U{i}").ToList();
        var builder = new FactBuilder(Dataset.Tracking, raw =>
        {
            if (raw == "U16383")
            {
                Thread.Sleep(200);
            }

            return "p-" + raw;
        });
        for (var row = 0; row < users.Count; row++)
        {
            Assert.Null(builder.Add(new TrackingRow(row + 2, "organic", "", "", users[row], "MuscleBlaze Whey",
                new DateOnly(2025, 7, 1), 1, 100, "MuscleBlaze", $"ORD{row}", SaleStatus.Completed)));
        }

        var customers = builder.Build().Customers;
        Assert.Equal([.. Enumerable.Range(0, 60_000)], customers.Customer);
        Assert.Equal(users.Select(id => "p-" + id), customers.Customers);
    }

    [Fact]
    public void NumbersCustomersWithLongIdsAsShortOnes()
    {
        // 2,000 customers with IDs of 1,000 to 2,999 chars (a text value may have 32,000), buying twice, in turn: their
        // IDs fill a batch's chars long before its rows, so many smaller batches are handed over.
        var users = Enumerable.Range(0, 2_000).Select(i => $"U{i}-" + new string('x', 1_000 + i)).ToList();
        var builder = new FactBuilder(Dataset.Tracking);
        var bought = users.Concat(users).ToList();
        for (var row = 0; row < bought.Count; row++)
        {
            Assert.Null(builder.Add(new TrackingRow(row + 2, "organic", "", "", bought[row], "MuscleBlaze Whey",
                new DateOnly(2025, 7, 1), 1, 100, "MuscleBlaze", $"ORD{row}", SaleStatus.Completed)));
        }

        var customers = builder.Build().Customers;
        Assert.Equal(users, customers.Customers);
        Assert.Equal([.. Enumerable.Range(0, 2_000), .. Enumerable.Range(0, 2_000)], customers.Customer);
    }

    [Fact]
    public void NumbersCustomersAlikeWhileSeveralFilesAreReadAtOnce()
    {
        // Six files of 60,000 rows (customers drawn from 25,000, seeded), read on six threads at once on a machine
        // with fewer cores, so batches are numbered now on another thread, now inline by the reader waiting for them.
        // Each file's numbers must be those of first appearance, worked out independently with a dictionary.
        var files = Enumerable.Range(1, 6).Select(seed =>
        {
            var random = new Random(seed);
            return Enumerable.Range(0, 60_000).Select(_ => $"U{random.Next(25_000)}").ToArray();
        }).ToArray();
        var built = new CustomerRows[files.Length];

        Parallel.For(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = files.Length }, f =>
        {
            var builder = new FactBuilder(Dataset.Tracking);
            for (var row = 0; row < files[f].Length; row++)
            {
                builder.Add(new TrackingRow(row + 2, "organic", "", "", files[f][row], "MuscleBlaze Whey",
                    new DateOnly(2025, 7, 1), 1, 100, "MuscleBlaze", $"ORD{row}", SaleStatus.Completed));
            }

            built[f] = builder.Build().Customers;
        });

        for (var f = 0; f < files.Length; f++)
        {
            var numbers = new Dictionary<string, int>();
            var expected = files[f].Select(id => numbers.TryGetValue(id, out var n) ? n : numbers[id] = numbers.Count)
                .ToArray();
            Assert.Equal(expected, built[f].Customer);
            Assert.Equal(numbers.OrderBy(pair => pair.Value).Select(pair => pair.Key), built[f].Customers);
        }
    }
}
