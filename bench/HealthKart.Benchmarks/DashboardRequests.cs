using System.Globalization;
using System.Text.Json;

namespace HealthKart.Benchmarks;

/// <summary>
/// The requests the dashboard page sends (static-web/js/main.js): on load <c>GET /api/filters</c>, then for the
/// overview tab <c>insights</c> and <c>summary</c>, then <c>timeseries</c> (granularity=week, the page's default),
/// <c>tiers</c> and <c>influencers</c>; on every filter change the same five with the new query string. The mix is one
/// unfiltered page load and a fixed set of filter changes built from the values <c>GET /api/filters</c> offers:
/// platforms, categories, campaigns, a product, a brand, a gender, tiers, the page's date presets (last 7, 30 and
/// 90 days, last month of data, relative to the data's last day) and combinations of them.
/// </summary>
public static class DashboardRequests
{
    public const string FiltersPath = "api/filters";

    /// <summary>What one refresh of the overview tab asks for, in the page's order.</summary>
    private static readonly string[] Overview = ["insights", "summary", "timeseries", "tiers", "influencers"];

    /// <summary>
    /// One request of the mix: its path and query, and the view it belongs to (for the per-view figures).
    /// </summary>
    public sealed record Request(string View, string PathAndQuery);

    public static IReadOnlyList<Request> Mix(JsonElement filters)
    {
        var requests = new List<Request> { new("filters", FiltersPath) };
        foreach (var query in FilterChanges(filters))
        {
            foreach (var view in Overview)
            {
                var parameters = view == "timeseries" ? Join(query, "granularity=week") : query;
                requests.Add(new Request(view, $"api/analytics/{view}"
                    + (parameters.Length > 0 ? "?" + parameters : "")));
            }
        }

        return requests;
    }

    /// <summary>
    /// The unfiltered page load first, then the filter changes (query strings as FilterPanel.query() builds them).
    /// </summary>
    private static List<string> FilterChanges(JsonElement filters)
    {
        string Value(string field, int index)
        {
            var values = filters.GetProperty(field).EnumerateArray().Select(v => v.GetString()!).ToArray();
            return values.Length > 0
                ? Uri.EscapeDataString(values[index % values.Length])
                : throw new InvalidOperationException(
                    $"GET /api/filters offers no {field}: the dataset is not loaded.");
        }

        var last = DateOnly.Parse(filters.GetProperty("dateRange").GetProperty("to").GetString()!,
            CultureInfo.InvariantCulture);
        string LastDays(int days) => $"from={last.AddDays(-(days - 1)):yyyy-MM-dd}&to={last:yyyy-MM-dd}";
        var lastMonth = $"from={new DateOnly(last.Year, last.Month, 1):yyyy-MM-dd}&to={last:yyyy-MM-dd}";
        return
        [
            "",
            $"platform={Value("platforms", 0)}",
            $"platform={Value("platforms", 1)}&platform={Value("platforms", 2)}",
            $"category={Value("categories", 0)}",
            $"category={Value("categories", 1)}&tier={Value("tiers", 1)}",
            $"campaign={Value("campaigns", 0)}&campaign={Value("campaigns", 1)}",
            $"product={Value("products", 0)}",
            $"brand={Value("brands", 0)}&gender={Value("genders", 0)}",
            $"tier={Value("tiers", 2)}",
            LastDays(7),
            $"platform={Value("platforms", 0)}&{LastDays(30)}",
            $"category={Value("categories", 2)}&{LastDays(90)}",
            $"tier={Value("tiers", 0)}&{lastMonth}",
            $"campaign={Value("campaigns", 2)}&{LastDays(30)}",
        ];
    }

    private static string Join(string query, string extra) => query.Length > 0 ? $"{query}&{extra}" : extra;
}
