using HealthKart.Core.Ingestion;
using HealthKart.Tests.Shared;

namespace HealthKart.Integration.Tests.HostileInput;

/// <summary>A 200 MB file in the inbox, over the configured limit: rejected by its size, without being read.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class OversizeFileTests(AzuriteFixture azurite)
{
    private const long FileBytes = 200L * 1000 * 1000;
    private const long LimitBytes = 64L * 1024 * 1024;

    [Fact]
    public async Task TwoHundredMegabyteFileIsRejectedBySizeWithoutBeingRead()
    {
        await using var app = TestApp.Create(azurite,
            new Dictionary<string, string?> { ["Uploads:MaxFileBytes"] = LimitBytes.ToString() });
        Assert.Equal(UploadStatus.Ingested,
            (await app.IngestAsync("influencers.csv", MalformedCorpus.ValidFiles["influencers.csv"])).Status);
        var before = await app.StateAsync();
        await app.Ingestor.Inbox.GetBlobClient("tracking_data.csv").UploadAsync(new GeneratedCsvStream(FileBytes),
            overwrite: true);

        // Process-wide, so other work in the test host counts against it too: a generous bound. Reading the file at all
        // would allocate more than the file's size in field strings (UTF-16, two bytes per character).
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var record = await app.Ingestor.IngestAsync("tracking_data.csv", CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.Equal(UploadStatus.Rejected, record!.Status);
        Assert.Equal(FileBytes, record.Bytes);
        Assert.Equal(0, record.FirstErrors[0].Row);
        // Indian grouping: 200,000,000 is 20 crore (20,00,00,000); 64
        // MiB is 67,108,864 = 6 crore 71 lakh 8,864 (6,71,08,864).
        Assert.Contains("the file is 20,00,00,000 bytes; the limit is 6,71,08,864", record.FirstErrors[0].Reason);
        Assert.True(allocated < FileBytes / 8, $"rejecting the file allocated {allocated:N0} bytes");
        Assert.Equal(before, await app.StateAsync());
    }
}
