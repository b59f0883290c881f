using System.Text.Json;
using HealthKart.Core.Analytics;

namespace HealthKart.Core.Tests.Reports;

/// <summary>
/// A view's JSON as the API answers it: the engine call of <c>AnalyticsViews.Render</c> (and of <c>GET
/// data-quality</c>) made here independently of the report catalog, serialised with the web defaults, plus the path and
/// text rules the report column maps use.
/// </summary>
internal static class ViewJson
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static JsonElement Of(string view, Selection selection, DateOnly today) =>
        JsonSerializer.SerializeToElement<object>(view switch
        {
            "summary" => AnalyticsEngine.Summary(selection, today),
            "influencers" => AnalyticsEngine.Influencers(selection),
            "top" => AnalyticsEngine.Top(selection),
            "poor" => AnalyticsEngine.Poor(selection),
            "campaigns" => AnalyticsEngine.Campaigns(selection),
            "platforms" => AnalyticsEngine.Platforms(selection),
            "categories" => AnalyticsEngine.Categories(selection),
            "personas" => AnalyticsEngine.Personas(selection),
            "products" => AnalyticsEngine.Products(selection),
            "brands" => AnalyticsEngine.Brands(selection),
            "genders" => AnalyticsEngine.Genders(selection),
            "tiers" => AnalyticsEngine.Tiers(selection),
            "timeseries" => AnalyticsEngine.TimeSeries(selection),
            "insights" => InsightEngine.Insights(selection, today),
            "customers" => HealthKart.Core.Analytics.Customers.CustomerCohorts.View(selection),
            "plan" => HealthKart.Core.Analytics.Planning.BudgetPlanner.Plan(selection),
            "data-quality" => DataQuality.Check(selection.Snapshot),
            _ => throw new ArgumentOutOfRangeException(nameof(view), view, "not a view"),
        }, Web);

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
