namespace HealthKart.Core.Reports;

/// <summary>
/// A value that carries its own kind, for the rare sheet whose column mixes kinds (the executive summary lists revenue,
/// orders and ROI down one column). Every other cell takes its column's kind.
/// </summary>
public sealed record ReportCell(object? Value, ColumnKind Kind);
