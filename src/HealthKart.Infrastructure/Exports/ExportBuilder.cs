using HealthKart.Core;
using HealthKart.Core.Analytics;
using HealthKart.Core.Problems;
using HealthKart.Core.Reports;
using HealthKart.Core.Validation;
using HealthKart.Core.Views;
using HealthKart.Infrastructure.Analytics;
using HealthKart.Infrastructure.Exports.Tracking;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Exports;

/// <summary>
/// Turns (report, format, filters) into a download: the formatted reports through <see cref="ReportCatalog"/>, the raw
/// <c>tracking</c> rows through <see cref="TrackingExport"/>. Shared by the key-protected and the signed-link routes.
/// </summary>
public sealed class ExportBuilder(SnapshotCache snapshots, TrackingExport tracking, TimeProvider clock,
    IOptions<DateWindow> dates)
{
    public const string Tracking = "tracking";
    public static readonly string[] Formats = ["csv", "xlsx"];

    /// <summary>The route a signed link to a report opens (the path the signature covers).</summary>
    public static string SharedRoute(string report, string format) =>
        $"/api/shared/{report.ToLowerInvariant()}.{format.ToLowerInvariant()}";

    /// <summary>Every report there is to download: each view's, the full workbook and the raw tracking rows.</summary>
    public static IReadOnlyList<string> Reports { get; } = [.. ReportCatalog.Names, Tracking];

    /// <summary>Checks a report name and format, so a link is never made for a download that would fail.</summary>
    public static (string Report, string Format) Validate(string? report, string? format)
    {
        var name = (report ?? "").ToLowerInvariant();
        var type = (format ?? "").ToLowerInvariant();
        if (name != Tracking && !ReportCatalog.Exists(name))
        {
            throw ProblemException.NotFound($"There is no report '{report}'. Reports: {string.Join(", ", Reports)}.");
        }

        if (!Formats.Contains(type))
        {
            throw ProblemException.BadRequest("format", $"'{format}' is not an export format; use csv or xlsx.");
        }

        if (type == "csv" && name != Tracking && !ReportCatalog.HasCsv(name))
        {
            throw ProblemException.BadRequest("format",
                $"The '{name}' report is a multi-sheet workbook; ask for {name}.xlsx.");
        }

        return (name, type);
    }

    /// <summary>
    /// Reads a request exactly as its download will (report, format, the filters and the report's view parameters), so
    /// the routes and the link signer cannot disagree: a link is made only for a download that would answer.
    /// </summary>
    public (string Report, string Format, AnalyticsQuery Query) Read(string? report, string? format,
        IEnumerable<KeyValuePair<string, string?[]>> parameters)
    {
        var (name, type) = Validate(report, format);
        return (name, type, AnalyticsQueryParser.Parse(parameters, dates.Value, ReportCatalog.Parameters(name)));
    }

    public async Task<ExportDownload> CreateAsync(string report, string format,
        IEnumerable<KeyValuePair<string, string?[]>> parameters, CancellationToken cancellationToken)
    {
        var pairs = parameters.ToList();
        (report, format, var query) = Read(report, format, pairs);
        var contentType = format == "csv" ? TrackingExport.CsvContentType : TrackingExport.XlsxContentType;
        if (report == Tracking)
        {
            var name = ExportFileName.For(Tracking, query.From, query.To, format);
            return new ExportDownload(contentType, name, [],
                format == "csv" ? (stream, token) => tracking.WriteCsvAsync(query, stream, token) : (stream, token) =>
                    tracking.WriteXlsxAsync(query, stream, token));
        }

        var selection = Selection.For(await snapshots.GetAsync(cancellationToken), query);
        var context = ReportContext.For(selection, clock.GetUtcNow(), pairs);
        var built = ReportCatalog.Build(report, selection, IndiaTime.Today(clock), context);
        return new ExportDownload(contentType, ExportFileName.For(built, format), ExportHeaders.For(context),
            format == "csv" ? (stream, token) => CsvReportWriter.WriteAsync(built.Main, stream, token) : (stream,
                token) => XlsxReportWriter.WriteAsync(built, stream, token));
    }
}
