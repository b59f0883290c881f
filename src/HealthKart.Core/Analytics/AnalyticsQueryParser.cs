using System.Globalization;
using HealthKart.Core.DataContract;
using HealthKart.Core.Problems;
using HealthKart.Core.Validation;

namespace HealthKart.Core.Analytics;

/// <summary>
/// Reads the query string into an <see cref="AnalyticsQuery"/>, or a 400 problem that names the parameter and says
/// what is allowed: an unknown parameter, a malformed date, from after to, or an unknown tier, gender, granularity or
/// incrementality method. Unknown campaigns, products and influencers are not errors: they just match nothing.
/// </summary>
public static class AnalyticsQueryParser
{
    public static readonly string[] FilterParameters =
        ["platform", "category", "campaign", "product", "brand", "influencer", "gender", "tier", "from", "to",
            "incrementality"];

    public static AnalyticsQuery Parse(IEnumerable<KeyValuePair<string, string?[]>> parameters,
        params IReadOnlyList<ViewParameter> viewParameters) =>
        Parse(parameters, DateWindow.Default, viewParameters);

    /// <summary>
    /// <paramref name="dates"/> bounds <c>from</c> and <c>to</c> as it bounds a file's dates: a request for year 1 to
    /// 9999 is a 400 naming the window, not a series of 3.6 million days.
    /// </summary>
    public static AnalyticsQuery Parse(
        IEnumerable<KeyValuePair<string, string?[]>> parameters, DateWindow dates,
        params IReadOnlyList<ViewParameter> viewParameters)
    {
        var query = new AnalyticsQuery();

        // A name given more than once (pairs from a caller that does not merge them, or two spellings of a
        // case-insensitive name) adds its values, like a repeated query parameter: the last must not silently win.
        foreach (var group in parameters.GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            var name = group.Key;
            var values = group.SelectMany(p => p.Value).Where(v => v is not null).Select(v => v!.Trim())
                .Where(v => v.Length > 0).ToList();
            query = name.ToLowerInvariant() switch
            {
                "platform" => query with { Platforms = values },
                "category" => query with { Categories = values },
                "campaign" => query with { Campaigns = values },
                "product" => query with { Products = values },
                "brand" => query with { Brands = values },
                "influencer" => query with { Influencers = values },
                "gender" => query with { Genders = Genders(values) },
                "tier" => query with { Tiers = Tiers(values) },
                "from" => query with { From = Date(name, values, dates) },
                "to" => query with { To = Date(name, values, dates) },
                "incrementality" => query with { Incrementality = Method(values) },
                "code" or "_" => query, // the function key and cache busters belong to the transport
                _ => viewParameters.FirstOrDefault(p =>
                    p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } parameter
                    ? parameter.Apply(query, values)
                    : throw ProblemException.BadRequest(name,
                        $"Unknown parameter '{name}'. Filters: " +
                        $"{string.Join(", ", FilterParameters.Concat(viewParameters.Select(p => p.Name)))}."),
            };
        }

        if (query is { From: { } from, To: { } to } && from > to)
        {
            throw ProblemException.BadRequest("from",
                $"'from' ({IndianText.Date(from)}) is after 'to' ({IndianText.Date(to)}).");
        }

        return query;
    }

    /// <summary>Multi-select: repeat the parameter, or comma-separate enumerated values.</summary>
    private static IEnumerable<string> Split(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private static List<string> Genders(IEnumerable<string> values) =>
        Split(values).Select(v => MarketingNames.Gender(v)
        ?? throw ProblemException.BadRequest("gender",
            $"Unknown gender '{v}'. Use {string.Join(", ", MarketingNames.Genders)}.")).ToList();

    private static List<FollowerTier> Tiers(IEnumerable<string> values) => Split(values).Select(v =>
        TryName<FollowerTier>(v, out var tier)
            ? tier
            : throw ProblemException.BadRequest("tier", $"Unknown tier '{v}'. Use micro, mid, macro or mega."))
            .ToList();

    /// <summary>An empty value (<c>from=</c>, as a form with a blank date field sends) means no bound.</summary>
    private static DateOnly? Date(string name, List<string> values, DateWindow dates)
    {
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count != 1)
        {
            throw ProblemException.BadRequest(name, $"'{name}' takes exactly one date (yyyy-MM-dd).");
        }

        if (!DateOnly.TryParseExact(values[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
            out var date))
        {
            throw ProblemException.BadRequest(name,
                $"'{values[0]}' is not a date; use yyyy-MM-dd (an IST date, inclusive).");
        }

        return dates.Contains(date) ? date : throw ProblemException.BadRequest(name,
            $"'{values[0]}' is {dates.OutsideReason}.");
    }

    private static string Method(List<string> values)
    {
        var method = values.Count == 1 ? values[0].ToLowerInvariant() : "";
        return method switch
        {
            Incrementality.Flat or Incrementality.PrePost => method,
            _ => throw ProblemException.BadRequest("incrementality",
                $"Unknown method '{string.Join(",", values)}'. Use flat or prepost."),
        };
    }

    /// <summary>
    /// A member by its name only: <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> also takes "+1" or "-1"
    /// as a number.
    /// </summary>
    internal static bool TryName<TEnum>(string value, out TEnum member) where TEnum : struct, Enum
    {
        var name = Enum.GetNames<TEnum>().FirstOrDefault(n => n.Equals(value, StringComparison.OrdinalIgnoreCase));
        member = name is null ? default : Enum.Parse<TEnum>(name);
        return name is not null;
    }
}
