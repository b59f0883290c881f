namespace HealthKart.Core.Analytics;

/// <summary>
/// A query parameter a view takes beyond the filters (<c>n</c>, <c>granularity</c>, the plan's): its name, the words
/// and the schema the API contract gives it, and how its values change the query (or which 400 they are). One home: the
/// JSON route, the exports, the signed links and the OpenAPI document all read it from the view that names it.
/// </summary>
/// <remarks><see cref="Example"/> is a typical value (the API contract shows it), valid for the committed sample
/// data.</remarks>
public sealed record ViewParameter(
    string Name, string Description, ParameterSchema Schema, string Example,
    Func<AnalyticsQuery, List<string>, AnalyticsQuery> Apply);

/// <summary>
/// The JSON Schema of a parameter's value, as the API contract states it: a type, bounds, or a closed list.
/// </summary>
public sealed record ParameterSchema(string Type, double? Minimum = null, double? Maximum = null,
    IReadOnlyList<string>? Values = null)
{
    public static ParameterSchema OneOf(params string[] values) => new("string", Values: values);
}
