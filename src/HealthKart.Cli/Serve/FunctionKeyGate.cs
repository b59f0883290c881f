using System.Security.Cryptography;
using System.Text;
using HealthKart.Core.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HealthKart.Cli.Serve;

/// <summary>
/// What the Functions host does before a non-anonymous function runs: the request must carry the key, in the
/// <c>x-functions-key</c> header or the <c>code</c> query parameter, or it gets a 401. One key stands for Azure's function
/// and host (admin) keys. Compared in constant time, so response timing does not reveal how much of a guess was right.
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
        string.IsNullOrWhiteSpace(key) ? throw new ArgumentException("A function key cannot be blank.", nameof(key)) : new(key);

    /// <summary>A gate with a fresh random key, for when none is configured.</summary>
    public static FunctionKeyGate Generating() => new(NewKey(), generated: true);

    /// <summary>A fresh random key (256 bits, URL-safe), for when none is configured.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Throws a 401 problem when the request may not run a function of this level.</summary>
    public void Check(HttpRequest request, AuthorizationLevel level)
    {
        if (_keyHash is null || level == AuthorizationLevel.Anonymous)
        {
            return;
        }

        var sent = request.Headers[Header].FirstOrDefault() ?? request.Query[QueryParameter].FirstOrDefault();
        // Hashing first gives equal lengths, so FixedTimeEquals compares every byte whatever was sent.
        if (sent is null || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), _keyHash))
        {
            throw new ProblemException(StatusCodes.Status401Unauthorized, "Unauthorized",
                $"This endpoint needs the function key, sent as the '{Header}' header or the '{QueryParameter}' query parameter.");
        }
    }
}
