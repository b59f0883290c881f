namespace HealthKart.Core.Reports;

/// <summary>
/// Neutralises spreadsheet formula injection: a text cell starting with = + - @, tab, CR or LF is prefixed with an
/// apostrophe, so Excel shows "=HYPERLINK(...)" as text instead of running it. Numbers are never passed through here.
/// </summary>
public static class SpreadsheetText
{
    public static string Neutralize(string? text) =>
        string.IsNullOrEmpty(text) || text[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r' or '\n') ? text
        ?? "" : "'" + text;
}
