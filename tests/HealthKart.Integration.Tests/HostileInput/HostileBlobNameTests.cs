using HealthKart.Core.Ingestion;
using HealthKart.Tests.Shared;

namespace HealthKart.Integration.Tests.HostileInput;

/// <summary>
/// Blobs whose names carry path characters, written straight into the inbox (as a SAS holder or a storage tool could):
/// the ingestion function refuses each by name, and nothing lands outside the inbox or in the stored data.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class HostileBlobNameTests(AzuriteFixture azurite)
{
    /// <summary>
    /// Azure (and Azurite) store '\\' as '/' and drop a leading '/'; control characters are refused by storage itself
    /// (those names are tried through the HTTP endpoint, in Security/UploadNameTests). A stored name with a '..'
    /// segment cannot be addressed through the SDK (it resolves the URL's dot segments, reaching another blob), so the
    /// ingestion function rejects such a name before it addresses the blob at all.
    /// </summary>
    [Theory]
    [InlineData("%2e%2e/tracking_data.csv", "%2e%2e/tracking_data.csv", "path characters")]
    [InlineData("tracking_data/%2e%2e%2finfluencers.csv", "tracking_data/%2e%2e%2finfluencers.csv", "path characters")]
    [InlineData("tracking_data/..%5cpayouts.csv", "tracking_data/..%5cpayouts.csv", "path characters")]
    [InlineData("C:\\Windows\\tracking_data.csv", "C:/Windows/tracking_data.csv", "path characters")]
    [InlineData("/etc/tracking_data.csv", "etc/tracking_data.csv", "Folder 'etc' is not a dataset")]
    [InlineData("tracking_data\\..\\influencers.csv", "tracking_data/../influencers.csv", "path characters")]
    public async Task BlobNameWithPathCharactersStaysInTheInboxAndIsRejectedByName(string name, string stored,
        string reason)
    {
        await using var app = TestApp.Create(azurite);
        Assert.Equal(UploadStatus.Ingested,
            (await app.IngestAsync("influencers.csv", MalformedCorpus.ValidFiles["influencers.csv"])).Status);
        var before = await app.StateAsync();

        await app.DropAsync(name, System.Text.Encoding.UTF8.GetBytes(MalformedCorpus.ValidFiles["tracking_data.csv"]));
        var listed = new List<string>();
        await foreach (var item in app.Ingestor.Inbox.GetBlobsAsync())
        {
            listed.Add(item.Name);
        }

        // The trigger delivers the name as stored.
        Assert.Equal(new[] { "influencers.csv", stored }.Order(StringComparer.Ordinal),
            listed.Order(StringComparer.Ordinal));
        var record = await app.Ingestor.IngestAsync(stored, CancellationToken.None);

        Assert.Equal(UploadStatus.Rejected, record!.Status);
        Assert.Equal(0, record.FirstErrors[0].Row);
        Assert.Contains(reason, record.FirstErrors[0].Reason);
        Assert.Equal(before, await app.StateAsync());
    }
}
