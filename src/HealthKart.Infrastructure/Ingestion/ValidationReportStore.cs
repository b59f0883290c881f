using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HealthKart.Core.Reports;
using HealthKart.Core.Validation;
using HealthKart.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Ingestion;

/// <summary>
/// Writes an upload's validation report to the reports container: the whole report as JSON, and its errors and
/// warnings as a CSV a marketer can open in Excel next to the file they uploaded.
/// </summary>
public sealed class ValidationReportStore(StorageAccount account, IOptions<ReportOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public BlobContainerClient Container => account.Blobs.GetBlobContainerClient(options.Value.Container);

    public static string JsonPath(string uploadId) => $"validation/{uploadId}.json";
    public static string CsvPath(string uploadId) => $"validation/{uploadId}.issues.csv";

    public async Task WriteAsync(string uploadId, ValidationReport report, CancellationToken cancellationToken)
    {
        await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Upload(JsonPath(uploadId), JsonSerializer.SerializeToUtf8Bytes(report, Json), "application/json",
            cancellationToken);
        await Upload(CsvPath(uploadId), IssuesCsv(report), "text/csv; charset=utf-8", cancellationToken);
    }

    public async Task<ValidationReport?> ReadAsync(string uploadId, CancellationToken cancellationToken)
    {
        var blob = Container.GetBlobClient(JsonPath(uploadId));
        if (!await blob.ExistsAsync(cancellationToken))
        {
            return null;
        }

        var content = await blob.DownloadContentAsync(cancellationToken);
        return content.Value.Content.ToObjectFromJson<ValidationReport>(Json);
    }

    public async Task DeleteAsync(string uploadId, CancellationToken cancellationToken)
    {
        await Container.GetBlobClient(JsonPath(uploadId)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        await Container.GetBlobClient(CsvPath(uploadId)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    private Task Upload(string path, byte[] content, string contentType, CancellationToken cancellationToken) =>
        Container.GetBlobClient(path).UploadAsync(
            new BinaryData(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);

    /// <summary>RFC 4180 with a BOM (so Excel reads UTF-8), values neutralised against formula injection.</summary>
    private static byte[] IssuesCsv(ValidationReport report)
    {
        var csv = new StringBuilder("\uFEFFseverity,row,column,value,reason\r\n");
        foreach (var (severity, issues) in new[] { ("error", report.Errors), ("warning", report.Warnings) })
        {
            foreach (var issue in issues)
            {
                csv.Append(severity).Append(',').Append(issue.Row).Append(',')
                    .Append(Quote(issue.Column)).Append(',').Append(Quote(issue.Value)).Append(',')
                    .Append(Quote(issue.Reason)).Append("\r\n");
            }
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static string Quote(string? text) => "\"" + SpreadsheetText.Neutralize(text).Replace("\"", "\"\"") + "\"";
}
