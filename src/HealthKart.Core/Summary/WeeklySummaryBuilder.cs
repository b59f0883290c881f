using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Customers;
using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Core.Reports;
using HealthKart.Core.Views;

namespace HealthKart.Core.Summary;

/// <summary>
/// Computes a <see cref="WeeklySummary"/> with the very engine calls the analytics API makes for <c>from</c>/<c>to</c>
/// = the week (<see cref="InsightEngine.Insights"/>: the summary, the week before, the changes, top and bottom five and
/// the best actions), so every figure in the e-mail equals the API's for that week.
/// </summary>
public static class WeeklySummaryBuilder
{
    /// <summary>The headline KPIs, in the order the e-mail shows them (the JSON names of the summary view).</summary>
    private static readonly (string Metric, string Label, FigureKind Kind)[] Headline =
    [
        ("revenue", "Revenue", FigureKind.Money),
        ("spend", "Spend", FigureKind.Money),
        ("roi", "ROI", FigureKind.Percent),
        ("roas", "ROAS", FigureKind.Ratio),
        ("incrementalRoas", "Incremental ROAS", FigureKind.Ratio),
        ("orders", "Orders", FigureKind.Count),
    ];

    public static Selection Select(Snapshot snapshot, IsoWeek week) =>
        new(snapshot, AnalyticsQuery.All with { From = week.Monday, To = week.Sunday });

    public static WeeklySummary Build(
        IsoWeek week, Snapshot snapshot, DateOnly today, IEnumerable<UploadRecord> uploads,
        IReadOnlyList<SummaryLink> links, DateTimeOffset now)
    {
        var selection = Select(snapshot, week);
        var insights = InsightEngine.Insights(selection, today);
        var summary = insights.ExecutiveSummary;
        var active = selection.Sales.Length > 0 || selection.Posts.Length > 0 || selection.Spend.Length > 0;
        var previous = week.Previous;
        return new WeeklySummary
        {
            Week = week,
            From = week.Monday,
            To = week.Sunday,
            PreviousFrom = previous.Monday,
            PreviousTo = previous.Sunday,
            HasActivity = active,
            Headlines = [.. Headline.Select(h => new HeadlineFigure(h.Metric, h.Label, h.Kind,
                Figure(summary.Current, h.Metric), summary.Previous is { } before ? Figure(before, h.Metric) : null,
                summary.ChangePercent.GetValueOrDefault(h.Metric)))],
            Top = active ? summary.Top : [],
            // With fewer than ten paid influencers the API's top and bottom five overlap; a "bottom" list that repeats
            // the week's best performer would mislead, so the e-mail lists each influencer once.
            Bottom = active ? [.. summary.Bottom.Where(b => !summary.Top.Any(t => t.InfluencerId == b.InfluencerId))]
                : [],
            Actions = active ? summary.Actions : [],
            Observations = active ? [.. insights.Items.Where(i => CustomerObservations.Kinds.Contains(i.Kind))] : [],
            BudgetAdvice = active ? insights.Items.FirstOrDefault(i => i.Kind == "reallocation")?.Reason : null,
            ImmatureDays = summary.Current.Period.ImmatureDays,
            MaturityDays = summary.Current.Period.MaturityDays,
            DataQuality = DataQuality.Check(snapshot).Items,
            Uploads = [.. uploads.Where(u => week.Contains(u.ReceivedAt)).OrderBy(u => u.ReceivedAt).Select(Upload)],
            Links = active ? links : [],
            Attachment = active ? ExportFileName.For(ReportCatalog.Full, week.Monday, week.Sunday, "xlsx") : null,
            DataFrom = snapshot.DayRange is { } range ? DateOnly.FromDayNumber(range.First) : null,
            DataTo = snapshot.DayRange is { } last ? DateOnly.FromDayNumber(last.Last) : null,
            LatestActiveWeek = active ? null : LatestActiveWeek(snapshot, today),
            DatasetVersion = snapshot.DatasetVersion,
            Incrementality = summary.Current.Incrementality,
            GeneratedAt = now,
        };
    }

    /// <summary>
    /// The latest complete week (IST) with influencer sales, posts or dated spend, else the latest week with any; null
    /// when nothing is dated. A week without activity points its reader there.
    /// </summary>
    public static IsoWeek? LatestActiveWeek(Snapshot snapshot, DateOnly today)
    {
        var lastComplete = IsoWeek.LastComplete(today).Sunday.DayNumber;
        var (latest, latestComplete) = (int.MinValue, int.MinValue);
        foreach (var (days, count) in new[] { (snapshot.Sales.Day, snapshot.Sales.Count),
            (snapshot.Posts.Day, snapshot.Posts.Count), (snapshot.Spend.Day, snapshot.Spend.Count) })
        {
            for (var i = 0; i < count; i++)
            {
                latest = Math.Max(latest, days[i]);
                latestComplete = days[i] <= lastComplete ? Math.Max(latestComplete, days[i]) : latestComplete;
            }
        }

        var found = latestComplete != SpendColumns.Undated ? latestComplete : latest;
        return found == SpendColumns.Undated ? null : IsoWeek.Of(DateOnly.FromDayNumber(found));
    }

    private static decimal? Figure(SummaryView view, string metric) => metric switch
    {
        "revenue" => view.Revenue,
        "spend" => view.Spend,
        "orders" => view.Orders,
        "roi" => (decimal?)view.Roi,
        "roas" => (decimal?)view.Roas,
        "incrementalRoas" => (decimal?)view.IncrementalRoas,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Not a headline metric."),
    };

    private static WeekUpload Upload(UploadRecord u) => new(
        u.Id, u.FileName, u.Dataset?.FileStem(), u.Status.ToString().ToLowerInvariant(), u.Rows, u.Errors, u.Warnings,
        u.ReceivedAt);
}
