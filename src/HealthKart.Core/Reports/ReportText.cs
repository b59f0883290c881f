using System.Collections;
using System.Globalization;

namespace HealthKart.Core.Reports;

/// <summary>
/// How a JSON list or object becomes one text cell: a list joined with "; ", an insight's figures as
/// <c>name: value; name: value</c> (numbers as the JSON writes them, a list inside joined with ", ").
/// </summary>
public static class ReportText
{
    public static string List(IEnumerable<string> values) => string.Join("; ", values);

    public static string Figures(IReadOnlyDictionary<string, object?> figures) =>
        string.Join("; ", figures.Select(f => $"{f.Key}: {Figure(f.Value)}"));

    private static string Figure(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => string.Join(", ", list.Cast<object?>().Select(Figure)),
        _ => value.ToString() ?? "",
    };
}
