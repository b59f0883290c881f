using HealthKart.Core;
using HealthKart.Core.Problems;
using HealthKart.Core.Reports;
using HealthKart.Core.Summary;
using HealthKart.Core.Views;
using HealthKart.Infrastructure.Analytics;
using HealthKart.Infrastructure.Ingestion;

namespace HealthKart.Infrastructure.Summary;

/// <summary>
/// Gathers one week's summary from the current snapshot (one snapshot for everything, so the figures, the links and
/// the attached workbook agree), the upload ledger and the link signer, and renders it.
/// </summary>
public sealed class WeeklySummaryComposer(SnapshotCache snapshots, UploadLedger uploads, WeeklySummaryLinks links,
    TimeProvider clock)
{
    /// <summary>
    /// Composes a week; <paramref name="weekLink"/> links another week's summary (the preview's <c>?week=</c>), see
    /// <see cref="WeeklySummaryHtml.Render"/>.
    /// </summary>
    public async Task<WeeklySummaryContent> ComposeAsync(
        IsoWeek week, bool withWorkbook, CancellationToken cancellationToken, Func<IsoWeek, string>? weekLink = null)
    {
        var snapshot = await snapshots.GetAsync(cancellationToken);
        var (now, today) = (clock.GetUtcNow(), IndiaTime.Today(clock));
        var uploaded = await uploads.ListReceivedAsync(week.Start, week.End, cancellationToken);
        WeeklySummary summary;
        try
        {
            summary = WeeklySummaryBuilder.Build(week, snapshot, today, uploaded, links.For(week, now), now);
        }
        catch (Exception exception) when (exception is not (ProblemException or OperationCanceledException))
        {
            // Like every view (AnalyticsView.Compute): a summary the
            // data cannot produce is a 422 for itself, not a 500.
            throw ProblemException.ViewFailed($"weekly summary {week}", snapshot.DatasetVersion, exception);
        }

        byte[]? workbook = null;
        if (withWorkbook && summary.HasActivity)
        {
            // The full report exactly as GET /api/exports/full.xlsx?from=...&to=... builds it.
            var selection = WeeklySummaryBuilder.Select(snapshot, week);
            KeyValuePair<string, string?[]>[] filters =
                [new("from", [week.Monday.ToString("yyyy-MM-dd")]), new("to", [week.Sunday.ToString("yyyy-MM-dd")])];
            var report = ReportCatalog.Build(ReportCatalog.Full, selection, today,
                ReportContext.For(selection, now, filters));
            using var buffer = new MemoryStream();
            XlsxReportWriter.Write(report, buffer);
            workbook = buffer.ToArray();
        }

        return new WeeklySummaryContent(summary, WeeklySummaryHtml.Render(summary, weekLink),
            WeeklySummaryText.Render(summary), workbook);
    }
}
