namespace HealthKart.Core.Reports;

/// <summary>
/// A column of a report sheet: its header, what it holds, and its XLSX width in characters (set, never measured).
/// </summary>
public sealed record ReportColumn(string Header, ColumnKind Kind, double Width);
