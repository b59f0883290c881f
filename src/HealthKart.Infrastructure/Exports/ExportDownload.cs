namespace HealthKart.Infrastructure.Exports;

/// <summary>A download, ready to be written to a response body as it is produced.</summary>
public sealed record ExportDownload(
    string ContentType, string FileName, IEnumerable<KeyValuePair<string, string>> Headers,
    Func<Stream, CancellationToken, Task> Write);
