namespace HealthKart.Core.Reports;

/// <summary>
/// A report ready to write: its sheets (the CSV export is the first, the main <c>items</c> table; XLSX has them all
/// after an About sheet) and the context the About sheet states.
/// </summary>
public sealed record Report(string Name, string Title, IReadOnlyList<ReportSheet> Sheets, ReportContext Context)
{
    public IReadOnlyList<ReportNote> Notes { get; init; } = [];

    /// <summary>The sheet a CSV export carries.</summary>
    public ReportSheet Main => Sheets[0];
}
