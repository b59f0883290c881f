using HealthKart.Core.Ingestion;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Tests.Shared;

namespace HealthKart.Integration.Tests.Ingestion;

/// <summary>
/// Every malformed file of the corpus, dropped into the inbox of an app that already holds good data (often under the
/// same name, so it would replace a good source): rejected with its precise reason, and nothing stored changes.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class RejectedUploadTests(AzuriteFixture azurite)
{
    public static TheoryData<string> Corpus => [.. MalformedCorpus.All.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task MalformedFileIsRejectedWithItsReasonAndChangesNothing(string name)
    {
        var file = MalformedCorpus.All.Single(f => f.Name == name);
        await using var app = TestApp.Create(azurite);
        await IngestGoodDataAsync(app);
        var before = await app.StateAsync();

        var record = await app.IngestAsync(file.FileName, file.Content);

        Assert.Equal(UploadStatus.Rejected, record.Status);
        var first = record.FirstErrors[0];
        Assert.Equal(file.ExpectedRow, first.Row);
        Assert.Equal(file.ExpectedColumn, first.Column);
        Assert.Contains(file.ExpectedReasonFragment, first.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await app.StateAsync());
        var report = await app.Get<ValidationReportStore>().ReadAsync(record.Id, default);
        Assert.Equal(record.Errors, report!.ErrorCount);
    }

    [Fact]
    public async Task OversizeFileIsRejectedBeforeItIsRead()
    {
        await using var app =
            TestApp.Create(azurite, new Dictionary<string, string?> { ["Uploads:MaxFileBytes"] = "100" });
        await app.IngestAsync("influencers.csv", MalformedCorpus.ValidFiles["influencers.csv"]);
        var before = await app.StateAsync();

        var record = await app.IngestAsync("tracking_data.csv", SampleFiles.Tracking + new string('\n', 200));

        Assert.Equal(UploadStatus.Rejected, record.Status);
        Assert.Contains("limit is 100", record.FirstErrors[0].Reason);
        Assert.Equal(0, record.FirstErrors[0].Row);
        Assert.Equal(before, await app.StateAsync());
    }

    private static async Task IngestGoodDataAsync(TestApp app)
    {
        foreach (var (fileName, content) in MalformedCorpus.ValidFiles.OrderBy(f => f.Key.StartsWith("influencers")
            ? 0 : 1))
        {
            var record = await app.IngestAsync(fileName, content);
            Assert.Equal(UploadStatus.Ingested, record.Status);
        }
    }
}
