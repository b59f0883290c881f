using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace HealthKart.Local;

/// <summary>
/// Runs the repository's pinned Azurite (package.json, installed by <c>npm ci</c>) as a child process on free ports,
/// so tests get a real storage endpoint without Docker, a global install or clashing with a developer's own Azurite.
/// </summary>
/// <example>
/// <code>
/// await using var azurite = await AzuriteServer.StartAsync();
/// var tables = new TableServiceClient(azurite.ConnectionString);
/// </code>
/// </example>
public sealed class AzuriteServer : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    // The emulator's fixed, publicly documented key: not a secret.
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string SolutionFile = "HealthKart.Functions.sln";
    private const int MaxOutputLines = 200;
    private const int SigTerm = 15;

    private readonly AzuriteOptions _options;
    private readonly string _entryScript;
    private readonly Queue<string> _output = new(); // last lines of Azurite's stdout+stderr, for error messages
    private Process? _process;

    private AzuriteServer(AzuriteOptions options, string entryScript, int[] ports)
    {
        _options = options;
        _entryScript = entryScript;
        (BlobPort, QueuePort, TablePort) = (ports[0], ports[1], ports[2]);
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public bool IsRunning => _process is { HasExited: false };

    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    public static readonly (int Blob, int Queue, int Table) DefaultPorts = (10000, 10001, 10002);

    /// <summary>
    /// The Azurite that <c>hk serve</c> and <c>scripts/azurite.sh</c> run on the usual ports 10000-10002.
    /// </summary>
    public static string DefaultConnectionString => ConnectionStringFor(DefaultPorts.Blob, DefaultPorts.Queue,
        DefaultPorts.Table);

    /// <summary>Whether a port on 127.0.0.1 is free to bind right now.</summary>
    public static bool IsPortFree(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    public static async Task<AzuriteServer> StartAsync(AzuriteOptions? options = null, CancellationToken ct = default)
    {
        options ??= new AzuriteOptions();
        var root = options.RepositoryRoot ?? FindRepositoryRoot();
        var entry = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entry))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({entry} is missing). Run `npm ci` in {root} first; " +
                "scripts/test.sh does it for you.");
        }

        // A port we just released can be taken by someone else before Azurite binds it; fresh ports fix that.
        for (var attempt = 1; ; attempt++)
        {
            var ports = options.Ports is { } fixedPorts ? [fixedPorts.Blob, fixedPorts.Queue, fixedPorts.Table]
                : PickFreePorts(3);
            var server = new AzuriteServer(options, entry, ports);
            try
            {
                await server.LaunchAsync(ct);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && options.Ports is null
                && server.OutputContains("EADDRINUSE"))
            {
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Stops Azurite: with a data folder, cleanly (it saves its data), else at once.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _process, null) is not { } process)
        {
            return;
        }

        using (process)
        {
            // With a data folder, ask Azurite to shut down cleanly: it saves its metadata (LokiJS) only every few
            // seconds, so a hard kill would lose recent tables and blobs. In memory, there is nothing to save.
            if (_options.Location is not null && !OperatingSystem.IsWindows() && !process.HasExited
                && SysKill(process.Id, SigTerm) == 0)
            {
                using var grace = CancellationTokenSource.CreateLinkedTokenSource(ct);
                grace.CancelAfter(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // Ignored SIGTERM: fall through to the hard kill.
                }
            }

            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited: nothing to kill.
            }

            await process.WaitForExitAsync(ct);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task LaunchAsync(CancellationToken ct)
    {
        lock (_output)
        {
            _output.Clear();
        }

        var process = new Process { StartInfo = CreateStartInfo() };
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException(
                $"Could not run '{_options.NodeExecutable}'. Install Node.js 20 and put it on PATH (or set " +
                "AzuriteOptions.NodeExecutable).", e);
        }

        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.StartTimeout);
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    await process.WaitForExitAsync(CancellationToken.None); // flushes the last output lines
                    throw new InvalidOperationException(
                        $"Azurite exited with code {process.ExitCode} while starting on ports " +
                        $"{BlobPort}/{QueuePort}/{TablePort}. Its output:\n{Output()}");
                }

                if (await AllPortsAnswerAsync(timeout.Token))
                {
                    return;
                }

                await Task.Delay(100, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await StopAsync(CancellationToken.None);
            throw new TimeoutException(
                $"Azurite did not open ports {BlobPort}/{QueuePort}/{TablePort} within " +
                $"{_options.StartTimeout.TotalSeconds:0} s. Its output:\n{Output()}");
        }
    }

    private ProcessStartInfo CreateStartInfo()
    {
        var info = new ProcessStartInfo(_options.NodeExecutable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true, // captured so a failed start can say why
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(), // keeps any stray Azurite file (e.g. a --debug log) out of the repo
        };
        string[] args =
        [
            _entryScript,
            // --skipApiVersionCheck/--loose: the Azure SDK we use may send API versions newer than this Azurite knows.
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", $"{BlobPort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{QueuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{TablePort}",
        ];
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (_options.Location is { } location)
        {
            info.ArgumentList.Add("--location");
            info.ArgumentList.Add(Directory.CreateDirectory(location).FullName);
        }
        else
        {
            info.ArgumentList.Add("--inMemoryPersistence");
        }

        return info;
    }

    private async Task<bool> AllPortsAnswerAsync(CancellationToken ct)
    {
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, ct);
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }

    private static int[] PickFreePorts(int count)
    {
        // Hold all listeners at once so the OS hands out distinct ports, then free them for Azurite.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    private static string FindRepositoryRoot()
    {
        // Tests run from bin/Release/net10.0 and tools from anywhere inside the repo: walk up from both.
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"Could not find the repository root (a folder containing {SolutionFile}) above {AppContext.BaseDirectory} "
                +
            $"or {Directory.GetCurrentDirectory()}. Set AzuriteOptions.RepositoryRoot.");
    }

    // .NET can only SIGKILL other processes; SIGTERM needs libc.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int sig);

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > MaxOutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    private bool OutputContains(string text)
    {
        lock (_output)
        {
            return _output.Any(line => line.Contains(text, StringComparison.Ordinal));
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.Count == 0 ? "(no output)" : string.Join('\n', _output);
        }
    }
}
