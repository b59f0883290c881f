namespace HealthKart.Core.Reports;

/// <summary>
/// Worksheet names Excel accepts: at most 31 characters, none of <c>[ ] : * ? / \</c>, no apostrophe at either end,
/// not "History" (reserved), and unique ignoring case (a repeat gets " (2)").
/// </summary>
public static class SheetNames
{
    private const int MaxLength = 31;

    public static IReadOnlyList<string> Legal(IEnumerable<string> names)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var legal = new List<string>();
        foreach (var name in names)
        {
            var candidate = Clean(name);
            for (var n = 2; !used.Add(candidate); n++)
            {
                var suffix = $" ({n})";
                candidate = Clean(name)[..Math.Min(Clean(name).Length, MaxLength - suffix.Length)] + suffix;
            }

            legal.Add(candidate);
        }

        return legal;
    }

    public static string Clean(string name)
    {
        var cleaned =
            new string([.. name.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' || char.IsControl(c)
                ? '-' : c)]).Trim().Trim('\'');
        cleaned = cleaned.Length > MaxLength ? cleaned[..MaxLength].TrimEnd().TrimEnd('\'') : cleaned;
        return cleaned.Length == 0 ? "Sheet" : cleaned.Equals("History", StringComparison.OrdinalIgnoreCase)
            ? "History (sheet)" : cleaned;
    }
}
