namespace HealthKart.Functions;

/// <summary>
/// Who may call which HTTP function. In Azure, App Service Authentication (Entra ID) answers 401 to every request
/// without a valid token before it reaches the host, except on the paths of these functions and the blob extension's
/// webhook (excludedPaths in infra/main.bicep; the Infra tests keep the two in step). Behind that gate the functions
/// use the Anonymous level, as Microsoft advises, because the host would otherwise also demand a key the page cannot
/// hold;
/// <c>POST summary/weekly/send</c> keeps the Admin level, so it needs the master key as well. hk serve stands in for
/// the gate with its function key on every function not listed here (docs/deploy.md, "Who gets in").
/// </summary>
public static class PublicFunctions
{
    /// <summary>
    /// Liveness, the API's contract (it holds no data), and the signed links, whose signature and expiry the function
    /// itself checks.
    /// </summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal) { nameof(Health),
        "GetOpenApi", "GetSharedExport" };
}
