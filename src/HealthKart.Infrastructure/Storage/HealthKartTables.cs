using Azure.Data.Tables;
using HealthKart.Core.DataContract;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Storage;

/// <summary>
/// The tables: one per dataset for raw rows, the raw rows' completion markers, one for facts, the upload ledger, the
/// dataset catalog and the weekly summary ledger.
/// </summary>
public sealed class HealthKartTables(StorageAccount account, IOptions<TableOptions> options)
{
    private readonly string _prefix = options.Value.Prefix;
    private int _created;

    public TableClient Rows(Dataset dataset) => Table(dataset switch
    {
        Dataset.Influencers => "Influencers",
        Dataset.Posts => "Posts",
        Dataset.Tracking => "Tracking",
        Dataset.Payouts => "Payouts",
        _ => throw new ArgumentOutOfRangeException(nameof(dataset)),
    });

    public TableClient RowVersions => Table("RowVersions");
    public TableClient Facts => Table("Facts");
    public TableClient Ledger => Table("Uploads");
    public TableClient Catalog => Table("Catalog");
    public TableClient Summaries => Table("Summaries");

    /// <summary>Creates every table once per process; cheap to call before each use.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 1)
        {
            return;
        }

        var all = Enum.GetValues<Dataset>().Select(Rows).Append(RowVersions).Append(Facts).Append(Ledger)
            .Append(Catalog).Append(Summaries);
        await Task.WhenAll(all.Select(table => table.CreateIfNotExistsAsync(cancellationToken)));
        Volatile.Write(ref _created, 1);
    }

    private TableClient Table(string name) => account.Tables.GetTableClient(_prefix + name);
}
