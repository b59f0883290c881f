using System.ComponentModel;
using System.Diagnostics;

namespace HealthKart.Cli.Serve;

/// <summary>
/// Installs the repository's pinned Azurite (package-lock.json) when node_modules lacks it, so one command runs the app
/// on a fresh machine that has only the .NET SDK and Node.js.
/// </summary>
internal static class AzuriteInstall
{
    // npm ci also vendors the dashboard's chart library into static-web/vendor/ (package.json postinstall).
    public static bool IsInstalled(string repositoryRoot) =>
        File.Exists(Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js"))
        && File.Exists(Path.Combine(repositoryRoot, "static-web", "vendor", "chart.umd.js"));

    public static async Task EnsureAsync(string repositoryRoot, Action<string> say, CancellationToken cancellationToken)
    {
        if (IsInstalled(repositoryRoot))
        {
            return;
        }

        say("The Node tools (Azurite, the dashboard's chart library) are not installed yet: running 'npm ci " +
            "--no-audit --no-fund' once...");
        // npm's own output goes straight to the console: a slow or failing install explains itself.
        var start = new ProcessStartInfo("npm") { WorkingDirectory = repositoryRoot, UseShellExecute = false };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        Process npm;
        try
        {
            npm = Process.Start(start) ?? throw new Win32Exception("npm did not start");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                "npm is not on PATH. Install Node.js 20 (npm comes with it), or pass --storage " +
                "CONNECTION_STRING to use other storage.", exception);
        }

        using (npm)
        {
            try
            {
                await npm.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                npm.Kill(entireProcessTree: true);
                throw;
            }

            if (npm.ExitCode != 0 || !IsInstalled(repositoryRoot))
            {
                throw new InvalidOperationException(
                    $"'npm ci' failed (exit code {npm.ExitCode}); its output is above. Fix that (network, Node.js " +
                    "20), then run hk serve again.");
            }
        }
    }
}
