using HealthKart.Core.DataContract;
using HealthKart.Core.Facts;

namespace HealthKart.Core.Validation;

/// <summary>
/// Validates one uploaded file in a single streaming pass and, when it is clean, folds it into its facts.
/// Structural problems are errors (the file is rejected whole); cross-file and plausibility problems are warnings.
/// </summary>
public static class UploadValidator
{
    public const int ProgressEvery = 10_000;

    public sealed record Outcome(ValidationReport Report, SourceFacts? Facts);

    /// <param name="customerKey">Pseudonymises <c>user_id</c> before
    /// it enters the facts (ingestion passes the keyed HMAC).</param>
    public static Outcome Validate(
        string fileName, Stream content, ValidationContext context, int maxListed = 1000, Action<long>? onProgress =
            null,
        Func<string, string>? customerKey = null)
    {
        var dataset = DatasetNames.FromBlobName(fileName, out var reason);
        if (dataset is null)
        {
            return new Outcome(ValidationReport.FileError(fileName, null, reason!), null);
        }

        var issues = new IssueLog(maxListed);
        var rules = new RowRules(dataset.Value, context, issues);
        var facts = new FactBuilder(dataset.Value, customerKey);
        var reader = new DatasetCsvReader(dataset.Value, issues, context.Dates);
        long rows = 0;
        foreach (var row in reader.Read(content))
        {
            rows++;
            rules.Check(row);
            if (issues.ErrorCount == 0 && facts.Add(row) is { } overflow)
            {
                issues.Error(row.Row, null, null, overflow);
            }

            if (rows % ProgressEvery == 0)
            {
                onProgress?.Invoke(reader.RowsRead);
            }
        }

        rules.Finish();
        onProgress?.Invoke(reader.RowsRead);

        // A rejected file reports every data row it has, good or bad; an accepted one has only good rows.
        var report = ValidationReport.From(fileName, dataset, reader.RowsRead, issues, rules.FirstDate, rules.LastDate);
        return new Outcome(report, report.Accepted ? facts.Build() : null);
    }
}
