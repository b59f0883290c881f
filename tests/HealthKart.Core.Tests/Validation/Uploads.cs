using System.Text;
using HealthKart.Core.DataContract;
using HealthKart.Core.Validation;

namespace HealthKart.Core.Tests.Validation;

/// <summary>Runs the validator and the reader on CSV text written inline in a test.</summary>
internal static class Uploads
{
    public static UploadValidator.Outcome Validate(
        string fileName, string csv, ValidationContext? context = null, int maxListed = 1000, Action<long>? onProgress =
            null) =>
        Validate(fileName, Encoding.UTF8.GetBytes(csv), context, maxListed, onProgress);

    public static UploadValidator.Outcome Validate(
        string fileName, byte[] content, ValidationContext? context = null, int maxListed = 1000,
        Action<long>? onProgress = null) =>
        UploadValidator.Validate(fileName, new MemoryStream(content), context ?? ValidationContext.None, maxListed,
            onProgress);

    public static (List<T> Rows, IssueLog Issues) Read<T>(Dataset dataset, string csv)
        where T : DatasetRow => Read<T>(dataset, Encoding.UTF8.GetBytes(csv));

    public static (List<T> Rows, IssueLog Issues) Read<T>(Dataset dataset, byte[] content)
        where T : DatasetRow
    {
        var issues = new IssueLog();
        var rows = new DatasetCsvReader(dataset, issues).Read(new MemoryStream(content)).Cast<T>().ToList();
        return (rows, issues);
    }

    /// <summary>The influencers already ingested, as the ingestion layer passes them: ID to follower count.</summary>
    public static ValidationContext Knowing(params (string Id, long Followers)[] influencers) =>
        new(influencers.ToDictionary(i => i.Id, i => i.Followers, StringComparer.OrdinalIgnoreCase));

    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";
}
