using HealthKart.Core;
using HealthKart.Core.Analytics;
using HealthKart.Core.Csv;
using HealthKart.Core.Problems;
using HealthKart.Core.Reports;
using HealthKart.Infrastructure.Analytics;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Exports;

/// <summary>A download, ready to be written to a response body as it is produced.</summary>
public sealed record ExportDownload(
    string ContentType, string FileName, IEnumerable<KeyValuePair<string, string>> Headers, Func<Stream, CancellationToken, Task> Write);

/// <summary>
/// Turns (report, format, filters) into a download: the formatted reports through <see cref="ReportCatalog"/>, the raw
/// <c>tracking</c> rows through <see cref="TrackingExport"/>. Shared by the key-protected and the signed-link routes.
/// </summary>
public sealed class ExportBuilder(SnapshotCache snapshots, TrackingExport tracking, TimeProvider clock, IOptions<DateWindow> dates)
{
    public const string Tracking = "tracking";
    public static readonly string[] Formats = ["csv", "xlsx"];

    /// <summary>Checks a report name and format, so a link is never made for a download that would fail.</summary>
    public static (string Report, string Format) Validate(string? report, string? format)
    {
        var name = (report ?? "").ToLowerInvariant();
        var type = (format ?? "").ToLowerInvariant();
        if (name != Tracking && !ReportCatalog.Exists(name))
        {
            throw ProblemException.NotFound($"There is no report '{report}'. Reports: {string.Join(", ", ReportCatalog.Names.Append(Tracking))}.");
        }

        if (!Formats.Contains(type))
        {
            throw ProblemException.BadRequest("format", $"'{format}' is not an export format; use csv or xlsx.");
        }

        if (type == "csv" && name != Tracking && !ReportCatalog.HasCsv(name))
        {
            throw ProblemException.BadRequest("format", $"The '{name}' report is a multi-sheet workbook; ask for {name}.xlsx.");
        }

        return (name, type);
    }

    public async Task<ExportDownload> CreateAsync(string report, string format, IEnumerable<KeyValuePair<string, string?[]>> parameters, CancellationToken cancellationToken)
    {
        (report, format) = Validate(report, format);
        var pairs = parameters.ToList();
        var query = AnalyticsQueryParser.Parse(pairs, dates.Value, ReportCatalog.Parameters(report));
        var contentType = format == "csv" ? TrackingExport.CsvContentType : TrackingExport.XlsxContentType;
        if (report == Tracking)
        {
            var name = ExportFileName.For(Tracking, query.From, query.To, format);
            return new ExportDownload(contentType, name, [],
                format == "csv" ? (stream, token) => tracking.WriteCsvAsync(query, stream, token) : (stream, token) => tracking.WriteXlsxAsync(query, stream, token));
        }

        var selection = Selection.For(await snapshots.GetAsync(cancellationToken), query);
        var context = ReportContext.For(selection, clock.GetUtcNow(), pairs);
        var built = ReportCatalog.Build(report, selection, IndiaTime.Today(clock), context);
        return new ExportDownload(contentType, ExportFileName.For(built, format), ExportHeaders.For(context),
            format == "csv" ? (stream, token) => CsvReportWriter.WriteAsync(built.Main, stream, token) : (stream, token) => XlsxReportWriter.WriteAsync(built, stream, token));
    }
}
