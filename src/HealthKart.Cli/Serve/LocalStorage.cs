using System.Diagnostics;
using System.Security.Cryptography;
using HealthKart.Local;

namespace HealthKart.Cli.Serve;

/// <summary>
/// The storage <c>hk serve</c> runs when no <c>--storage</c> is given: the repository's pinned Azurite with its data in
/// <c>.azurite/</c>, kept across runs, and a user_id pseudonym key generated once and kept beside that data, so
/// pseudonyms stay stable for as long as the data does.
/// </summary>
public sealed class LocalStorage : IAsyncDisposable
{
    private const string KeyFile = "user-id-key";
    private const string LockFile = "hk-serve.lock";
    private const string ScriptPidFile = "azurite.pid"; // written by scripts/azurite.sh, which uses the same folder

    private readonly AzuriteServer _azurite;
    private readonly FileStream _lock;

    private LocalStorage(AzuriteServer azurite, FileStream folderLock, string userIdKey)
    {
        _azurite = azurite;
        _lock = folderLock;
        UserIdKey = userIdKey;
    }

    public string ConnectionString => _azurite.ConnectionString;

    public int BlobPort => _azurite.BlobPort;

    public bool IsRunning => _azurite.IsRunning;

    /// <summary>The <c>Privacy:UserIdKey</c> for data in this Azurite.</summary>
    public string UserIdKey { get; }

    public static async Task<LocalStorage> StartAsync(string repositoryRoot, string dataFolder, Action<string> say, CancellationToken cancellationToken)
    {
        await AzuriteInstall.EnsureAsync(repositoryRoot, say, cancellationToken);
        Directory.CreateDirectory(dataFolder);
        var folderLock = Lock(dataFolder);
        try
        {
            RefuseScriptAzurite(dataFolder);
            var key = await UserIdKeyAsync(dataFolder, say, cancellationToken);
            // The usual ports when they are free, so 'hk upload' with no --storage reaches this Azurite; else any free ones.
            var usual = AzuriteServer.DefaultPorts;
            var ports = new[] { usual.Blob, usual.Queue, usual.Table }.All(AzuriteServer.IsPortFree) ? usual : ((int, int, int)?)null;
            var azurite = await AzuriteServer.StartAsync(
                new AzuriteOptions { Location = dataFolder, RepositoryRoot = repositoryRoot, Ports = ports }, cancellationToken);
            return new LocalStorage(azurite, folderLock, key);
        }
        catch
        {
            await folderLock.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops Azurite cleanly (it saves its metadata on the way out), then frees the data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await _azurite.DisposeAsync();
        await _lock.DisposeAsync();
    }

    /// <summary>Two Azurites on one folder corrupt it: the lock (flock on Linux) keeps a second hk serve out.</summary>
    private static FileStream Lock(string dataFolder)
    {
        try
        {
            return new FileStream(Path.Combine(dataFolder, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception)
        {
            throw new InvalidOperationException(
                $"Another hk serve is running on {dataFolder}. Stop it first, or give this one other storage with --storage CONNECTION_STRING.", exception);
        }
    }

    private static void RefuseScriptAzurite(string dataFolder)
    {
        var pidFile = Path.Combine(dataFolder, ScriptPidFile);
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return;
            }
        }
        catch (ArgumentException)
        {
            return; // a stale pid file: that Azurite is gone
        }

        throw new InvalidOperationException(
            $"scripts/azurite.sh runs an Azurite on {dataFolder} (pid {pid}), and two must not share one data folder. " +
            $"Stop it with 'scripts/azurite.sh stop' and hk serve starts its own, or keep it and pass --storage \"{AzuriteServer.DefaultConnectionString}\".");
    }

    private static async Task<string> UserIdKeyAsync(string dataFolder, Action<string> say, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataFolder, KeyFile);
        if (File.Exists(path) && (await File.ReadAllTextAsync(path, cancellationToken)).Trim() is { Length: > 0 } existing)
        {
            return existing;
        }

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // a secret: readable by its owner only
        }

        await using (var writer = new StreamWriter(new FileStream(path, options)))
        {
            await writer.WriteAsync(key);
        }

        say($"Generated the local user_id pseudonym key in {path}; it stays with the data (delete both together).");
        return key;
    }
}
