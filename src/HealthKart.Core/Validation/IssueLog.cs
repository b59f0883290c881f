namespace HealthKart.Core.Validation;

/// <summary>
/// Collects a file's errors and warnings: every one is counted, the first <see cref="MaxListed"/> of each are kept with
/// their row, column, value and reason, so a file with a million bad rows still yields a readable, bounded report.
/// </summary>
public sealed class IssueLog(int maxListed = 1000)
{
    private const int MaxValueLength = 200;
    private readonly List<RowIssue> _errors = [];
    private readonly List<RowIssue> _warnings = [];
    private readonly Dictionary<string, long> _errorsByColumn = new(StringComparer.OrdinalIgnoreCase);

    public int MaxListed => maxListed;
    public long ErrorCount { get; private set; }
    public long WarningCount { get; private set; }
    public IReadOnlyList<RowIssue> Errors => _errors;
    public IReadOnlyList<RowIssue> Warnings => _warnings;
    public IReadOnlyDictionary<string, long> ErrorsByColumn => _errorsByColumn;

    public void Error(long row, string? column, string? value, string reason)
    {
        ErrorCount++;
        var key = column ?? "(file)";
        _errorsByColumn[key] = _errorsByColumn.GetValueOrDefault(key) + 1;
        if (_errors.Count < maxListed)
        {
            _errors.Add(new RowIssue(row, column, Shorten(value), reason));
        }
    }

    public void Warning(long row, string? column, string? value, string reason)
    {
        WarningCount++;
        if (_warnings.Count < maxListed)
        {
            _warnings.Add(new RowIssue(row, column, Shorten(value), reason));
        }
    }

    /// <summary>A hostile file can carry megabyte-long values; a report quotes only their start.</summary>
    private static string? Shorten(string? value) =>
        value is { Length: > MaxValueLength } ? string.Concat(value.AsSpan(0, MaxValueLength), "…") : value;
}
