using HealthKart.Core.Reports;
using HealthKart.Infrastructure.Exports;
using Microsoft.AspNetCore.Mvc;

namespace HealthKart.Functions;

/// <summary>
/// A download written straight to the response body as it is produced (CSV rows, a streamed workbook), with a safe
/// attachment name and the report's context headers.
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

        await download.Write(response.Body, context.HttpContext.RequestAborted);
    }
}
