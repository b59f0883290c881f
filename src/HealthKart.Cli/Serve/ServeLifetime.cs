using Microsoft.Extensions.Hosting;

namespace HealthKart.Cli.Serve;

/// <summary>
/// Leaves Ctrl+C to hk serve: System.CommandLine cancels the command, which stops the host and only then Azurite
/// (ingestion writes its last ledger record while stopping). The default ConsoleLifetime would stop the host on the
/// same signal by itself and race that order; in a test process it has no business handling signals at all.
/// </summary>
internal sealed class ServeLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
