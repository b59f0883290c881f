using HealthKart.Core.DataContract;


namespace HealthKart.Core.Validation;

/// <summary>
/// What validating one uploaded file found. A file with any error is rejected whole; warnings never block.
/// </summary>
public sealed record ValidationReport(
    string FileName,
    Dataset? Dataset,
    long Rows,
    long ErrorCount,
    long WarningCount,
    IReadOnlyList<RowIssue> Errors,
    IReadOnlyList<RowIssue> Warnings,
    IReadOnlyDictionary<string, long> ErrorsByColumn,
    DateOnly? FirstDate,
    DateOnly? LastDate)
{
    public bool Accepted => ErrorCount == 0;

    public static ValidationReport FileError(string fileName, Dataset? dataset, string reason)
    {
        var issues = new IssueLog();
        issues.Error(0, null, null, reason);
        return From(fileName, dataset, 0, issues, null, null);
    }

    public static ValidationReport From(string fileName, Dataset? dataset, long rows, IssueLog issues, DateOnly? first,
        DateOnly? last) =>
        new(fileName, dataset, rows, issues.ErrorCount, issues.WarningCount, issues.Errors, issues.Warnings,
            issues.ErrorsByColumn, first, last);
}

/// <summary>
/// What is already ingested that a file is checked against: influencer IDs and follower counts. Null when no
/// influencers file has been ingested yet, in which case IDs are not checked.
/// </summary>
public sealed record ValidationContext(IReadOnlyDictionary<string, long>? InfluencerFollowers)
{
    /// <summary>The dates a file's rows may carry.</summary>
    public DateWindow Dates { get; init; } = DateWindow.Default;

    public static readonly ValidationContext None = new((IReadOnlyDictionary<string, long>?)null);
}
