namespace HealthKart.Core.Reports;

/// <summary>
/// A labelled fact about a report that is not a row of any sheet (a time series' undated spend), for the About sheet.
/// </summary>
public sealed record ReportNote(string Label, object? Value, ColumnKind Kind = ColumnKind.Text);
