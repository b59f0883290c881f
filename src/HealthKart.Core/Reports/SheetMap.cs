namespace HealthKart.Core.Reports;

/// <summary>A report column and the JSON property (dotted when nested) of its view that it shows.</summary>
public sealed record ColumnMap(string JsonName, string Header);

/// <summary>
/// How a sheet reads from the JSON of its <see cref="View"/> (as <c>GET /api/analytics/{view}</c> returns it):
/// <see cref="JsonRows"/> is the dotted path of the rows (an array, one row per element; an object, one row; "" the
/// view itself), each column one property of a row. A transposed sheet (<see cref="Metrics"/> set) has one row per
/// metric instead: its first column is the metric's label and column <c>j</c> shows
/// <c>{JsonRows}.{Columns[j]}.{metric}</c>.
/// </summary>
public sealed record SheetMap(string Sheet, string View, string JsonRows, IReadOnlyList<ColumnMap> Columns,
    IReadOnlyList<ColumnMap>? Metrics = null);
