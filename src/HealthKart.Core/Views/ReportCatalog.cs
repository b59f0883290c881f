using HealthKart.Core.Analytics;
using HealthKart.Core.Problems;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Views;

/// <summary>
/// The export reports: one per analytics view (named like the view, laid out by the view's own sheets) and
/// <c>full</c>, the multi-sheet workbook made of several views' sheets. <see cref="Map"/> says which JSON property each
/// column shows.
/// </summary>
public static class ReportCatalog
{
    public const string Full = "full";

    /// <summary>The sheets of the full report (view, sheet), after its About sheet.</summary>
    private static readonly (string View, string Sheet)[] FullSheets =
    [
        ("summary", "Summary"), ("influencers", "Influencers"), ("campaigns", "Campaigns"), ("platforms", "Platforms"),
        ("personas", "Personas"), ("personas", "Personas by gender"), ("products", "Products"), ("products", "Brands"),
        ("tiers", "Tiers"), ("timeseries", "Time series"), ("customers", "Customer cohorts"), ("insights", "Insights"),
        ("data-quality", "Data quality"),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. ViewCatalog.All.Select(v => v.Name), Full];

    public static bool Exists(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every report but the full workbook has a CSV form: its first sheet.</summary>
    public static bool HasCsv(string name) => Exists(name) && !name.Equals(Full, StringComparison.OrdinalIgnoreCase);

    /// <summary>The parameters a report's view takes beyond the filters; none for the full workbook.</summary>
    public static IReadOnlyList<ViewParameter> Parameters(string name) => ViewCatalog.Find(name)?.Parameters ?? [];

    public static Report Build(string name, Selection selection, DateOnly today, ReportContext context) =>
        name.Equals(Full, StringComparison.OrdinalIgnoreCase) ? BuildFull(selection, today, context) : Find(name)
        .Report(selection, today, context);

    /// <summary>Which JSON property of which view each column of each sheet shows, in sheet order.</summary>
    public static IReadOnlyList<SheetMap> Map(string name) => name.Equals(Full, StringComparison.OrdinalIgnoreCase)
        ? [.. FullSheets.Select(s => Find(s.View).Sheet(s.Sheet).Map(s.View))]
        : Find(name).Map();

    internal static string Title(string what) => $"HealthKart influencer ROI: {what}";

    private static Report BuildFull(Selection selection, DateOnly today, ReportContext context)
    {
        var views = FullSheets.Select(s => s.View).Distinct().ToDictionary(v => v,
            v => Find(v).Compute(selection, today));
        var sheets = FullSheets.Select(s => Find(s.View).Sheet(s.Sheet).Render(views[s.View])).ToList();
        var notes = views.SelectMany(v => Find(v.Key).Notes(v.Value)).ToList();
        return new Report(Full, Title("Full report"), sheets, context) { Notes = notes };
    }

    private static AnalyticsView Find(string name) =>
        ViewCatalog.Find(name)
        ?? throw ProblemException.NotFound($"There is no report '{name}'. Reports: {string.Join(", ", Names)}.");
}
