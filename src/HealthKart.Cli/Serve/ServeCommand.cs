using System.CommandLine;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Azure;
using HealthKart.Core.Ingestion;
using HealthKart.Local;
using Microsoft.Extensions.Options;

namespace HealthKart.Cli.Serve;

/// <summary>
/// <c>hk serve [--port N] [--host ADDRESS] [--require-key] [--storage CONNECTION_STRING] [--no-seed] [--sample-end
/// yyyy-MM-dd] [--Section:Key=value...]</c>: the whole app on this machine, since Azure Functions Core Tools cannot be
/// installed here. Without --storage it runs its own Azurite. Ctrl+C stops the web host and the poller first, then
/// Azurite.
/// </summary>
internal static partial class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "Port (0 takes a free one)",
            DefaultValueFactory = _ =>
            LocalAppOptions.DefaultPort
        };
        var host = new Option<string>("--host")
        {
            Description =
                "Address to bind (default 127.0.0.1). Any other address requires the function key unless " +
                "--Serve:RequireKey=false",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var requireKey =
            new Option<bool>("--require-key")
            {
                Description =
                "Demand the function key (x-functions-key or ?code=) on loopback too"
            };
        var storage =
            new Option<string?>("--storage")
            {
                Description =
                "Storage connection string (default: start Azurite with its data in .azurite/)"
            };
        var noSeed =
            new Option<bool>("--no-seed") { Description = "Do not load the simulated sample into an empty store" };
        var sampleEnd = new Option<DateOnly?>("--sample-end")
        {
            HelpName = "yyyy-MM-dd",
            Description =
                "Last day of the sample an empty store gets (hk simulate's, seed 42, 90 days) " +
                "[default: yesterday in India]",
            CustomParser = SimulateCommand.ParseDate,
        };
        var command =
            new Command("serve", "Run the app locally: the HTTP API, the dashboard, and ingestion of uploaded files. " +
            "Settings come from environment variables (Uploads__Container) or as --Uploads:Container=value.")
        {
            port, host, requireKey, storage, noSeed, sampleEnd,
        };
        command.TreatUnmatchedTokensAsErrors = false; // --Section:Key=value settings, checked below
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(port), parseResult.GetValue(host)!, parseResult.GetValue(requireKey),
            parseResult.GetValue(storage), !parseResult.GetValue(noSeed), parseResult.GetValue(sampleEnd),
            parseResult.UnmatchedTokens, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        int port, string host, bool requireKey, string? storage, bool seed, DateOnly? sampleEnd,
        IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        if (!System.Net.IPAddress.TryParse(host, out var address))
        {
            Console.Error.WriteLine(
                $"--host {host} is not an IP address. Use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).");
            return 2;
        }

        if (port is < 0 or > 65535)
        {
            Console.Error.WriteLine($"--port {port} is not a port. Use 1-65535, or 0 for a free one.");
            return 2;
        }

        if (settings.FirstOrDefault(s => !Setting().IsMatch(s)) is { } unknown)
        {
            Console.Error.WriteLine(
                $"Unknown argument '{unknown}'. hk serve takes --port, --host, --require-key, --storage, --no-seed, " +
                "--sample-end, and settings as --Section:Key=value.");
            return 2;
        }

        var started = Stopwatch.StartNew();
        LocalStorage? azurite = null;
        LocalApp? app = null;
        try
        {
            var repository = RepositoryLayout.Find();
            if (storage is null)
            {
                Say("Starting Azurite (data in .azurite/)...");
                azurite = await LocalStorage.StartAsync(repository.Root, repository.AzuriteData, Say,
                    cancellationToken);
            }
            else
            {
                await StorageProbe.CheckAsync(storage, cancellationToken);
            }

            app = await LocalApp.StartAsync(new LocalAppOptions
            {
                StorageConnectionString = storage ?? azurite!.ConnectionString,
                Host = address,
                Port = port,
                Seed = seed,
                SampleEnd = sampleEnd,
                DefaultUserIdKey = azurite?.UserIdKey,
                Arguments = requireKey
                    ? [.. settings, $"--{ServeOptions.Section}:{nameof(ServeOptions.RequireKey)}=true"] : settings,
                Repository = repository,
                Progress = Say,
                // A real account bills every listing of the inbox: there, once a second is quick enough.
                PollInterval = storage is null ? LocalAppOptions.EmulatorPollInterval : TimeSpan.FromSeconds(1),
            }, cancellationToken);

            foreach (var upload in app.Seeded.Where(u => u.Status != UploadStatus.Ingested))
            {
                Console.WriteLine(
                    $"Sample file {upload.FileName} is {upload.Status.ToString().ToLowerInvariant()}: see " +
                    $"{new Uri(app.BaseAddress, $"api/uploads/{upload.Id}")}");
            }

            PrintReady(app, azurite, started.Elapsed);
            var reason = await WaitForStopAsync(app, azurite, cancellationToken);
            Console.WriteLine(reason is null
                ? "Stopping..." : $"{reason}; stopping. See the log above, then run hk serve again.");
            return reason is null ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.WriteLine("Cancelled while starting; stopping...");
            return 130;
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException
            or OptionsValidationException or RequestFailedException)
        {
            Console.Error.WriteLine($"hk serve could not start: {exception.Message}");
            return 1;
        }
        finally
        {
            // The host first: a cancelled ingestion records its outcome in storage on the way out.
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        }
    }

    private static void PrintReady(LocalApp app, LocalStorage? azurite, TimeSpan elapsed)
    {
        var root = app.BaseAddress;
        var connection = azurite?.ConnectionString;
        // hk upload's default is the Azurite on the usual ports; any other storage has to be named.
        var upload = "dotnet run --project src/HealthKart.Cli -- upload FILE..." + connection switch
        {
            null => " --storage CONNECTION_STRING (the one you gave --storage)",
            _ when connection == AzuriteServer.DefaultConnectionString => "",
            _ => $" --storage \"{connection}\"",
        };

        // Plain console lines: the connection string must not be wrapped or styled when someone copies it. The URL
        // comes last, where a person (or a script waiting for startup) looks.
        Console.WriteLine();
        Console.WriteLine(azurite is null
            ? "Storage: the account given with --storage."
            : $"Storage: Azurite on 127.0.0.1:{azurite.BlobPort} (blob), data in .azurite/");
        Console.WriteLine($"Upload files: {upload}");
        if (app.FunctionKey is { } key)
        {
            // A generated key is printed (nobody else knows it); a configured one never is: the operator has it, and a
            // terminal's scrollback or a CI log is no place for a secret. Set Serve:FunctionKey to keep one across
            // restarts.
            Console.WriteLine(app.FunctionKeyGenerated
                ? $"API key: send '{FunctionKeyGate.Header}: {key}' or ?{FunctionKeyGate.QueryParameter}={key} " +
                    "(anonymous: health, shared links, the dashboard's files)"
                : $"API key: the one set in Serve:FunctionKey, as '{FunctionKeyGate.Header}' or " +
                    $"?{FunctionKeyGate.QueryParameter}= (anonymous: health, shared links, the dashboard's files)");
        }

        Console.WriteLine($"Started in {elapsed.TotalSeconds:0.0} s; Ctrl+C stops it.");
        Console.WriteLine($"HealthKart is running: {root}  (API: {new Uri(root, "api/health")})");
    }

    /// <summary>Returns null on Ctrl+C, or why the app cannot go on.</summary>
    private static async Task<string?> WaitForStopAsync(LocalApp app, LocalStorage? azurite,
        CancellationToken cancellationToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Stopping);
        try
        {
            while (azurite is null || azurite.IsRunning)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), either.Token);
            }

            // A terminal's Ctrl+C reaches Azurite too (same process group): its exit may come first.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return "Azurite exited unexpectedly";
        }
        catch (OperationCanceledException) when (either.IsCancellationRequested)
        {
            return cancellationToken.IsCancellationRequested ? null : "The app stopped by itself";
        }
    }

    private static void Say(string line) => Console.WriteLine(line);

    /// <summary>What ASP.NET's command-line configuration reads: --Section:Key=value.</summary>
    [GeneratedRegex(@"^--[A-Za-z][A-Za-z0-9_.]*(:[A-Za-z0-9_.]+)+=")]
    private static partial Regex Setting();
}
