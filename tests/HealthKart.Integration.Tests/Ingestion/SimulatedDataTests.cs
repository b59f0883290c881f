using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Simulation;

namespace HealthKart.Integration.Tests.Ingestion;

[Collection(AzuriteFixture.Collection)]
public sealed class SimulatedDataTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SimulatedFilesIngestWithZeroErrors()
    {
        var folder = Directory.CreateTempSubdirectory("hk-sim-");
        var simulation = Simulator.Run(new SimulationOptions { Seed = 7, Influencers = 20, Days = 30 },
            folder.FullName);
        await using var app = TestApp.Create(azurite);

        // Influencers first, as a marketer would: the other files' IDs are then checked against them.
        foreach (var file in simulation.Files.Where(f => f.Name.EndsWith(".csv"))
            .OrderBy(f => f.Name.StartsWith("influencers") ? 0 : 1))
        {
            var record = await app.IngestAsync(file.Name, await File.ReadAllBytesAsync(file.Path));

            Assert.True(record.Status == UploadStatus.Ingested,
                $"{file.Name}: {record.Message} {string.Join("; ", record.FirstErrors)}");
            Assert.Equal(0, record.Errors);
            Assert.Equal(file.Rows, record.Rows);
        }

        var catalog = await app.CatalogAsync();
        Assert.Equal(4, catalog.Sources.Count);
        Assert.Equal(simulation.RowsOf("tracking_data.csv"), (await app.RawRowsAsync(Dataset.Tracking)).Count);
        folder.Delete(recursive: true);
    }
}
