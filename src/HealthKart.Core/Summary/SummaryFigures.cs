using System.Globalization;
using HealthKart.Core.Money;

namespace HealthKart.Core.Summary;

/// <summary>
/// How the weekly summary writes its numbers, shared by the HTML and the text part so both show the same figures:
/// whole rupees with Indian grouping, ratios to two decimals, percentages to one, and "n/a" where a figure is undefined
/// (a ratio without spend, a change from zero), never a zero dressed as a result.
/// </summary>
public static class SummaryFigures
{
    public const string NotApplicable = "n/a";

    public static string Money(decimal? rupees) => rupees is { } value ? Inr.Format(value, 0) : NotApplicable;

    public static string Count(decimal? count) => count is { } value ? Grouped(value, 0) : NotApplicable;

    public static string Ratio(double? ratio) => ratio is { } value ? Grouped((decimal)value, 2) : NotApplicable;

    /// <summary>The 0-100 efficiency score, to one decimal.</summary>
    public static string Score(double? score) => score is { } value ? Grouped((decimal)value, 1) : NotApplicable;

    public static string Percent(double? percent) => percent is { } value ? Grouped((decimal)value, 1)
        + " %" : NotApplicable;

    /// <summary>A signed change: <c>+420.7 %</c>, <c>-12.0 %</c>.</summary>
    public static string Change(double? percent) => percent is { } value
        ? (Math.Round(value, 1, MidpointRounding.AwayFromZero) > 0 ? "+" : "") + Percent(value)
        : NotApplicable;

    /// <summary>A signed change of a percentage, in percentage points: <c>-83.6 pts</c>.</summary>
    public static string Points(decimal? points) => points is { } value
        ? (Math.Round(value, 1, MidpointRounding.AwayFromZero) > 0 ? "+" : "") + Grouped(value, 1) + " pts"
        : NotApplicable;

    /// <summary>
    /// How a headline's change reads: percentage points for a percentage (ROI), percent for the rest.
    /// </summary>
    public static string Change(HeadlineFigure figure) =>
        figure.Kind == FigureKind.Percent ? Points(figure.ChangePoints) : Change(figure.ChangePercent);

    public static string Value(HeadlineFigure figure, decimal? value) => figure.Kind switch
    {
        FigureKind.Money => Money(value),
        FigureKind.Count => Count(value),
        FigureKind.Ratio => Ratio(value is { } r ? (double)r : null),
        _ => Percent(value is { } p ? (double)p : null),
    };

    public static string Current(HeadlineFigure figure) => Value(figure, figure.Current);

    public static string Previous(HeadlineFigure figure) => Value(figure, figure.Previous);

    /// <summary>30 Jun – 6 Jul 2025 (the year once when both ends share it).</summary>
    public static string Range(DateOnly from, DateOnly to) => from.Year == to.Year
        ? $"{from.ToString(from.Month == to.Month ? "%d" : "d MMM", CultureInfo.InvariantCulture)} " +
            $"– {IndianText.Date(to)}"
        : $"{IndianText.Date(from)} – {IndianText.Date(to)}";

    private static string Grouped(decimal value, int decimals) => IndianText.Number(value, decimals);
}
