using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace HealthKart.Integration.Tests;

[Collection(AzuriteFixture.Collection)]
public sealed class AzuriteSmokeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Table_entity_and_blob_round_trip_through_the_Azure_SDKs()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueName("smoke"));
        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("creator-42", "2025-11-24")
        {
            ["Orders"] = 17,
            ["Revenue"] = 12345.5
        });

        var entity = (await table.GetEntityAsync<TableEntity>("creator-42", "2025-11-24")).Value;

        Assert.Equal(17, entity.GetInt32("Orders"));
        Assert.Equal(12345.5, entity.GetDouble("Revenue"));

        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(
            AzuriteFixture.UniqueName("smoke"));
        await container.CreateAsync();
        var blob = container.GetBlobClient("exports/creators.csv");
        await blob.UploadAsync(BinaryData.FromString("handle,orders\n@fit.raj,17\n"));

        var content = (await blob.DownloadContentAsync()).Value.Content.ToString();

        Assert.Equal("handle,orders\n@fit.raj,17\n", content);
    }

    [Theory]
    [InlineData("t")]
    [InlineData("")]
    [InlineData("9Lives_Campaign-Report")]
    [InlineData("averyveryveryveryveryveryveryverylongprefixthatmustbetrimmed")]
    public void UniqueName_is_a_legal_table_and_container_name(string prefix)
    {
        var name = AzuriteFixture.UniqueName(prefix);

        Assert.Matches("^[a-z][a-z0-9]{2,62}$", name);
        Assert.NotEqual(name, AzuriteFixture.UniqueName(prefix));
    }
}
