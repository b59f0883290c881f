using HealthKart.Core.Reports;
using HealthKart.Infrastructure.Exports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace HealthKart.Functions;

/// <summary>
/// A download written straight to the response body as it is produced (CSV rows, a streamed workbook), with a safe
/// attachment name and the report's context headers. CSV goes compressed to a client that accepts it (browsers do, and
/// save the file as CSV): a million tracking rows are 133 MB as they are (docs/api.md, "Compressed answers"). A
/// workbook is a zip already and goes as it is.
/// </summary>
public sealed class ExportResult(ExportDownload download) : IActionResult
{
    public ExportDownload Download => download;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = download.ContentType;
        response.Headers.ContentDisposition = ExportFileName.ContentDisposition(download.FileName);
        response.Headers.CacheControl = "no-store";
        foreach (var (name, value) in download.Headers)
        {
            response.Headers[name] = value;
        }

        string? coding = null;
        if (download.ContentType.StartsWith("text/csv", StringComparison.Ordinal))
        {
            coding = ContentCoding.For(context.HttpContext.Request);
            ContentCoding.Use(response, coding);
        }

        var compressed = coding is null ? null : ContentCoding.Compressing(response.Body, coding);
        try
        {
            await download.Write(compressed ?? response.Body, context.HttpContext.RequestAborted);
        }
        catch when (!response.HasStarted)
        {
            // Nothing was sent, so a problem answer follows: plain JSON, neither an attachment nor compressed. The
            // compressor is dropped unfinished (the collector frees it): finishing it would start the response.
            response.Headers.Remove(HeaderNames.ContentDisposition);
            response.Headers.Remove(HeaderNames.ContentEncoding);
            throw;
        }

        if (compressed is not null)
        {
            // Writes the end of the compressed stream.
            await compressed.DisposeAsync();
        }
    }
}
