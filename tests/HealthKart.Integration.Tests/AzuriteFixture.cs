using HealthKart.Local;

namespace HealthKart.Integration.Tests;

/// <summary>
/// One in-memory Azurite for the whole test run (starting one costs ~1-2 s). Tests share it, so every test must use
/// its own tables and containers: take names from <see cref="UniqueName"/>.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string Collection = "azurite";

    private AzuriteServer? _server;

    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite has not started yet.");

    public string ConnectionString => Server.ConnectionString;

    /// <summary>
    /// A fresh name that is legal both as a table and as a blob container: lowercase letters and digits, starts with a
    /// letter, 3-63 characters. The prefix (letters and digits kept) only makes failures easier to read.
    /// </summary>
    public static string UniqueName(string prefix = "t")
    {
        var kept = new string([.. prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30)]);
        if (kept.Length == 0 || !char.IsAsciiLetter(kept[0]))
        {
            kept = "t" + kept;
        }

        return kept + Guid.NewGuid().ToString("N"); // 32 lowercase hex chars: at most 31 + 32 = 63
    }

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>Tests marked <c>[Collection(AzuriteFixture.Collection)]</c> share one <see cref="AzuriteFixture"/>.</summary>
[CollectionDefinition(AzuriteFixture.Collection)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
