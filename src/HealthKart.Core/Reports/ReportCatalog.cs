using HealthKart.Core.Analytics;
using HealthKart.Core.Problems;

namespace HealthKart.Core.Reports;

/// <summary>
/// The export reports: one per analytics view (named like the view) and <c>full</c>, the multi-sheet workbook. Every
/// report is computed by the same engine call as the view's JSON and laid out by one definition for CSV and XLSX, so
/// the three formats cannot drift apart; <see cref="Map"/> says which JSON property each column shows.
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

    public static IReadOnlyList<string> Names { get; } = [.. ViewReports.All.Select(r => r.Name), Full];

    /// <summary>
    /// The views of <c>GET /api/analytics/{view}</c>: every report but data quality (its own route) and the full
    /// workbook.
    /// </summary>
    public static IReadOnlyList<string> AnalyticsViews { get; } =
        [.. ViewReports.All.Select(r => r.Name).Where(n => n != DataQualityView)];

    public const string DataQualityView = "data-quality";

    /// <summary>
    /// The type a view's JSON is serialised from (its first sheet's view), so the API contract can describe it.
    /// </summary>
    public static Type ViewType(string name) => Find(name).Sheets[0].ViewType;

    public static bool Exists(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every report but the full workbook has a CSV form: its first sheet.</summary>
    public static bool HasCsv(string name) => Exists(name) && !name.Equals(Full, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The parameters a report's view takes beyond the filters; none for the full workbook and the raw rows.
    /// </summary>
    public static string[] Parameters(string name) =>
        ViewReports.All.FirstOrDefault(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } report
        ? [.. report.Parameters] : [];

    /// <summary>
    /// The view as the JSON API returns it (the object it serialises), from the one engine call the report also uses.
    /// </summary>
    public static object View(string name, Selection selection, DateOnly today) =>
        Compute(Find(name), selection, today);

    public static Report Build(string name, Selection selection, DateOnly today, ReportContext context)
    {
        if (name.Equals(Full, StringComparison.OrdinalIgnoreCase))
        {
            return BuildFull(selection, today, context);
        }

        var report = Find(name);
        var view = Compute(report, selection, today);
        return new Report(report.Name, Title(report.Title), [.. report.Sheets.Select(s => s.Render(view))],
            context)
        { Notes = report.Notes(view) };
    }

    /// <summary>
    /// Fails closed per view: a view that throws on this snapshot answers a 422 problem naming it, not a 500, and the
    /// others are untouched. A problem the caller must fix (a 400) and a cancelled request pass through as they are.
    /// </summary>
    private static object Compute(ViewReport report, Selection selection, DateOnly today)
    {
        try
        {
            return report.Compute(selection, today);
        }
        catch (Exception exception) when (exception is not (ProblemException or OperationCanceledException))
        {
            throw ProblemException.ViewFailed(report.Name, selection.Snapshot.DatasetVersion, exception);
        }
    }

    /// <summary>Which JSON property of which view each column of each sheet shows, in sheet order.</summary>
    public static IReadOnlyList<SheetMap> Map(string name)
    {
        if (name.Equals(Full, StringComparison.OrdinalIgnoreCase))
        {
            return [.. FullSheets.Select(s => Find(s.View).Sheet(s.Sheet).Map(s.View))];
        }

        var report = Find(name);
        return [.. report.Sheets.Select(s => s.Map(report.Name))];
    }

    private static Report BuildFull(Selection selection, DateOnly today, ReportContext context)
    {
        var views = FullSheets.Select(s => s.View).Distinct().ToDictionary(v => v,
            v => Compute(Find(v), selection, today));
        var sheets = FullSheets.Select(s => Find(s.View).Sheet(s.Sheet).Render(views[s.View])).ToList();
        var notes = views.SelectMany(v => Find(v.Key).Notes(v.Value)).ToList();
        return new Report(Full, Title("Full report"), sheets, context) { Notes = notes };
    }

    private static string Title(string what) => $"HealthKart influencer ROI: {what}";

    private static ViewReport Find(string name) =>
        ViewReports.All.FirstOrDefault(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw ProblemException.NotFound($"There is no report '{name}'. Reports: {string.Join(", ", Names)}.");
}
