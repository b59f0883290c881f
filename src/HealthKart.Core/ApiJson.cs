using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthKart.Core;

/// <summary>
/// How every JSON answer is written: the web defaults (camelCase properties) and enums as their names in camelCase
/// (<c>"kind": "money"</c>, never <c>"kind": 0</c>); an enum member may name itself with
/// <c>[JsonStringEnumMemberName]</c>.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies the rules to options someone else owns (MVC's, for the results functions return).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
