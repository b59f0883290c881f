using HealthKart.Core.Analytics;
using HealthKart.Core.Problems;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Uploads;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HealthKart.Functions;

/// <summary>The upload ledger over HTTP: list, inspect, upload, get a direct-upload URL, retract.</summary>
public sealed class Uploads(UploadLedger ledger, UploadInbox inbox, SourceRetraction retraction,
    ValidationReportStore reports)
{
    /// <summary>
    /// The newest uploads a listing shows unless it asks for more (<c>limit</c>, at most <see cref="MaxListed"/>): the
    /// ledger keeps every upload ever made, and the dashboard lists it every few seconds.
    /// </summary>
    public const int DefaultListed = 100;

    public const int MaxListed = 1000;

    [Function("ListUploads")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "uploads")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        RequestParameters.RejectUnknown(request, "limit");
        var limit = request.Query.TryGetValue("limit", out var values)
            ? ViewParameters.WholeNumber("limit", [.. values.Select(v => v ?? "")], 1, MaxListed) : DefaultListed;
        var (records, more) = await ledger.ListAsync(limit, cancellationToken);
        return new OkObjectResult(new { items = records.Select(UploadView.Summary), more });
    }

    [Function("GetUpload")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "uploads/{id}")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        RequestParameters.RejectUnknown(request);
        var record = await ledger.FindAsync(UploadView.ValidId(id), cancellationToken)
            ?? throw ProblemException.NotFound($"There is no upload '{id}'. GET /api/uploads lists them.");
        return new OkObjectResult(UploadView.Detail(record));
    }

    [Function("GetUploadReport")]
    public async Task<IActionResult> Report(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "uploads/{id}/report.{format}")] HttpRequest request,
        string id, string format, CancellationToken cancellationToken)
    {
        RequestParameters.RejectUnknown(request);
        var record = await ledger.FindAsync(UploadView.ValidId(id), cancellationToken);
        var path = format switch
        {
            "json" => record?.ReportPath,
            "csv" => record?.ErrorsCsvPath,
            _ => throw ProblemException.BadRequest("format", "The report is available as .json or .csv."),
        };
        if (path is null)
        {
            throw ProblemException.NotFound(
                $"Upload '{id}' has no validation report yet; it is written once validation finishes.");
        }

        var blob = reports.Container.GetBlobClient(path);
        var content = await blob.OpenReadAsync(cancellationToken: cancellationToken);
        return new FileStreamResult(content, format == "json" ? "application/json" : "text/csv; charset=utf-8")
        {
            FileDownloadName = $"validation-{id}.{format}",
        };
    }

    [Function("PostUpload")]
    public async Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "uploads/{fileName}")] HttpRequest request,
        string fileName, CancellationToken cancellationToken)
    {
        RequestParameters.RejectUnknown(request);
        var record = await inbox.SaveAsync(fileName, request.Body, request.ContentLength, Principal.Name(request),
            cancellationToken);
        return new AcceptedResult($"/api/uploads/{record.Id}", UploadView.Detail(record));
    }

    [Function("CreateUploadSas")]
    public async Task<IActionResult> Sas(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "uploads/{fileName}/sas")] HttpRequest request,
        string fileName, CancellationToken cancellationToken)
    {
        RequestParameters.RejectUnknown(request);
        var sas = await inbox.CreateSasAsync(fileName, Principal.Name(request), cancellationToken);
        return new OkObjectResult(new { sas.FileName, url = sas.Url, sas.ExpiresAt, sas.Method, sas.Headers });
    }

    [Function("DeleteUpload")]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "uploads/{id}")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        RequestParameters.RejectUnknown(request);
        var retracted = await retraction.RetractAsync(UploadView.ValidId(id), cancellationToken);
        return new OkObjectResult(UploadView.Detail(retracted));
    }
}
