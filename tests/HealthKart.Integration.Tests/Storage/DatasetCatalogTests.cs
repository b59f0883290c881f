using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;
using HealthKart.Core.DataContract;
using HealthKart.Infrastructure.Storage;

namespace HealthKart.Integration.Tests.Storage;

/// <summary>
/// The catalog's stored form does not change with how its JSON is produced: a catalog written before its serializer
/// was generated at build time (reflection, web defaults) still reads, and what is written now reads back the same
/// way with reflection.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class DatasetCatalogTests(AzuriteFixture azurite)
{
    private static readonly JsonSerializerOptions Reflection = new(JsonSerializerDefaults.Web);

    private static readonly CatalogEntry[] Entries =
    [
        new("tracking_data", "tracking_data.csv", Dataset.Tracking, "tracking_data~abc", "up-1", 1_000_684,
            new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), new DateTimeOffset(2026, 12, 6, 23, 1, 2,
                TimeSpan.Zero), new DateTimeOffset(2026, 12, 6, 23, 1, 5, 250, TimeSpan.FromHours(5.5))),
        new("influencers", "influencers.csv", Dataset.Influencers, "influencers~def", "up-2", 5_000, null, null,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
    ];

    [Fact]
    public async Task ACatalogStoredByTheReflectionSerializerReadsTheSame()
    {
        await using var app = TestApp.Create(azurite);
        var tables = app.Get<HealthKartTables>();
        await tables.EnsureCreatedAsync(default);
        using var packed = new MemoryStream();
        await using (var zip = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            JsonSerializer.Serialize(zip, Entries, Reflection);
        }

        await tables.Catalog.AddEntityAsync(new TableEntity("catalog", "current")
        {
            ["Generation"] = 7L,
            ["Sources"] = packed.ToArray(),
        });

        var catalog = await app.Get<DatasetCatalog>().ReadAsync(default);

        Assert.Equal("v7", catalog.DatasetVersion);
        Assert.Equal(Entries, catalog.Sources);
    }

    [Fact]
    public async Task ACatalogWrittenNowReadsBackTheSameWithTheReflectionSerializer()
    {
        await using var app = TestApp.Create(azurite);
        await app.Get<HealthKartTables>().EnsureCreatedAsync(default);
        await app.Get<DatasetCatalog>().UpdateAsync(current => current with { Sources = Entries }, default);

        var stored = (await app.Get<HealthKartTables>().Catalog.GetEntityAsync<TableEntity>("catalog", "current"))
            .Value.GetBinary("Sources");
        await using var zip = new ZLibStream(new MemoryStream(stored), CompressionMode.Decompress);

        Assert.Equal(Entries, JsonSerializer.Deserialize<List<CatalogEntry>>(zip, Reflection));
    }
}
