using System.Text;
using HealthKart.Core.DataContract;
using HealthKart.Core.Validation;
using static HealthKart.Core.Tests.Validation.Uploads;

namespace HealthKart.Core.Tests.Validation;

public sealed class UploadValidatorTests
{
    private const string TrackingHeader = "source,campaign,influencer_id,user_id,product,date,orders,revenue";

    [Fact]
    public void ReportsTheDateRangeOfTheFileWhateverTheRowOrder()
    {
        var report = Validate("tracking_data_july.csv", Lines(TrackingHeader,
            "Instagram,C1,INF001,U1,MuscleBlaze Whey,2025-07-15,1,100",
            "Instagram,C1,INF001,U2,MuscleBlaze Whey,2025-06-30,1,100",
            "Instagram,C1,INF001,U3,MuscleBlaze Whey,2025-07-31T20:00:00Z,1,100", // 1 August in India
            "Instagram,C1,INF001,U4,MuscleBlaze Whey,2025-07-02,1,100")).Report;

        Assert.True(report.Accepted);
        Assert.Equal((Dataset.Tracking, 4L), (report.Dataset, report.Rows));
        Assert.Equal((new DateOnly(2025, 6, 30), new DateOnly(2025, 8, 1)), (report.FirstDate, report.LastDate));
    }

    [Fact]
    public void HasNoDateRangeForFilesWithoutDates()
    {
        var report = Validate("payouts.csv", Lines(
            "influencer_id,basis,rate,orders,total_payout",
            "INF001,post,15000,0,15000")).Report;

        Assert.True(report.Accepted);
        Assert.Null(report.FirstDate);
        Assert.Null(report.LastDate);
    }

    [Fact]
    public void TakesThePayoutDateRangeFromTheOptionalDateColumn()
    {
        var report = Validate("payouts/2025-q3.csv", Lines(
            "influencer_id,basis,rate,orders,total_payout,date",
            "INF001,post,15000,0,15000,2025-09-30",
            "INF002,post,9000,0,9000,",
            "INF003,post,9000,0,9000,2025-07-31")).Report;

        Assert.Equal((new DateOnly(2025, 7, 31), new DateOnly(2025, 9, 30)), (report.FirstDate, report.LastDate));
    }

    [Fact]
    public void ReportsProgressEveryTenThousandRows()
    {
        // 25,000 rows: progress at 10,000 and 20,000, and a last call with all 25,000 when the file ends.
        var csv = new StringBuilder(TrackingHeader).Append('\n');
        for (var i = 0; i < 25_000; i++)
        {
            csv.Append("Instagram,C1,INF001,U").Append(i).Append(",MuscleBlaze Whey,2025-07-01,1,100\n");
        }

        var progress = new List<long>();
        var report = Validate("tracking_data.csv", csv.ToString(), onProgress: progress.Add).Report;

        Assert.Equal([10_000L, 20_000L, 25_000L], progress);
        Assert.Equal(25_000, report.Rows);
    }

    [Fact]
    public void RejectedFileCountsItsBadRowsTooInItsRowCount()
    {
        // Three data rows, the middle one with a bad date: the report speaks of all three rows of the file.
        var report = Validate("tracking_data.csv", Lines([
            TrackingHeader,
            "Instagram,C1,INF001,U1,MuscleBlaze Whey,2025-07-01,1,100",
            "Instagram,C1,INF001,U2,MuscleBlaze Whey,July 2nd,1,100",
            "Instagram,C1,INF001,U3,MuscleBlaze Whey,2025-07-03,1,100",
        ])).Report;

        Assert.Equal((3L, 1L), (report.Rows, report.ErrorCount));
    }

    [Fact]
    public void CountsEveryErrorButListsOnlyTheFirstFew()
    {
        // Five negative revenues; at most two are listed, all five are counted, per column too.
        var rows = Enumerable.Range(1, 5).Select(i => $"Instagram,C1,INF001,U{i},MuscleBlaze Whey,2025-07-01,1,-{i}");
        var report = Validate("tracking_data.csv", Lines([TrackingHeader, .. rows]), maxListed: 2).Report;

        Assert.False(report.Accepted);
        Assert.Equal(5, report.ErrorCount);
        Assert.Equal([2L, 3L], report.Errors.Select(e => e.Row));
        Assert.Equal(5, report.ErrorsByColumn["revenue"]);
    }

    [Fact]
    public void QuotesTheBadValueInTheError()
    {
        var error = Assert.Single(Validate("tracking_data.csv", Lines(TrackingHeader,
            "Instagram,C1,INF001,U1,MuscleBlaze Whey,2025-07-01,1,\"1,499.00\"")).Report.Errors);

        Assert.Equal((2L, "revenue", "1,499.00"), (error.Row, error.Column, error.Value));
    }

    [Fact]
    public void NamesTheColumnAsTheFileSpellsIt()
    {
        var error = Assert.Single(Validate("tracking_data.csv", Lines(
            "Source,Campaign,Influencer_ID,User_ID,Product,Date,Orders,Revenue",
            "Instagram,C1,INF001,U1,MuscleBlaze Whey,01-07-2025,1,100")).Report.Errors);

        Assert.Equal("Date", error.Column);
    }

    [Fact]
    public void AcceptsAFileWithOnlyWarningsAndBuildsItsFacts()
    {
        var outcome = Validate("posts.csv", Lines(
            "influencer_id,platform,date,URL,caption,reach,likes,comments,mood",
            "INF001,Instagram,2025-07-01,https://a/1,Shake,10,90,20,happy"));

        // Warnings: the unknown "mood" column, likes + comments above reach, and IDs not checked.
        Assert.Equal(3, outcome.Report.WarningCount);
        Assert.True(outcome.Report.Accepted);
        Assert.NotNull(outcome.Facts);
    }

    [Fact]
    public void RejectsTheWholeFileForOneBadRowAndBuildsNoFacts()
    {
        var outcome = Validate("tracking_data.csv", Lines(TrackingHeader,
            "Instagram,C1,INF001,U1,MuscleBlaze Whey,2025-07-01,1,100",
            "Instagram,C1,INF001,U2,MuscleBlaze Whey,2025-07-01,1,abc",
            "Instagram,C1,INF001,U3,MuscleBlaze Whey,2025-07-01,1,100"));

        Assert.False(outcome.Report.Accepted);
        Assert.Null(outcome.Facts);
        Assert.Equal(3, Assert.Single(outcome.Report.Errors).Row);
    }

    [Fact]
    public void RefusesAFileNameThatIsNotADatasetBeforeReadingIt()
    {
        var unreadable = new ThrowingStream();

        var report = UploadValidator.Validate("notes/readme.csv", unreadable, ValidationContext.None).Report;

        Assert.Null(report.Dataset);
        Assert.Equal(0, Assert.Single(report.Errors).Row);
    }

    private sealed class ThrowingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("read");
        public override int Read(Span<byte> buffer) => throw new InvalidOperationException("read");
    }
}
