using System.Text.Json;
using HealthKart.Core.Analytics;
using HealthKart.Core.Views;

namespace HealthKart.Core.Tests.Reports;

/// <summary>
/// A view's JSON as the API answers it (the catalog's computation, as <c>GET /api/analytics/{view}</c> makes it),
/// serialised with the web defaults, plus the path and text rules the report column maps use. The maps are checked
/// against this JSON, so a sheet whose columns name properties its view does not have fails.
/// </summary>
internal static class ViewJson
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static JsonElement Of(string view, Selection selection, DateOnly today) =>
        JsonSerializer.SerializeToElement(ViewCatalog.Get(view).Compute(selection, today), Web);

    /// <summary>The value at a dotted path, or null when it is missing or JSON null.</summary>
    public static JsonElement? At(JsonElement element, string path)
    {
        foreach (var name in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.Null ? null : element;
    }

    /// <summary>The rows a sheet shows: the elements of an array, or an object as its one row.</summary>
    public static IReadOnlyList<JsonElement> Rows(JsonElement view, string path) => At(view, path) switch
    {
        { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray()],
        { } single => [single],
        null => [],
    };

    /// <summary>
    /// A JSON value as one text cell: a list joined with "; ", an object as "name: value; ..." (lists inside with ",
    /// ").
    /// </summary>
    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Select(Figure)),
        JsonValueKind.Object => string.Join("; ", value.EnumerateObject().Select(p => $"{p.Name}: {Figure(p.Value)}")),
        _ => value.GetRawText(),
    };

    private static string Figure(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Figure)),
        _ => value.GetRawText(),
    };
}
