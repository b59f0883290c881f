using System.Security.Cryptography;
using System.Text;

namespace HealthKart.Core.Links;

/// <summary>
/// Signs and checks shareable export links: HMAC-SHA256 over the route, the normalised query and the expiry, under a
/// key named by its id. Several keys are accepted at once (the first signs), so a key can be rotated without breaking
/// the links already sent; checking is constant-time. The query is normalised (names lower-cased and sorted, values
/// sorted) so the same filters always sign alike, and any added, removed or changed filter breaks the signature.
/// </summary>
public sealed class LinkSigner
{
    public const string Expiry = "exp";
    public const string KeyId = "kid";
    public const string Signature = "sig";

    private readonly IReadOnlyList<SigningKey> _keys;

    public LinkSigner(IReadOnlyList<SigningKey> keys)
    {
        if (keys.Any(k => string.IsNullOrWhiteSpace(k.Id) || k.Secret.Length < 32))
        {
            throw new ArgumentException("Every signing key needs an id and a secret of at least 32 characters.",
                nameof(keys));
        }

        _keys = keys;
    }

    public bool CanSign => _keys.Count > 0;

    /// <summary>
    /// The query string (without '?') that makes <paramref name="route"/> a signed link until <paramref
    /// name="expiresAt"/>.
    /// </summary>
    public string Sign(string route, IEnumerable<KeyValuePair<string, string[]>> query, DateTimeOffset expiresAt)
    {
        var key = _keys.Count > 0
            ? _keys[0] : throw new InvalidOperationException("No signing key is configured (Links:Keys).");
        var filters = Normalise(query);
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = Mac(key, route, filters, expiry);
        var signed = $"{Expiry}={expiry}&{KeyId}={Uri.EscapeDataString(key.Id)}&{Signature}={signature}";
        return filters.Length == 0 ? signed : $"{filters}&{signed}";
    }

    /// <summary>
    /// Checks a link: a known key, an unexpired expiry, and a signature over exactly this route and query.
    /// </summary>
    public LinkCheck Verify(string route, IEnumerable<KeyValuePair<string, string[]>> query, DateTimeOffset now)
    {
        var parameters = query.ToList();
        string? Single(string name) =>
            parameters.Where(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).SelectMany(p => p.Value)
            .ToList() is [var only] ? only : null;

        if (Single(Signature) is not { } signature || Single(KeyId) is not { } keyId
            || Single(Expiry) is not { } expiry)
        {
            return LinkCheck.Fail("The link is not signed.");
        }

        if (_keys.FirstOrDefault(k => k.Id == keyId) is not { } key)
        {
            return LinkCheck.Fail("The link was signed with a key that is no longer accepted.");
        }

        if (!long.TryParse(expiry, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return LinkCheck.Fail("The link's expiry is malformed.");
        }

        var filters = Normalise(parameters.Where(p => !IsSignature(p.Key)));
        var expected = Encoding.ASCII.GetBytes(Mac(key, route, filters, expiry));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return LinkCheck.Fail("The link's signature does not match: it was changed after it was made.");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds) <= now
            ? LinkCheck.Fail("The link has expired; ask for a new one.")
            : LinkCheck.Pass(parameters.Where(p => !IsSignature(p.Key)).ToList());
    }

    private static bool IsSignature(string name) =>
        name.Equals(Expiry, StringComparison.OrdinalIgnoreCase)
        || name.Equals(KeyId, StringComparison.OrdinalIgnoreCase)
        || name.Equals(Signature, StringComparison.OrdinalIgnoreCase);

    /// <summary>name=value pairs, names lower-cased, each value separately escaped, sorted ordinally.</summary>
    public static string Normalise(IEnumerable<KeyValuePair<string, string[]>> query) =>
        string.Join('&', query
            .Where(p => !IsSignature(p.Key))
            .SelectMany(p => p.Value.Where(v => v.Length > 0)
                .Select(v => $"{Uri.EscapeDataString(p.Key.ToLowerInvariant())}={Uri.EscapeDataString(v)}"))
            .Order(StringComparer.Ordinal));

    private static string Mac(SigningKey key, string route, string filters, string expiry)
    {
        var message = Encoding.UTF8.GetBytes($"{route.ToLowerInvariant()}\n{filters}\n{expiry}\n{key.Id}");
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key.Secret), message);
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}

/// <summary>
/// The outcome of checking a link: on success, the filters it carries (without the signature parameters).
/// </summary>
public sealed record LinkCheck(bool Valid, string? Reason, IReadOnlyList<KeyValuePair<string, string[]>> Filters)
{
    public static LinkCheck Fail(string reason) => new(false, reason, []);

    public static LinkCheck Pass(IReadOnlyList<KeyValuePair<string, string[]>> filters) => new(true, null, filters);
}
