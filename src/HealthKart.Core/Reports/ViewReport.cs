using HealthKart.Core.Analytics;

namespace HealthKart.Core.Reports;

/// <summary>
/// The report of one analytics view: the computation the JSON API makes, and the sheets that lay the result out.
/// </summary>
internal sealed record ViewReport(string Name, string Title, Func<Selection, DateOnly, object> Compute, IReadOnlyList<ViewSheet> Sheets)
{
    /// <summary>Facts of the computed view that are no row of any sheet, for the About sheet.</summary>
    public Func<object, IReadOnlyList<ReportNote>> Notes { get; init; } = _ => [];

    /// <summary>The query parameters this view takes beyond the filters every view takes.</summary>
    public IReadOnlyList<string> Parameters { get; init; } = [];

    public ViewSheet Sheet(string name) => Sheets.Single(s => s.Name == name);
}
