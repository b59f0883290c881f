using HealthKart.Core.DataContract;


namespace HealthKart.Infrastructure.Storage;

/// <summary>The version of one source that the analytics currently see.</summary>
public sealed record CatalogEntry(
    string SourceKey,
    string FileName,
    Dataset Dataset,
    string SourceVersion,
    string UploadId,
    long Rows,
    DateOnly? FirstDate,
    DateOnly? LastDate,
    DateTimeOffset BlobLastModified,
    DateTimeOffset IngestedAt);

/// <summary>
/// Every source's current version, read as one entity: a reader that reads the catalog once sees one whole dataset
/// version, whatever lands meanwhile. <see cref="DatasetVersion"/> changes with every successful ingestion or
/// retraction.
/// </summary>
public sealed record Catalog(long Generation, IReadOnlyList<CatalogEntry> Sources)
{
    public static readonly Catalog Empty = new(0, []);

    public string DatasetVersion => $"v{Generation}";

    public CatalogEntry? Find(string sourceKey) => Sources.FirstOrDefault(s => s.SourceKey == sourceKey);

    public IEnumerable<CatalogEntry> Of(Dataset dataset) => Sources.Where(s => s.Dataset == dataset);
}
