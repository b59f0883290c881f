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

        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(userId), hash);
        return "u_" + Convert.ToHexStringLower(hash[..12]);
    }
}
