using HealthKart.Core.Validation;


namespace HealthKart.Core.Reports;

/// <summary>
/// What an export was computed from, as HTTP response headers: a CSV has no room for it (a metadata block above the
/// header breaks parsers), so the response says it. Values are percent-encoded where they are not plain ASCII.
/// </summary>
public static class ExportHeaders
{
    public const string DatasetVersion = "X-HealthKart-Dataset-Version";
    public const string GeneratedAt = "X-HealthKart-Generated-At";
    public const string Filters = "X-HealthKart-Filters";

    public static IReadOnlyList<KeyValuePair<string, string>> For(ReportContext context) =>
    [
        new(DatasetVersion, Safe(context.DatasetVersion)),
        new(GeneratedAt, context.GeneratedAt.ToOffset(FieldParser.Ist).ToString("yyyy-MM-dd'T'HH:mm:sszzz",
            System.Globalization.CultureInfo.InvariantCulture)),
        new(Filters,
            string.Join('&',
                context.Filters.SelectMany(f =>
                    f.Value.Select(v => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(v)}")))),
    ];

    private static string Safe(string value) => value.All(c => c is >= ' ' and <= '~')
        ? value : Uri.EscapeDataString(value);
}
