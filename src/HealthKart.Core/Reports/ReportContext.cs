using HealthKart.Core.Analytics;

namespace HealthKart.Core.Reports;

/// <summary>
/// What a report was computed from, stated on its About sheet: the dataset version, when it was generated, the filters
/// as the caller gave them, the date range and the incrementality method.
/// </summary>
public sealed record ReportContext(
    string DatasetVersion,
    DateTimeOffset GeneratedAt,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Filters,
    DateOnly? From,
    DateOnly? To,
    IncrementalityInfo Incrementality)
{
    private static readonly HashSet<string> StatedParameters =
        new([.. AnalyticsQueryParser.FilterParameters, .. ViewParameters.All.Select(p => p.Name)],
            StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The context of a selection. Only the analytics parameters are stated (in the order given, values as given):
    /// a function key, a signed link's signature or a cache buster never reaches a report.
    /// </summary>
    public static ReportContext For(Selection selection, DateTimeOffset generatedAt,
        IEnumerable<KeyValuePair<string, string?[]>> parameters)
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var group in parameters.GroupBy(p => p.Key.Trim().ToLowerInvariant()))
        {
            var values = group.SelectMany(p => p.Value).Select(v => v?.Trim() ?? "").Where(v => v.Length > 0).ToList();
            if (StatedParameters.Contains(group.Key) && values.Count > 0)
            {
                filters[group.Key] = values;
            }
        }

        var snapshot = selection.Snapshot;
        return new ReportContext(snapshot.DatasetVersion, generatedAt, filters, selection.Query.From,
            selection.Query.To, Analytics.Incrementality.Describe(selection));
    }
}
