namespace HealthKart.Core.Reports;

/// <summary>
/// One column of a report table, tied to the JSON property it shows (camelCase as the API writes it, dotted when
/// nested:
/// <c>period.from</c>), so the CSV, the XLSX and the JSON of a view cannot drift apart.
/// </summary>
public sealed record ReportField<T>(string JsonName, string Header, ColumnKind Kind, double Width,
    Func<T, object?> Value)
{
    public ReportColumn Column => new(Header, Kind, Width);

    public ColumnMap Map => new(JsonName, Header);
}
