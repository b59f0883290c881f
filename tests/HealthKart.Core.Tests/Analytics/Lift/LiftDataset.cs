using System.Globalization;
using System.Text;
using HealthKart.Core.Analytics;
using HealthKart.Core.Validation;

namespace HealthKart.Core.Tests.Analytics.Lift;

/// <summary>
/// Writes small day-by-day datasets for the prepost tests as CSV and builds their snapshot the way ingestion does.
/// </summary>
internal sealed class LiftDataset
{
    public static readonly DateOnly Start = new(2025, 1, 6); // a Monday

    private readonly StringBuilder _tracking =
        new("source,campaign,influencer_id,user_id,product,date,orders,revenue,brand\n");
    private readonly StringBuilder _posts =
        new("post_id,influencer_id,platform,date,URL,caption,reach,likes,comments,campaign,product\n");
    private int _postCount;

    public LiftDataset Organic(int day, string product, decimal revenue) =>
        Sale(day, "organic", "", "", product, revenue);

    public LiftDataset Sale(int day, string influencer, string campaign, string product, decimal revenue) =>
        Sale(day, "Instagram", campaign, influencer, product, revenue);

    public LiftDataset Post(int day, string influencer, string campaign, string product, long reach)
    {
        _postCount++;
        _posts.Append(CultureInfo.InvariantCulture,
            $"P{_postCount},{influencer},Instagram,{Date(day)},https://instagram.com/p/{_postCount},Try " +
            $"it,{reach},{reach / 20},{reach / 100},{campaign},{product}\n");
        return this;
    }

    public Snapshot Build() => SnapshotBuilder.Build("lift-v1",
    [
        Source("influencers.csv",
            "ID,name,category,gender,follower_count,platform\nINF1,Asha,Fitness,Female,90000,Instagram\n" +
            "INF2,Bharat,Fitness,Male,40000,Instagram\n"),
        Source("posts.csv", _posts.ToString()),
        Source("tracking_data.csv", _tracking.ToString()),
    ], new AnalyticsOptions());

    public static Selection Select(Snapshot snapshot, string queryString = "") =>
        new(snapshot, HandWorkedDataset.Parse(queryString.Length == 0 ? "incrementality=prepost" : queryString
            + "&incrementality=prepost"));

    private LiftDataset Sale(int day, string source, string campaign, string influencer, string product,
        decimal revenue)
    {
        _tracking.Append(CultureInfo.InvariantCulture,
            $"{source},{campaign},{influencer},U{day},{product},{Date(day)},1,{revenue:0.00},MuscleBlaze\n");
        return this;
    }

    private static string Date(int day) => Start.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static SnapshotSource Source(string fileName, string csv)
    {
        var outcome = UploadValidator.Validate(fileName, new MemoryStream(Encoding.UTF8.GetBytes(csv)),
            ValidationContext.None);
        Assert.True(outcome.Report.Accepted, string.Join("; ", outcome.Report.Errors));
        return new SnapshotSource(fileName, outcome.Facts!);
    }
}
