using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HealthKart.Core.Problems;

namespace HealthKart.Core.Views;

/// <summary>
/// The <c>fields</c> parameter of the JSON views whose answer lists items (<see cref="AnalyticsView.ItemType"/>,
/// docs/api.md#fewer-fields-per-item): which of each item's JSON properties to send. At the design scale the
/// influencers view is about 3 MB, thirty figures for each of 5,000 influencers; a chart that plots five of them asks
/// for five.
/// </summary>
public static class ItemFields
{
    public const string Parameter = "fields";

    /// <summary>
    /// Serialiser options kept, one per field set: a caller asking for ever new sets gets them built afresh.
    /// </summary>
    private const int KeptOptions = 64;

    private static readonly ConcurrentDictionary<string, JsonSerializerOptions> Options = new(StringComparer.Ordinal);

    /// <summary>The JSON names of an item's properties, in the order they are written.</summary>
    public static IReadOnlyList<string> Names(Type itemType) =>
        [.. ApiJson.Options.GetTypeInfo(itemType).Properties.Select(p => p.Name)];

    /// <summary>
    /// The fields asked for (repeated or comma-separated, any case), as the item's JSON names in the item's order;
    /// empty when none were (every field is sent). An unknown name is a 400 that lists the item's fields.
    /// </summary>
    public static IReadOnlyList<string> Parse(Type itemType, IEnumerable<string?> values)
    {
        var names = Names(itemType);
        var asked = values.SelectMany(v => (v ?? "").Split(',',
            StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (asked.FirstOrDefault(a => !names.Contains(a, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            throw ProblemException.BadRequest(Parameter,
                $"Unknown field '{unknown}'. Each item has: {string.Join(", ", names)}.");
        }

        return [.. names.Where(n => asked.Contains(n, StringComparer.OrdinalIgnoreCase))];
    }

    /// <summary><see cref="ApiJson.Options"/>, with only <paramref name="fields"/> of each item written.</summary>
    public static JsonSerializerOptions For(Type itemType, IReadOnlyList<string> fields)
    {
        if (fields.Count == 0)
        {
            return ApiJson.Options;
        }

        var key = $"{itemType.FullName}|{string.Join(',', fields)}";
        return Options.TryGetValue(key, out var kept) ? kept
            : Options.Count < KeptOptions ? Options.GetOrAdd(key, _ => Build(itemType, fields))
            : Build(itemType, fields);
    }

    private static JsonSerializerOptions Build(Type itemType, IReadOnlyList<string> fields)
    {
        var keep = fields.ToHashSet(StringComparer.Ordinal);
        var options = new JsonSerializerOptions(ApiJson.Options)
        {
            TypeInfoResolver = ApiJson.Options.TypeInfoResolver!.WithAddedModifier(info =>
            {
                if (info.Type == itemType)
                {
                    for (var p = info.Properties.Count - 1; p >= 0; p--)
                    {
                        if (!keep.Contains(info.Properties[p].Name))
                        {
                            info.Properties.RemoveAt(p);
                        }
                    }
                }
            }),
        };
        options.MakeReadOnly();
        return options;
    }
}
