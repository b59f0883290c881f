using HealthKart.Core.DataContract;
using HealthKart.Core.Problems;

namespace HealthKart.Core.Validation;

/// <summary>
/// File names a browser or client may write to the inbox: a plain name (no folders, so nothing can escape the
/// inbox or land outside a dataset), of safe characters, that says which dataset it is.
/// </summary>
public static class UploadNames
{
    private const int MaxLength = 120;

    public static string Validate(string? fileName)
    {
        var name = fileName?.Trim() ?? "";
        if (name.Length is 0 or > MaxLength)
        {
            throw ProblemException.BadRequest("fileName", $"A file name of 1 to {MaxLength} characters is required.");
        }

        if (name.Contains("..", StringComparison.Ordinal) || name.StartsWith('.')
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ' ' or '(' or ')'))
        {
            throw ProblemException.BadRequest("fileName",
                $"'{Printable(name)}' is not a safe file name: use letters, digits, spaces, '-', '_', '.', '(' " +
                "and ')' only, no folders.");
        }

        if (DatasetNames.FromBlobName(name, out var reason) is null)
        {
            throw ProblemException.BadRequest("fileName", reason!);
        }

        return name;
    }

    private static string Printable(string name) =>
        new(name.Select(c => char.IsControl(c) ? '?' : c).Take(MaxLength).ToArray());
}
