using Azure.Storage.Blobs;
using HealthKart.Cli.Serve;
using HealthKart.Integration.Tests.Cli;

namespace HealthKart.Integration.Tests.Serve;

/// <summary>hk serve's own Azurite, in a temporary data folder instead of the repository's .azurite/.</summary>
public sealed class LocalStorageTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("hk-serve-storage-");

    [Fact]
    public async Task DataAndUserIdKeySurviveARestartAndOneServerHoldsTheFolder()
    {
        string key;
        await using (var storage = await StartAsync())
        {
            key = storage.UserIdKey;
            var container = new BlobContainerClient(storage.ConnectionString, "kept");
            await container.CreateIfNotExistsAsync();
            await container.GetBlobClient("influencers.csv")
                .UploadAsync(BinaryData.FromString(SampleFiles.Influencers));

            var second = await Assert.ThrowsAsync<InvalidOperationException>(StartAsync);
            Assert.Contains("Another hk serve is running", second.Message);
        }

        if (!OperatingSystem.IsWindows())
        {
            var keyFile = Path.Combine(_folder.FullName, "user-id-key");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile)); // a secret
        }

        await using (var again = await StartAsync())
        {
            Assert.Equal(key, again.UserIdKey);
            Assert.True(await new BlobContainerClient(again.ConnectionString, "kept").GetBlobClient("influencers.csv")
                .ExistsAsync());
        }
    }

    [Fact]
    public async Task RefusesTheFolderWhileScriptsAzuriteRunsOnIt()
    {
        // alive: this process
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "azurite.pid"), $"{Environment.ProcessId}\n");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(StartAsync);

        Assert.Contains("scripts/azurite.sh stop", refused.Message);
        Assert.Contains("--storage", refused.Message);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private Task<LocalStorage> StartAsync() => LocalStorage.StartAsync(HkProcess.RepositoryRoot, _folder.FullName,
        _ => { }, CancellationToken.None);
}
