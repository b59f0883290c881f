namespace HealthKart.Core.Validation;

/// <summary>
/// One problem in an uploaded file. <see cref="Row"/> counts as a spreadsheet does: the header is row 1, the first data
/// row is row 2; 0 means the file as a whole.
/// </summary>
public sealed record RowIssue(long Row, string? Column, string? Value, string Reason);
