namespace HealthKart.Core.Reports;

/// <summary>
/// The XLSX number formats. Excel has no Indian digit grouping, so money and counts use a conditional format
/// (docs/README.md#exports-and-the-weekly-e-mail): crore and lakh sections with literal commas, the ordinary thousands
/// grouping below a lakh. Excel allows
/// two conditions only, so negatives fall into the last section, where Excel prefixes a minus but groups in thousands
/// (-₹150,000.00); a negative cell therefore gets a plain positive;negative format chosen for its own magnitude instead
/// (-₹1,50,000.00).
/// </summary>
public static class ExcelNumberFormats
{
    private const string Crore = @"##\,##\,##\,##0";
    private const string Lakh = @"##\,##\,##0";
    private const string Thousands = "##,##0";

    public const string Rupees = $"""[>=10000000]"₹"{Crore}.00;[>=100000]"₹"{Lakh}.00;"₹"{Thousands}.00""";
    public const string Count = $"[>=10000000]{Crore};[>=100000]{Lakh};{Thousands}";
    public const string Percent = "0.00%";
    public const string Ratio = "0.00##";
    public const string Date = "yyyy-mm-dd";
    public const string DateTime = "yyyy-mm-dd hh:mm:ss";

    /// <summary>The format of a cell of this kind holding this value (null for text and booleans).</summary>
    public static string? For(ColumnKind kind, double value) => kind switch
    {
        ColumnKind.Money => value < 0 ? Negative(value, "\"₹\"", ".00") : Rupees,
        ColumnKind.Integer => value < 0 ? Negative(value, "", "") : Count,
        ColumnKind.Percent => Percent,
        ColumnKind.Ratio => Ratio,
        ColumnKind.Date => Date,
        _ => null,
    };

    private static string Negative(double value, string symbol, string decimals)
    {
        var magnitude = Math.Abs(value);
        var digits = magnitude >= 10_000_000 ? Crore : magnitude >= 100_000 ? Lakh : Thousands;
        return $"{symbol}{digits}{decimals};-{symbol}{digits}{decimals}";
    }
}
