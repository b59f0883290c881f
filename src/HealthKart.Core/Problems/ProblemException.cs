namespace HealthKart.Core.Problems;

/// <summary>
/// A request the caller must fix (or a resource that is not there), with the RFC 7807 fields it becomes: thrown
/// anywhere, turned into a problem response in one place by the hosts.
/// </summary>
public class ProblemException(int status, string title, string detail, string? parameter = null) : Exception(detail)
{
    public int Status => status;
    public string Title => title;
    public string Detail => Message;

    /// <summary>The query parameter, route value or field at fault, when there is one.</summary>
    public string? Parameter => parameter;

    public static ProblemException BadRequest(string parameter, string detail) => new(400, "Invalid request parameter", detail, parameter);

    public static ProblemException NotFound(string detail) => new(404, "Not found", detail);

    public static ProblemException Conflict(string detail) => new(409, "Conflict", detail);

    public static ProblemException TooLarge(string detail) => new(413, "Payload too large", detail);
}
