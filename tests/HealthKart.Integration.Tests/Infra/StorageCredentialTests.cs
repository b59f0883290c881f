using Azure.Core;
using Azure.Identity;
using HealthKart.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;

namespace HealthKart.Integration.Tests.Infra;

/// <summary>
/// The Functions identity-based connection convention picks
/// DefaultAzureCredential; a connection string keeps Azurite's path.
/// </summary>
public sealed class StorageCredentialTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(
            values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Account_name_means_the_managed_identity_and_the_public_endpoints()
    {
        // As the Function App's settings arrive: AzureWebJobsStorage__accountName -> AzureWebJobsStorage:accountName.
        var account = StorageAccount.FromConfiguration(Config(("AzureWebJobsStorage:accountName", "sthkroi"),
            ("AzureWebJobsStorage:credential", "managedidentity")));

        Assert.Equal(new Uri("https://sthkroi.blob.core.windows.net/"), account.Blobs.Uri);
        Assert.Equal(new Uri("https://sthkroi.table.core.windows.net/"), account.Tables.Uri);
        Assert.Equal("sthkroi", account.Blobs.AccountName);
        Assert.False(account.Blobs.CanGenerateAccountSasUri);
        Assert.False(account.Blobs.GetBlobContainerClient("uploads").GetBlobClient("a.csv").CanGenerateSasUri);
    }

    [Fact]
    public void Service_uris_take_precedence_and_the_credential_is_DefaultAzureCredential()
    {
        var config = Config(
            ("AzureWebJobsStorage:blobServiceUri", "https://custom.blob.core.windows.net"),
            ("AzureWebJobsStorage:tableServiceUri", "https://custom.table.core.windows.net"));

        TokenCredential? used;
        var account = StorageAccount.FromConfiguration(config, used = new DefaultAzureCredential());
        Assert.IsType<DefaultAzureCredential>(used);
        Assert.Equal("custom.blob.core.windows.net", account.Blobs.Uri.Host);
        Assert.Equal("custom.table.core.windows.net", account.Tables.Uri.Host);
        Assert.False(account.Blobs.CanGenerateAccountSasUri);

        // Without an explicit credential the default one is built (no Azure access needed to construct it).
        var defaulted = StorageAccount.FromConfiguration(config);
        Assert.False(defaulted.Blobs.CanGenerateAccountSasUri);
    }

    [Fact]
    public void A_connection_string_keeps_the_shared_key_path_and_wins_over_identity_settings()
    {
        const string azurite =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;" +
            "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";
        var account = StorageAccount.FromConfiguration(Config(("AzureWebJobsStorage", azurite),
            ("AzureWebJobsStorage:accountName", "ignored")));

        Assert.Equal("127.0.0.1", account.Blobs.Uri.Host);
        Assert.True(account.Blobs.CanGenerateAccountSasUri);
    }

    [Fact]
    public void Half_an_identity_configuration_or_none_is_a_clear_error()
    {
        var none = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(Config()));
        Assert.Contains("AzureWebJobsStorage__accountName", none.Message);

        var half = Assert.Throws<InvalidOperationException>(() =>
            StorageAccount.FromConfiguration(
                Config(("AzureWebJobsStorage:blobServiceUri", "https://x.blob.core.windows.net"))));
        Assert.Contains("tableServiceUri", half.Message);
    }
}
