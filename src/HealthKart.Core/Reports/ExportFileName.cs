using System.Text;

namespace HealthKart.Core.Reports;

/// <summary>
/// Export file names that say what and when (<c>healthkart-campaigns-2025-07-01_2025-07-31.xlsx</c>,
/// <c>healthkart-summary-all-dates.csv</c>), and a Content-Disposition header no file name can break.
/// </summary>
public static class ExportFileName
{
    public static string For(string report, DateOnly? from, DateOnly? to, string extension)
    {
        var range = (from, to) switch
        {
            ({ } f, { } t) => $"{f:yyyy-MM-dd}_{t:yyyy-MM-dd}",
            ({ } f, null) => $"from-{f:yyyy-MM-dd}",
            (null, { } t) => $"to-{t:yyyy-MM-dd}",
            _ => "all-dates",
        };
        return $"healthkart-{Slug(report)}-{range}.{Slug(extension.TrimStart('.'))}";
    }

    public static string For(Report report, string extension) =>
        For(report.Name, report.Context.From, report.Context.To, extension);

    /// <summary>
    /// RFC 6266: <c>attachment; filename="..."; filename*=UTF-8''...</c>. The quoted name is printable ASCII without
    /// quotes, backslashes or separators (anything else becomes "_"); the extended one is the name percent-encoded.
    /// </summary>
    public static string ContentDisposition(string fileName)
    {
        var name =
            new string([.. fileName.Where(c => !char.IsControl(c)).Select(c => c is '/' or '\\' ? '_' : c)]).Trim();
        name = name.Length == 0 ? "export" : name;
        var ascii =
            new string([.. name.Select(c => c is >= ' ' and <= '~' and not ('"' or '\\' or ';' or '%') ? c : '_')]);
        return $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(name)}";
    }

    /// <summary>
    /// Lower-case letters, digits and single hyphens: a report or extension name can add nothing else.
    /// </summary>
    private static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().Trim('-');
        return result.Length == 0 ? "report" : result;
    }
}
