using HealthKart.Core.Analytics;
using HealthKart.Core.Problems;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Views;

/// <summary>
/// One analytics view, whole: its name, the parameters it takes beyond the filters, its computation (what
/// <c>GET /api/analytics/{view}</c> answers) and its report layout (one sheet per array of that answer; the first is
/// the
/// <c>items</c> table, which the CSV export carries). The JSON and the exports make the same call, so they cannot
/// drift.
/// </summary>
public sealed class AnalyticsView
{
    private readonly Func<Selection, DateOnly, object> _compute;

    internal AnalyticsView(string name, string title, Func<Selection, DateOnly, object> compute,
        IReadOnlyList<ViewSheet> sheets)
    {
        Name = name;
        Title = title;
        _compute = compute;
        Sheets = sheets;
    }

    public string Name { get; }

    /// <summary>What the view is, as a report's title says it.</summary>
    public string Title { get; }

    /// <summary>The query parameters the view takes beyond the filters.</summary>
    public IReadOnlyList<ViewParameter> Parameters { get; init; } = [];

    /// <summary>The type the view's JSON is serialised from, so the API contract can describe it.</summary>
    public Type ResultType => Sheets[0].ViewType;

    /// <summary>
    /// The type of the <c>items</c> the view's JSON lists (<see cref="ItemFields"/>); null without any.
    /// </summary>
    public Type? ItemType => Sheets[0] is { JsonRows: "items" } items ? items.RowType : null;

    internal IReadOnlyList<ViewSheet> Sheets { get; }

    /// <summary>Facts of the computed view that are no row of any sheet, for the About sheet.</summary>
    internal Func<object, IReadOnlyList<ReportNote>> Notes { get; init; } = _ => [];

    /// <summary>
    /// The view of a selection. Fails closed: a view that throws on this snapshot answers a 422 problem naming it, not
    /// a 500, and the other views are untouched. A problem the caller must fix (a 400) and a cancelled request pass
    /// through.
    /// </summary>
    public object Compute(Selection selection, DateOnly today)
    {
        try
        {
            return _compute(selection, today);
        }
        catch (Exception exception) when (exception is not (ProblemException or OperationCanceledException))
        {
            throw ProblemException.ViewFailed(Name, selection.Snapshot.DatasetVersion, exception);
        }
    }

    /// <summary>The view laid out as its report: every sheet, and the notes for the About sheet.</summary>
    public Report Report(Selection selection, DateOnly today, ReportContext context)
    {
        var view = Compute(selection, today);
        return new Report(Name, ReportCatalog.Title(Title), [.. Sheets.Select(s => s.Render(view))],
            context)
        { Notes = Notes(view) };
    }

    /// <summary>Which JSON property each column of each sheet shows, in sheet order.</summary>
    public IReadOnlyList<SheetMap> Map() => [.. Sheets.Select(s => s.Map(Name))];

    internal ViewSheet Sheet(string name) => Sheets.Single(s => s.Name == name);
}
