namespace HealthKart.Cli.Serve;

/// <summary>How hk serve guards its API when it is reachable from other machines.</summary>
public sealed class ServeOptions
{
    public const string Section = "Serve";

    /// <summary>
    /// Demand a function key on every route that is not anonymous, as Azure does. Unset means: on when bound to
    /// anything but loopback, off on 127.0.0.1 (where the dashboard calls the API without a key).
    /// </summary>
    public bool? RequireKey { get; set; }

    /// <summary>
    /// The key callers send as <c>x-functions-key</c> or <c>?code=</c>; generated (and printed) when absent.
    /// </summary>
    public string? FunctionKey { get; set; }
}

/// <summary>Origins whose pages may call the API from a browser; none by default (same-origin only).</summary>
public sealed class CorsOptions
{
    public const string Section = "Cors";

    public string[] AllowedOrigins { get; set; } = [];
}
