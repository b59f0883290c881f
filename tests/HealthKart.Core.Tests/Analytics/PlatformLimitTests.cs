using System.Text;
using HealthKart.Core.Analytics;
using HealthKart.Core.Validation;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>
/// Platform ids are two bytes in every fact table, so a dataset holds at most 65,536 distinct platforms and channels
/// (docs/data-contract.md#how-many-distinct-values): the build refuses one more with a clear error instead of wrapping
/// an id onto another platform.
/// </summary>
public sealed class PlatformLimitTests
{
    [Fact]
    public void ThePlatformPoolHoldsEveryIdOfTwoBytesAndRefusesOneMore()
    {
        var platforms = SnapshotBuilder.Build("v1", [], new AnalyticsOptions()).Platforms;
        Assert.Equal(65_536, Snapshot.MaxPlatforms);
        for (var i = platforms.Count; i < Snapshot.MaxPlatforms; i++)
        {
            platforms.Intern($"channel {i}");
        }

        Assert.Equal(ushort.MaxValue, platforms.Intern($"channel {ushort.MaxValue}"));
        Assert.Equal(0, platforms.Intern(platforms[0].ToUpperInvariant())); // a known value, any case, still resolves

        var refused = Assert.Throws<SnapshotBuildException>(() => platforms.Intern("one channel too many"));
        Assert.Contains("65,536 distinct platforms and channels", refused.Message);
        Assert.Contains("\"one channel too many\"", refused.Message);
        Assert.Equal(Snapshot.MaxPlatforms, platforms.Count);
    }

    /// <summary>
    /// A tracking file whose sales come through 65,537 distinct sources (65,536 plus one): accepted row by row, but the
    /// dataset cannot be built, and the error says why. With one source fewer it builds, and the last channel keeps
    /// its own id, 65,535.
    /// </summary>
    [Theory]
    [InlineData(65_536, true)]
    [InlineData(65_537, false)]
    public void ADatasetWithMorePlatformsThanTwoBytesHoldFailsToBuild(int sources, bool builds)
    {
        var csv = new StringBuilder("source,campaign,influencer_id,user_id,product,date,orders,revenue\n");
        for (var i = 0; i < sources; i++)
        {
            csv.Append("channel-").Append(i).Append(",Summer,INF001,,MuscleBlaze Whey,2025-07-02,1,100.00\n");
        }

        var outcome = UploadValidator.Validate("tracking_data.csv",
            new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), ValidationContext.None);
        Assert.True(outcome.Report.Accepted, string.Join("; ", outcome.Report.Errors));
        SnapshotSource[] facts = [new("tracking_data.csv", outcome.Facts!)];

        if (builds)
        {
            var snapshot = SnapshotBuilder.Build("v1", facts, new AnalyticsOptions());
            var last = snapshot.Platforms.Find($"channel-{sources - 1}");
            Assert.Equal(ushort.MaxValue, last);
            Assert.Contains(ushort.MaxValue, snapshot.Sales.Platform.Take(snapshot.Sales.Count));
        }
        else
        {
            var refused = Assert.Throws<SnapshotBuildException>(
                () => SnapshotBuilder.Build("v1", facts, new AnalyticsOptions()));
            Assert.Contains("more than 65,536 distinct platforms and channels", refused.Message);
        }
    }
}
