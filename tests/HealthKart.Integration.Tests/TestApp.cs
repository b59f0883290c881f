using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Infrastructure;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealthKart.Integration.Tests;

/// <summary>
/// The app's real wiring (<see cref="HealthKartServices.AddHealthKart"/>) against the shared Azurite, with tables and
/// containers of its own so tests never see each other's data.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string UserIdKey = "integration-test-key";

    private readonly IHost _host;

    private TestApp(IHost host) => _host = host;

    public static TestApp Create(AzuriteFixture azurite, IDictionary<string, string?>? settings = null) =>
        Create(azurite.ConnectionString, settings);

    /// <summary>The same, on a storage account of the test's own (e.g. an Azurite it stops and restarts).</summary>
    public static TestApp Create(string storageConnectionString, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageAccount.ConnectionSetting] = storageConnectionString,
            ["Tables:Prefix"] = AzuriteFixture.UniqueName("hk"),
            ["Uploads:Container"] = AzuriteFixture.UniqueName("uploads"),
            ["Reports:Container"] = AzuriteFixture.UniqueName("reports"),
            ["Sources:Container"] = AzuriteFixture.UniqueName("sources"),
            ["Privacy:UserIdKey"] = UserIdKey,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddHealthKart();
        return new TestApp(builder.Build());
    }

    /// <summary>
    /// An app holding the four <see cref="SampleFiles"/>, ingested influencers first, as a marketer would.
    /// </summary>
    public static async Task<TestApp> WithSampleFilesAsync(AzuriteFixture azurite,
        IDictionary<string, string?>? settings = null)
    {
        var app = Create(azurite, settings);
        await app.IngestAsync("influencers.csv", SampleFiles.Influencers);
        await app.IngestAsync("posts.csv", SampleFiles.Posts);
        await app.IngestAsync("tracking_data.csv", SampleFiles.Tracking);
        await app.IngestAsync("payouts.csv", SampleFiles.Payouts);
        return app;
    }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public UploadIngestor Ingestor => Get<UploadIngestor>();
    public HealthKartTables Tables => Get<HealthKartTables>();

    public async Task<BlobClient> DropAsync(string blobName, byte[] content)
    {
        await Ingestor.Inbox.CreateIfNotExistsAsync();
        var blob = Ingestor.Inbox.GetBlobClient(blobName);
        await blob.UploadAsync(new BinaryData(content), overwrite: true);
        return blob;
    }

    /// <summary>
    /// Drops the file into the inbox and runs the ingestion function on it, as the blob trigger would.
    /// </summary>
    public async Task<UploadRecord> IngestAsync(string blobName, string csv) =>
        await IngestAsync(blobName, Encoding.UTF8.GetBytes(csv));

    public async Task<UploadRecord> IngestAsync(string blobName, byte[] content)
    {
        await DropAsync(blobName, content);
        return (await Ingestor.IngestAsync(blobName, CancellationToken.None))!;
    }

    public Task<Catalog> CatalogAsync() => Get<DatasetCatalog>().ReadAsync(CancellationToken.None);

    /// <summary>
    /// Every raw-row entity of a dataset, as (partition, row, properties) text, ordered: a state to compare.
    /// </summary>
    public async Task<IReadOnlyList<string>> RawRowsAsync(Dataset dataset)
    {
        await Tables.EnsureCreatedAsync(CancellationToken.None);
        var rows = new List<string>();
        await foreach (var entity in Tables.Rows(dataset).QueryAsync<TableEntity>())
        {
            var properties = entity.Where(p => p.Key is not ("odata.etag" or "Timestamp"))
                .OrderBy(p => p.Key, StringComparer.Ordinal);
            rows.Add(string.Join('|', properties.Select(p => $"{p.Key}={p.Value}")));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>The whole stored state outside the ledger: catalog, every raw row and every fact chunk.</summary>
    public async Task<string> StateAsync()
    {
        var catalog = await CatalogAsync();
        var state = new StringBuilder($"catalog {catalog.DatasetVersion}: ");
        state.AppendJoin(';', catalog.Sources.OrderBy(s => s.SourceKey)
            .Select(s => $"{s.SourceKey}={s.SourceVersion}/{s.Rows}"));
        foreach (var dataset in Enum.GetValues<Dataset>())
        {
            state.Append('\n').Append(dataset).Append(": ").AppendJoin('\n', await RawRowsAsync(dataset));
        }

        await foreach (var chunk in Tables.Facts.QueryAsync<TableEntity>())
        {
            state.Append("\nfact ").Append(chunk.PartitionKey).Append('/').Append(chunk.RowKey).Append(':')
                .Append(Convert.ToBase64String(chunk.GetBinary("Data")));
        }

        return state.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
