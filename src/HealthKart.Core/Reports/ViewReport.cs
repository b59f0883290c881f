using HealthKart.Core.Analytics;

namespace HealthKart.Core.Reports;

/// <summary>
/// The report of one analytics view: the computation the JSON API makes, and the sheets that lay the result out.
/// </summary>
internal sealed record ViewReport(string Name, string Title, Func<Selection, DateOnly, object> Compute,
    IReadOnlyList<ViewSheet> Sheets)
{
    /// <summary>
    /// The query parameters the view takes beyond the filters (<c>n</c>, <c>granularity</c>, the plan's).
    /// </summary>
    public IReadOnlyList<string> Parameters { get; init; } = [];

    /// <summary>Facts of the computed view that are no row of any sheet, for the About sheet.</summary>
    public Func<object, IReadOnlyList<ReportNote>> Notes { get; init; } = _ => [];

    public ViewSheet Sheet(string name) => Sheets.Single(s => s.Name == name);
}
