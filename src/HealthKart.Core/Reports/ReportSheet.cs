namespace HealthKart.Core.Reports;

/// <summary>
/// One table of a report. <see cref="Rows"/> is enumerated once, as it is written, so a writer can stream it; each row
/// has one value per column (string, number, <see cref="DateOnly"/>, bool, null for "not defined", or a <see
/// cref="ReportCell"/>).
/// </summary>
public sealed record ReportSheet(string Name, IReadOnlyList<ReportColumn> Columns, IEnumerable<object?[]> Rows);
