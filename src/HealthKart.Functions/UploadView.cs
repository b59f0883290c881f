using HealthKart.Core;
using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Core.Problems;
using HealthKart.Infrastructure.Storage;

namespace HealthKart.Functions;

/// <summary>The JSON shape of ledger records: the contract's summary fields, plus detail for one upload.</summary>
internal static class UploadView
{
    public static object Summary(UploadRecord r) => new
    {
        r.Id,
        r.FileName,
        dataset = r.Dataset?.FileStem(),
        status = r.Status.ToString().ToLowerInvariant(),
        r.Rows,
        r.RowsProcessed,
        progress = Progress(r),
        r.Errors,
        r.Warnings,
        r.Bytes,
        r.Current,
        r.UploadedBy,
        r.ReceivedAt,
        r.StartedAt,
        r.FinishedAt,
        r.PublishedAt,
        rawRows = RawRows(r),
        r.RetractedAt,
        r.FirstDate,
        r.LastDate,
        r.Attempts,
        r.Message,
        waitingFor = WaitingFor(r),
    };

    /// <summary>What an upload that is not finished is waiting for, in words; null once it is finished.</summary>
    private static string? WaitingFor(UploadRecord r) => r.Status switch
    {
        UploadStatus.Received =>
            "the ingestion to pick the file up: the blob trigger in Azure, or hk serve's inbox poller, which " +
            "ingests a few files at once " +
            "(Ingestion:ConcurrentUploads) and one file name at a time",
        UploadStatus.Validating =>
            $"validation to read the whole file ({IndianText.Count(r.RowsProcessed)} rows so far); then it is " +
            "ingested or rejected",
        UploadStatus.Ingesting =>
            "its facts to be stored; then the new version is ingested (the dashboard shows it) at once",
        UploadStatus.Ingested when r.RawRows is { State: RawRowState.Writing } rows =>
            $"its raw rows to be written to the tables ({IndianText.Count(rows.Written)} of " +
            $"{IndianText.Count(r.Rows)}); the dashboard already shows this version",
        _ => null,
    };

    /// <summary>
    /// The raw-row stage that follows an ingested upload, in its own field (the status stays ingested).
    /// </summary>
    private static object? RawRows(UploadRecord r) => r.RawRows is not { } rows ? null : new
    {
        state = rows.State.ToString().ToLowerInvariant(),
        written = rows.Written,
        total = r.Rows,
        completedAt = rows.CompletedAt,
    };

    public static object Detail(UploadRecord r) => new
    {
        upload = Summary(r),
        r.ContentHash,
        r.Replaced,
        firstErrors = r.FirstErrors,
        links = new
        {
            self = $"/api/uploads/{r.Id}",
            report = r.ReportPath is null ? null : $"/api/uploads/{r.Id}/report.json",
            issuesCsv = r.ErrorsCsvPath is null ? null : $"/api/uploads/{r.Id}/report.csv",
        },
    };

    /// <summary>
    /// A share of the work done: validation reads the file once and the raw-row stage reads it again; an ingested
    /// upload whose raw rows are still being written is half-way plus half of their share.
    /// </summary>
    private static double? Progress(UploadRecord r) => r switch
    {
        { Status: UploadStatus.Ingested, RawRows: { State: RawRowState.Writing } rows } =>
            r.Rows > 0 ? 0.5 + 0.5 * Math.Min(1.0, (double)rows.Written / r.Rows) : 0.5,
        { Status: UploadStatus.Ingested or UploadStatus.Rejected } => 1.0,
        { Status: UploadStatus.Ingesting } => 0.5,
        _ => null,
    };

    public static string ValidId(string id) =>
        TableKeys.IsUploadId(id) ? id : throw ProblemException.BadRequest("id",
            $"'{id}' is not an upload id; GET /api/uploads lists them.");
}
