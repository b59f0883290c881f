using System.Text;
using HealthKart.Core.DataContract;
using HealthKart.Core.Validation;
using static HealthKart.Core.Tests.Validation.Uploads;

namespace HealthKart.Core.Tests.Validation;

public sealed class DatasetCsvReaderTests
{
    [Fact]
    public void ReadsTheOriginalInfluencersHeader()
    {
        var (rows, issues) = Read<InfluencerRow>(Dataset.Influencers, Lines(
            "ID,name,category,gender,follower_count,platform",
            "INF001,Asha Rao,Fitness,female,120000,instagram"));

        Assert.Equal(0, issues.ErrorCount);
        var row = Assert.Single(rows);
        // Gender and platform are stored in their canonical spelling; an absent brand_fit reads as empty.
        Assert.Equal(new InfluencerRow(2, "INF001", "Asha Rao", "Fitness", "Female", 120_000, "Instagram", ""), row);
    }

    [Fact]
    public void ReadsTheOriginalPostsHeader()
    {
        var (rows, issues) = Read<PostRow>(Dataset.Posts, Lines(
            "influencer_id,platform,date,URL,caption,reach,likes,comments",
            "INF001,youtube,2025-07-01,https://youtube.com/watch?v=a1,Whey review,30000,1500,90"));

        Assert.Equal(0, issues.ErrorCount);
        Assert.Equal(
            new PostRow(2, "INF001", "YouTube", new DateOnly(2025, 7, 1), "https://youtube.com/watch?v=a1",
                "Whey review", 30_000, 1_500, 90, "", "", ""),
            Assert.Single(rows));
    }

    [Fact]
    public void ReadsTheOriginalTrackingHeader()
    {
        var (rows, issues) = Read<TrackingRow>(Dataset.Tracking, Lines(
            "source,campaign,influencer_id,user_id,product,date,orders,revenue",
            "Instagram,Monsoon Muscle,INF001,U1001,MuscleBlaze Whey Protein,2025-07-01,2,4998.50"));

        Assert.Equal(0, issues.ErrorCount);
        // 4998.50 rupees = 499,850 paise; no status column means a completed sale.
        Assert.Equal(
            new TrackingRow(2, "Instagram", "Monsoon Muscle", "INF001", "U1001", "MuscleBlaze Whey Protein",
                new DateOnly(2025, 7, 1), 2, 499_850, "MuscleBlaze", "", SaleStatus.Completed),
            Assert.Single(rows));
    }

    [Fact]
    public void ReadsTheOriginalPayoutsHeader()
    {
        var (rows, issues) = Read<PayoutRow>(Dataset.Payouts, Lines(
            "influencer_id,basis,rate,orders,total_payout",
            "INF001,post,15000,0,15000",
            "INF002,ORDER,120.50,25,3012.50"));

        Assert.Equal(0, issues.ErrorCount);
        Assert.Equal(
            [
                new PayoutRow(2, "INF001", PayoutBasis.Post, 1_500_000, 0, 1_500_000, null, ""),
                new PayoutRow(3, "INF002", PayoutBasis.Order, 12_050, 25, 301_250, null, ""),
            ],
            rows);
    }

    [Fact]
    public void MatchesHeadersIgnoringCaseSurroundingSpacesAndAUtf8Bom()
    {
        var csv = Lines(
            " Source ,CAMPAIGN,Influencer_ID , user_id,Product,DATE,Orders,  revenue",
            "Instagram,Monsoon Muscle,INF001,U1001,Gritzo SuperMilk,2025-07-01,1,499");
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(csv)];

        var (rows, issues) = Read<TrackingRow>(Dataset.Tracking, withBom);

        Assert.Equal(0, issues.ErrorCount);
        Assert.Equal(0, issues.WarningCount); // the BOM did not turn "source" into an unknown column
        var row = Assert.Single(rows);
        Assert.Equal(("Instagram", "INF001", 49_900L), (row.Source, row.InfluencerId, row.RevenuePaise));
    }

    [Fact]
    public void AcceptsInfluencerIdAsTheIdColumnOfInfluencers()
    {
        var (rows, issues) = Read<InfluencerRow>(Dataset.Influencers, Lines(
            "influencer_id,name,category,gender,follower_count,platform",
            "INF007,Ravi K,Bodybuilding,Male,9000,Instagram"));

        Assert.Equal(0, issues.ErrorCount);
        Assert.Equal("INF007", Assert.Single(rows).Id);
    }

    [Fact]
    public void WarnsAboutAnExtraColumnAndIgnoresIt()
    {
        var (rows, issues) = Read<PostRow>(Dataset.Posts, Lines(
            "influencer_id,platform,date,URL,caption,sentiment,reach,likes,comments",
            "INF001,Instagram,2025-07-01,https://instagram.com/p/a1,Shake,positive,50000,2400,130"));

        Assert.Equal(0, issues.ErrorCount);
        var warning = Assert.Single(issues.Warnings);
        Assert.Equal((1L, "sentiment"), (warning.Row, warning.Column));
        Assert.Contains("unknown column", warning.Reason);
        // The extra column sits between caption and reach; the columns after it are still read by name.
        Assert.Equal(50_000, Assert.Single(rows).Reach);
    }

    [Fact]
    public void ReadsTheOptionalColumnsWhenPresent()
    {
        var posts = Read<PostRow>(Dataset.Posts, Lines(
            "influencer_id,platform,date,URL,caption,reach,likes,comments,post_id,campaign,product",
            "INF001,Instagram,2025-07-01,https://instagram.com/p/a1,Shake,50000,2400,130,P-17,Monsoon " +
            "Muscle,MuscleBlaze Whey"));
        var payouts = Read<PayoutRow>(Dataset.Payouts, Lines(
            "influencer_id,basis,rate,orders,total_payout,date,campaign",
            "INF001,post,15000,0,15000,2025-07-31,Monsoon Muscle",
            "INF002,post,9000,0,9000,,"));
        var influencers = Read<InfluencerRow>(Dataset.Influencers, Lines(
            "ID,name,category,gender,follower_count,platform,brand_fit",
            "INF001,Asha Rao,Fitness,Female,120000,Instagram,HKVitals"));

        Assert.Equal(0, posts.Issues.ErrorCount + payouts.Issues.ErrorCount + influencers.Issues.ErrorCount);
        var post = Assert.Single(posts.Rows);
        Assert.Equal(("P-17", "Monsoon Muscle", "MuscleBlaze Whey"), (post.PostId, post.Campaign, post.Product));
        Assert.Equal((new DateOnly(2025, 7, 31), "Monsoon Muscle"), (payouts.Rows[0].Date, payouts.Rows[0].Campaign));
        // empty optional values are absent
        Assert.Equal((null, ""), (payouts.Rows[1].Date, payouts.Rows[1].Campaign));
        Assert.Equal("HKVitals", Assert.Single(influencers.Rows).BrandFit);
    }

    [Fact]
    public void ReadsQuotedValuesWithCommasQuotesAndLineBreaks()
    {
        var (rows, issues) = Read<PostRow>(Dataset.Posts, Lines(
            "influencer_id,platform,date,URL,caption,reach,likes,comments",
            "INF001,Instagram,2025-07-01,https://instagram.com/p/a1,\"Whey, oats\nand a " +
            "\"\"cheat\"\" day\",50000,2400,130",
            "INF002,YouTube,2025-07-02,https://youtube.com/watch?v=b2,Plain,30000,1500,90"));

        Assert.Equal(0, issues.ErrorCount);
        Assert.Equal("Whey, oats\nand a \"cheat\" day", rows[0].Caption);
        // The quoted line break does not shift the numbering: the next record is still spreadsheet row 3.
        Assert.Equal(3, rows[1].Row);
    }

    [Fact]
    public void ReadsWindowsLineEndings()
    {
        var csv = "influencer_id,platform,date,URL,caption,reach,likes,comments\r\n"
            + "INF001,Instagram,2025-07-01,https://instagram.com/p/a1,\"line one\r\nline two\",50000,2400,130\r\n"
            + "INF002,YouTube,2025-07-02,https://youtube.com/watch?v=b2,Plain,30000,1500,90\r\n";

        var (rows, issues) = Read<PostRow>(Dataset.Posts, csv);

        Assert.Equal(0, issues.ErrorCount);
        Assert.Equal(["line one\r\nline two", "Plain"], rows.Select(r => r.Caption));
        Assert.Equal(90, rows[1].Comments); // "90\r" would not have parsed as a count
    }

    [Fact]
    public void AcceptsAValueOfExactlyTheMaximumLength()
    {
        var caption = new string('x', DatasetCsvReader.MaxFieldLength);
        var (rows, issues) = Read<PostRow>(Dataset.Posts, Lines(
            "influencer_id,platform,date,URL,caption,reach,likes,comments",
            $"INF001,Instagram,2025-07-01,https://instagram.com/p/a1,{caption},50000,2400,130"));

        Assert.Equal(0, issues.ErrorCount);
        Assert.Equal(DatasetCsvReader.MaxFieldLength, Assert.Single(rows).Caption.Length);
    }

    [Fact]
    public void ListsEveryBadValueOfARowNotOnlyTheFirst()
    {
        // Gender is read before the ID; an error there used to hide the empty ID of the same row.
        var (rows, issues) = Read<InfluencerRow>(Dataset.Influencers, Lines(
            "ID,name,category,gender,follower_count,platform",
            ",Asha Rao,Fitness,F,12k,Instagram"));

        Assert.Empty(rows);
        Assert.Equal(
            [("gender", "must be Male, Female or Other"), ("ID", "empty; a value is required"),
                ("follower_count", "not a number")],
            issues.Errors.Select(e => (e.Column!, e.Reason)));
        Assert.All(issues.Errors, e => Assert.Equal(2, e.Row));
    }

    [Fact]
    public void BlamesAQuotingErrorOnItsOwnRowAndKeepsReadingTheNext()
    {
        // CsvHelper reports a stray quote only when the field is read; it used to be blamed on the following row.
        var (rows, issues) = Read<PostRow>(Dataset.Posts, Lines(
            "influencer_id,platform,date,URL,caption,reach,likes,comments",
            "INF001,Instagram,2025-07-01,https://instagram.com/p/a1,A 6\" shaker,50000,2400,130",
            "INF002,YouTube,2025-07-02,https://youtube.com/watch?v=b2,Plain,30000,1500,90"));

        var error = Assert.Single(issues.Errors);
        Assert.Equal(2, error.Row);
        Assert.Contains("malformed quoting", error.Reason);
        Assert.Equal(3, Assert.Single(rows).Row);
    }

    [Fact]
    public void RejectsAQuoteLeftOpenOnTheLastRow()
    {
        // The open quote swallows the line break, so the row still has 8 fields; it used to be ingested as "90\n".
        var (rows, issues) = Read<PostRow>(Dataset.Posts, Lines(
            "influencer_id,platform,date,URL,caption,reach,likes,comments",
            "INF001,Instagram,2025-07-01,https://instagram.com/p/a1,Plain,50000,2400,\"130"));

        Assert.Empty(rows);
        Assert.Equal(2, Assert.Single(issues.Errors).Row);
    }

    [Fact]
    public void RejectsBadQuotingInTheHeaderWithoutBlamingTheFirstRow()
    {
        var (rows, issues) = Read<PostRow>(Dataset.Posts, Lines(
            "influencer_id,platform,date,URL,\"caption\"x,reach,likes,comments,caption",
            "INF001,Instagram,2025-07-01,https://instagram.com/p/a1,Plain,50000,2400,130,Plain"));

        Assert.Empty(rows);
        var error = Assert.Single(issues.Errors);
        Assert.Equal((1L, null), (error.Row, error.Column));
        Assert.Contains("header row has malformed quoting", error.Reason);
    }

    [Fact]
    public void RejectsInvalidUtf8EvenAfterAUtf8Bom()
    {
        // With a BOM, StreamReader used to swap in a lenient decoder and ingest "Cr\uFFFDme" silently.
        byte[] content = [0xEF, 0xBB, 0xBF,
            .. Encoding.UTF8.GetBytes(
                "influencer_id,platform,date,URL,caption,reach,likes,comments\n" +
                "INF001,Instagram,2025-07-01,https://a,Cr"),
            0xE8, // 'è' in Windows-1252; not a UTF-8 sequence
            .. Encoding.UTF8.GetBytes("me,50000,2400,130\n")];

        var (rows, issues) = Read<PostRow>(Dataset.Posts, content);

        Assert.Empty(rows);
        var error = Assert.Single(issues.Errors);
        Assert.Equal((2L, "caption", "Cr\uFFFDme"), (error.Row, error.Column, error.Value));
    }

    [Fact]
    public void ReportsInvalidUtf8OnTheRowThatHoldsIt()
    {
        // The bad byte is on row 4 of a file far smaller than the 64 KB decode buffer; it used to be reported on row 1.
        var good = "Instagram,Monsoon Muscle,INF001,U1,MuscleBlaze Whey,2025-07-01,1,100\n";
        byte[] content = [
            .. Encoding.UTF8.GetBytes("source,campaign,influencer_id,user_id,product,date,orders,revenue\n" + good
                + good),
            .. Encoding.Latin1.GetBytes("Instagram,Monsoon Muscle,INF001,U1,HKVitals Café,2025-07-01,1,100\n"),
            .. Encoding.UTF8.GetBytes(good)];

        var (rows, issues) = Read<TrackingRow>(Dataset.Tracking, content);

        Assert.Equal([2L, 3L, 5L], rows.Select(r => r.Row));
        var error = Assert.Single(issues.Errors);
        Assert.Equal((4L, "product"), (error.Row, error.Column));
        Assert.Contains("not valid UTF-8", error.Reason);
    }

    [Fact]
    public void KeepsGenuineUnicodeText()
    {
        // Devanagari and the rupee sign are valid UTF-8: nothing about them is "invalid".
        var (rows, issues) = Read<PostRow>(Dataset.Posts, Lines(
            "influencer_id,platform,date,URL,caption,reach,likes,comments",
            "INF001,Instagram,2025-07-01,https://instagram.com/p/a1,सुबह का शेक ₹499,50000,2400,130"));

        Assert.Equal(0, issues.ErrorCount);
        Assert.Equal("सुबह का शेक ₹499", Assert.Single(rows).Caption);
    }
}
