namespace HealthKart.Local;

/// <summary>How <see cref="AzuriteServer"/> runs the storage emulator. The defaults suit tests.</summary>
public sealed record AzuriteOptions
{
    /// <summary>
    /// Folder for Azurite's data. Null (the default) keeps everything in memory: fast, isolated, nothing to clean up,
    /// but the data is gone after <see cref="AzuriteServer.StopAsync"/>. Set it when a test needs data to survive a restart.
    /// Two servers must not share one folder.
    /// </summary>
    public string? Location { get; init; }

    /// <summary>How long to wait for all three ports to accept connections. A cold start takes 1-3 s on a CI runner.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Folder holding node_modules/azurite. Null searches upwards for HealthKart.Functions.sln.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>
    /// Fixed ports (blob, queue, table), e.g. the usual 10000-10002 that <c>hk upload</c> expects. Null (the default)
    /// picks three free ports, so tests never collide with each other or with a developer's Azurite.
    /// </summary>
    public (int Blob, int Queue, int Table)? Ports { get; init; }

    /// <summary>The Node.js executable; "node" means the one on PATH.</summary>
    public string NodeExecutable { get; init; } = "node";
}
