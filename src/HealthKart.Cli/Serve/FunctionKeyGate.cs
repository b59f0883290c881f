using System.Security.Cryptography;
using System.Text;
using HealthKart.Core.Problems;
using HealthKart.Functions;
using Microsoft.AspNetCore.Http;

namespace HealthKart.Cli.Serve;

/// <summary>
/// What Azure's gate in front of the host does (App Service Authentication, and the master key on the admin route) for
/// every function that is not public by design (<see cref="PublicFunctions"/>): the request must carry the key, in the
/// <c>x-functions-key</c> header or the <c>code</c> query parameter, or it gets a 401. Compared in constant time, so
/// response timing does not reveal how much of a guess was right.
/// </summary>
public sealed class FunctionKeyGate
{
    public const string Header = "x-functions-key";
    public const string QueryParameter = "code";

    private readonly byte[]? _keyHash;

    private FunctionKeyGate(string? key, bool generated = false)
    {
        Key = key;
        Generated = generated;
        _keyHash = key is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>The key callers must send; null when no key is required.</summary>
    public string? Key { get; }

    /// <summary>The key was made for this run, not configured: only then does hk serve print it.</summary>
    public bool Generated { get; }

    public static FunctionKeyGate Open { get; } = new(null);

    public static FunctionKeyGate Requiring(string key) =>
        string.IsNullOrWhiteSpace(key) ? throw new ArgumentException("A function key cannot be blank.", nameof(key))
        : new(key);

    /// <summary>A gate with a fresh random key, for when none is configured.</summary>
    public static FunctionKeyGate Generating() => new(NewKey(), generated: true);

    /// <summary>A fresh random key (256 bits, URL-safe), for when none is configured.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=')
        .Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// Throws a 401 problem when the request may not run the function (<paramref name="isPublic"/>: anyone may).
    /// </summary>
    public void Check(HttpRequest request, bool isPublic)
    {
        if (_keyHash is null || isPublic)
        {
            return;
        }

        var sent = request.Headers[Header].FirstOrDefault() ?? request.Query[QueryParameter].FirstOrDefault();
        // Hashing first gives equal lengths, so FixedTimeEquals compares every byte whatever was sent.
        if (sent is null || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)),
            _keyHash))
        {
            throw new ProblemException(StatusCodes.Status401Unauthorized, "Unauthorized",
                $"This endpoint needs the function key, sent as the '{Header}' header or the " +
                $"'{QueryParameter}' query parameter.");
        }
    }
}
