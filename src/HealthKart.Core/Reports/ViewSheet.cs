using HealthKart.Core.Analytics;

namespace HealthKart.Core.Reports;

/// <summary>
/// A sheet of an analytics view: how its rows come out of the computed view, and where they sit in the view's JSON.
/// </summary>
internal sealed record ViewSheet(
    string Name,
    string JsonRows,
    IReadOnlyList<ReportColumn> Columns,
    IReadOnlyList<ColumnMap> ColumnMaps,
    Func<object, IEnumerable<object?[]>> Rows,
    IReadOnlyList<ColumnMap>? Metrics = null)
{
    /// <summary>
    /// The type of the computed view this sheet reads (what the view's JSON serialises), for the API's contract.
    /// </summary>
    public Type ViewType { get; init; } = typeof(object);

    /// <summary>The type of the rows, as the view's JSON lists them under <see cref="JsonRows"/>.</summary>
    public Type RowType { get; init; } = typeof(object);

    public static ViewSheet Table<TView, TRow>(string name, string jsonRows, IReadOnlyList<ReportField<TRow>> fields,
        Func<TView, IEnumerable<TRow>> rows) =>
        new(name, jsonRows, [.. fields.Select(f => f.Column)], [.. fields.Select(f => f.Map)],
            view => rows((TView)view).Select(row => Values(fields, row)))
        {
            ViewType = typeof(TView),
            RowType = typeof(TRow),
        };

    /// <summary>A breakdown's <c>items</c>: its key columns (campaign, platform...), then the metrics.</summary>
    public static ViewSheet Items<T>(string name, params ReportField<T>[] keys) where T : Kpis =>
        Table<Breakdown<T>, T>(name, "items", KpiFields.After(keys), v => v.Items);

    /// <summary>A list of scored influencers.</summary>
    public static ViewSheet Influencers(string name) => Table<Breakdown<InfluencerItem>, InfluencerItem>(name, "items",
        InfluencerFields.All, v => v.Items);

    /// <summary>A text key column of a breakdown (its JSON name, header and width).</summary>
    public static ReportField<T> Key<T>(string jsonName, string header, double width, Func<T, string> value) =>
        new(jsonName, header, ColumnKind.Text, width, i => value(i));

    public ReportSheet Render(object view) => new(Name, Columns, Rows(view));

    public SheetMap Map(string view) => new(Name, view, JsonRows, ColumnMaps, Metrics);

    private static object?[] Values<TRow>(IReadOnlyList<ReportField<TRow>> fields, TRow row)
    {
        var values = new object?[fields.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = fields[i].Value(row);
        }

        return values;
    }
}
