using HealthKart.Core.Analytics;
using HealthKart.Core.Validation;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>The four CSV files <c>hk simulate</c> wrote, validated and folded into facts as ingestion does.</summary>
internal static class SimulatedSources
{
    public static List<SnapshotSource> Read(string directory) =>
        new[] { "influencers.csv", "posts.csv", "tracking_data.csv", "payouts.csv" }.Select(name =>
        {
            using var stream = File.OpenRead(Path.Combine(directory, name));
            var outcome = UploadValidator.Validate(name, stream, ValidationContext.None);
            Assert.True(outcome.Report.Accepted, string.Join("; ", outcome.Report.Errors));
            return new SnapshotSource(name, outcome.Facts!);
        }).ToList();
}
