using System.Security.Cryptography;
using System.Text;

namespace HealthKart.Core.Privacy;

/// <summary>
/// Replaces a customer's user_id with a keyed pseudonym (HMAC-SHA256), as India's DPDP Act expects of personal data
/// we do not need in the clear. The same user maps to the same pseudonym under one key, so repeat buyers can still be
/// counted; without the key the mapping cannot be reversed or recomputed.
/// </summary>
public sealed class UserPseudonymizer
{
    /// <summary>The longest user_id, in UTF-8 bytes, hashed from the stack; a longer one goes on the heap.</summary>
    private const int StackBytes = 256;

    /// <summary>
    /// Each thread's keyed hash, reused: keying HMAC costs as much as hashing a short user_id, so a one-shot call per
    /// customer took three times as long (measured: 1.7-3.3 µs against 0.6-1.1 µs). Tied to the key it was made
    /// with, so pseudonymizers under different keys never share one.
    /// </summary>
    [ThreadStatic]
    private static (byte[] Key, IncrementalHash Hash)? t_keyed;

    private readonly byte[]? _key;

    public UserPseudonymizer(string? key, bool enabled)
    {
        if (enabled && string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException("Privacy:UserIdKey must be set while Privacy:PseudonymizeUserIds is on.",
                nameof(key));
        }

        _key = enabled ? Encoding.UTF8.GetBytes(key!) : null;
    }

    public string Pseudonymize(string userId)
    {
        if (_key is null || userId.Length == 0)
        {
            return userId;
        }

        if (t_keyed is not { } keyed || !ReferenceEquals(keyed.Key, _key))
        {
            t_keyed?.Hash.Dispose();
            t_keyed = keyed = (_key, IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key));
        }

        var length = Encoding.UTF8.GetMaxByteCount(userId.Length);
        Span<byte> bytes = length <= StackBytes ? stackalloc byte[StackBytes] : new byte[length];
        keyed.Hash.AppendData(bytes[..Encoding.UTF8.GetBytes(userId, bytes)]);
        Span<byte> hash = stackalloc byte[32];
        keyed.Hash.GetHashAndReset(hash);
        return "u_" + Convert.ToHexStringLower(hash[..12]);
    }
}
