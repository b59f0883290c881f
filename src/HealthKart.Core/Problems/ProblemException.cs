namespace HealthKart.Core.Problems;

/// <summary>
/// A request the caller must fix (or a resource that is not there), with the RFC 7807 fields it becomes: thrown
/// anywhere, turned into a problem response in one place by the hosts.
/// </summary>
public class ProblemException(int status, string title, string detail, string? parameter = null, Exception? cause =
    null)
    : Exception(detail, cause)
{
    public int Status => status;
    public string Title => title;
    public string Detail => Message;

    /// <summary>The query parameter, route value or field at fault, when there is one.</summary>
    public string? Parameter => parameter;

    public static ProblemException BadRequest(string parameter, string detail) =>
        new(400, "Invalid request parameter", detail, parameter);

    public static ProblemException NotFound(string detail) => new(404, "Not found", detail);

    public static ProblemException Conflict(string detail) => new(409, "Conflict", detail);

    public static ProblemException TooLarge(string detail) => new(413, "Payload too large", detail);

    /// <summary>
    /// A view the current data cannot produce (422): that view answers this, with why, and every other view still
    /// answers. The cause goes to the log, never to the caller.
    /// </summary>
    public static ProblemException ViewFailed(string view, string datasetVersion, Exception cause) =>
        new(422, "View could not be computed",
        $"The '{view}' view could not be computed from dataset version {datasetVersion} ({cause.GetType().Name}); " +
        "the other views still answer. " +
        "Narrow the filters, or check the data-quality panel for the source that causes it.", null, cause);
}
