using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs.Specialized;
using HealthKart.Core;
using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Customers;
using HealthKart.Core.Problems;
using HealthKart.Core.Views;
using HealthKart.Infrastructure;
using HealthKart.Infrastructure.Analytics;
using HealthKart.Infrastructure.Exports.Tracking;
using HealthKart.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace HealthKart.Integration.Tests.Analytics;

/// <summary>
/// The snapshot blob on a real Azurite: written once by the instance that builds a version, read by a cold instance
/// with no facts to build from, rebuilt when it is not what its name promises, and never corrupted by two writers.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class SnapshotBlobTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Today = new(2025, 8, 12);

    [Fact]
    public async Task AColdInstanceLoadsTheVersionFromItsBlobWithNoFactsToBuildFrom()
    {
        await using var first = await TestApp.WithSampleFilesAsync(azurite);
        var built = await first.Get<SnapshotCache>().GetAsync(default);
        await first.Get<SnapshotCache>().BlobWrite;
        Assert.True(await (await BlobAsync(first)).ExistsAsync());

        // Without the fact chunks no instance could build this version: whatever serves it came from the blob.
        foreach (var entry in (await first.Get<DatasetCatalog>().ReadAsync(default)).Sources)
        {
            await first.Get<FactStore>().DeleteAsync(entry.SourceVersion, default);
        }

        await using var cold = SameStorage(first);
        var loaded = await cold.Get<SnapshotCache>().GetAsync(default);

        Assert.Equal(built.DatasetVersion, loaded.DatasetVersion);
        Assert.Equal(Answers(built), Answers(loaded));
        Assert.True(built.Sales.Count > 0 && built.Spend.Count > 0 && built.Customers.Count > 0);

        // The control: with the blob gone too, a cold instance cannot load the version at all (a problem that says
        // the facts are missing, with no earlier version to serve).
        await (await BlobAsync(first)).DeleteAsync();
        await using var without = SameStorage(first);
        var problem =
            await Assert.ThrowsAsync<ProblemException>(() => without.Get<SnapshotCache>().GetAsync(default));
        Assert.Equal(422, problem.Status);
        Assert.Contains("are incomplete", problem.Detail, StringComparison.Ordinal);
    }

    /// <summary>
    /// Damage in the facts is found before the blob serves. Damage in the customers behind them is found once the
    /// facts already answer (docs/snapshot.md#customers-behind-the-first-answer): the customer cohorts answer 503 until
    /// the version, built again in the background, takes the damaged one's place.
    /// </summary>
    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped byte")]
    [InlineData("another format")]
    [InlineData("customers truncated")]
    [InlineData("customers flipped byte")]
    public async Task ABlobThatIsNotItsSnapshotIsRebuiltFromTheFactsAndReplaced(string damage)
    {
        await using var first = await TestApp.WithSampleFilesAsync(azurite);
        var built = await first.Get<SnapshotCache>().GetAsync(default);
        await first.Get<SnapshotCache>().BlobWrite;
        var blob = await BlobAsync(first);
        var bytes = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        var customersEnd = bytes.Length - 17; // the customer section's last byte, before the 16-byte trailer
        var damaged = damage switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "flipped byte" => [.. bytes[..(bytes.Length / 2)], (byte)(bytes[bytes.Length / 2] ^ 1),
                .. bytes[(bytes.Length / 2 + 1)..]],
            "customers truncated" => bytes[..customersEnd],
            "customers flipped byte" => [.. bytes[..customersEnd], (byte)(bytes[customersEnd] ^ 1),
                .. bytes[(customersEnd + 1)..]],
            _ => [.. bytes[..8], SnapshotCodec.FormatVersion + 1, .. bytes[9..]],
        };
        var corrupt = (await blob.UploadAsync(new BinaryData(damaged), overwrite: true)).Value.ETag;

        await using var cold = SameStorage(first);
        var cache = cold.Get<SnapshotCache>();
        var rebuilt = await cache.GetAsync(default);
        if (damage.StartsWith("customers", StringComparison.Ordinal))
        {
            Assert.Equal(503, Assert.Throws<ProblemException>(() => rebuilt.Customers).Status);
            Assert.Equal(Answers(built, exceptCustomers: true), Answers(rebuilt, exceptCustomers: true));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (await cache.GetAsync(default) is var serving && serving == rebuilt)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the version was not loaded again");
                await Task.Delay(50);
            }

            rebuilt = await cache.GetAsync(default);
        }

        await cache.BlobWrite;

        Assert.Equal(Answers(built), Answers(rebuilt));
        var replaced = await blob.GetPropertiesAsync();
        Assert.NotEqual(corrupt, replaced.Value.ETag);
        Assert.Equal(bytes.Length, replaced.Value.ContentLength);
        var reread = await cold.Get<SnapshotStore>().ReadAsync(await CatalogAsync(first), new AnalyticsOptions(),
            new CustomerOptions(), default);
        Assert.Equal(Answers(built), Answers(reread!.Snapshot));
    }

    /// <summary>
    /// A double fault: the blob's customers are corrupt and the version cannot be built from its facts either (they are
    /// gone). The reload gives up after that one try; the facts keep answering from the blob, and the cohorts keep
    /// saying 503 with a pointer to the log, rather than the instance retrying a build that cannot succeed.
    /// </summary>
    [Fact]
    public async Task CustomersThatCanNeitherBeReadNorBuiltLeaveTheFactsAnsweringAndTheCohorts503()
    {
        await using var first = await TestApp.WithSampleFilesAsync(azurite);
        var built = await first.Get<SnapshotCache>().GetAsync(default);
        await first.Get<SnapshotCache>().BlobWrite;
        var blob = await BlobAsync(first);
        var bytes = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        bytes[^17] ^= 1; // the customer section's last byte, before the 16-byte trailer
        var corrupt = (await blob.UploadAsync(new BinaryData(bytes), overwrite: true)).Value.ETag;
        foreach (var entry in (await CatalogAsync(first)).Sources)
        {
            await first.Get<FactStore>().DeleteAsync(entry.SourceVersion, default);
        }

        await using var cold = SameStorage(first);
        var cache = cold.Get<SnapshotCache>();
        var serving = await cache.GetAsync(default);
        await cache.CustomersReload.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Same(serving, await cache.GetAsync(default));
        Assert.Equal(Answers(built, exceptCustomers: true), Answers(serving, exceptCustomers: true));
        var problem = Assert.Throws<ProblemException>(() => serving.Customers);
        Assert.Equal(503, problem.Status);
        Assert.Contains("the instance's log says why", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(corrupt, (await blob.GetPropertiesAsync()).Value.ETag);
    }

    [Fact]
    public async Task TwoInstancesWritingTheSameVersionAtOnceLeaveOneWholeBlob()
    {
        await using var first = await TestApp.WithSampleFilesAsync(azurite);
        var snapshot = await first.Get<SnapshotCache>().GetAsync(default);
        await first.Get<SnapshotCache>().BlobWrite;
        var blob = await BlobAsync(first);
        await blob.DeleteAsync();

        await using var second = SameStorage(first);
        var writes = await Task.WhenAll(
            Task.Run(async () => await first.Get<SnapshotStore>().WriteAsync(await CatalogAsync(first), snapshot, null,
                default)),
            Task.Run(async () => await second.Get<SnapshotStore>().WriteAsync(await CatalogAsync(second), snapshot,
                null, default)));

        Assert.Single(writes, written => written);
        var committed = (await first.Get<SnapshotStore>().Container.GetBlockBlobClient(blob.Name)
            .GetBlockListAsync()).Value.CommittedBlocks.ToList();
        var writers = committed.Select(b => Encoding.ASCII.GetString(Convert.FromBase64String(b.Name)).Split('-')[0])
            .Distinct();
        Assert.Single(writers);
        var read = await second.Get<SnapshotStore>().ReadAsync(await CatalogAsync(second), new AnalyticsOptions(),
            new CustomerOptions(), default);
        Assert.Equal(Answers(snapshot), Answers(read!.Snapshot));
    }

    [Fact]
    public async Task TheBlobOfANewVersionReplacesTheOlderVersionsBlobs()
    {
        await using var app = await TestApp.WithSampleFilesAsync(azurite,
            new Dictionary<string, string?> { ["Snapshot:VersionCheckSeconds"] = "0" });
        var cache = app.Get<SnapshotCache>();
        var old = await cache.GetAsync(default);
        await cache.BlobWrite;

        await app.Get<DatasetCatalog>()
            .UpdateAsync(c => c with { Sources = [.. c.Sources.Where(s => s.FileName != "payouts.csv")] }, default);
        var next = await cache.GetAsync(default);
        await cache.BlobWrite;

        Assert.NotEqual(old.DatasetVersion, next.DatasetVersion);
        var names = new List<string>();
        await foreach (var item in app.Get<SnapshotStore>().Container.GetBlobsAsync(
            new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = SnapshotStore.Folder }))
        {
            names.Add(item.Name);
        }

        Assert.Equal([SnapshotStore.BlobName(await CatalogAsync(app), new AnalyticsOptions(), new CustomerOptions())],
            names);
    }

    /// <summary>The blob of the app's current dataset version.</summary>
    private static async Task<Azure.Storage.Blobs.BlobClient> BlobAsync(TestApp app) =>
        app.Get<SnapshotStore>().Container.GetBlobClient(SnapshotStore.BlobName(await CatalogAsync(app),
            new AnalyticsOptions(), new CustomerOptions()));

    private static Task<Catalog> CatalogAsync(TestApp app) => app.Get<DatasetCatalog>().ReadAsync(default);

    /// <summary>Another instance of the same Function App: same tables and containers, nothing in memory.</summary>
    private TestApp SameStorage(TestApp app) => TestApp.Create(azurite, new Dictionary<string, string?>
    {
        ["Tables:Prefix"] = app.Get<IOptions<TableOptions>>().Value.Prefix,
        ["Sources:Container"] = app.Get<IOptions<SourceCopyOptions>>().Value.Container,
    });

    /// <summary>Every analytics view's JSON, unfiltered and filtered, as the API would answer it.</summary>
    private static List<string> Answers(Snapshot snapshot, bool exceptCustomers = false) =>
    [
        .. from query in new[] { AnalyticsQuery.All, AnalyticsQuery.All with { Platforms = ["Instagram"] } }
           from view in ViewCatalog.All
           where !exceptCustomers || view.Name != "customers"
           select view.Name + " " + JsonSerializer.Serialize(view.Compute(new Selection(snapshot, query), Today),
               ApiJson.Options),
    ];
}
