using System.Security.Cryptography;
using System.Text;

namespace HealthKart.Infrastructure.Storage;

/// <summary>
/// Deterministic, legal Table Storage keys (no / \ # ? or control characters) that are also URL-safe, so an upload id
/// can sit in a route. A name's short hash keeps two names that slug alike ("a b.csv", "a-b.csv") apart.
/// </summary>
public static class TableKeys
{
    /// <summary>The source a blob name stands for, e.g. <c>tracking_data-2025-07.csv-1f3a9c2e</c>.</summary>
    public static string SourceKey(string blobName) => $"{Slug(blobName)}-{ShortHash(blobName, 8)}";

    /// <summary>
    /// One upload: the source plus the blob write's ETag, so a re-delivered trigger finds the same record.
    /// </summary>
    public static string UploadId(string blobName, string etag) => $"{SourceKey(blobName)}~{ShortHash(etag, 10)}";

    /// <summary>One version of a source's content: identical content always lands on identical keys.</summary>
    public static string SourceVersion(string sourceKey, string contentHash) => $"{sourceKey}~{contentHash[..16]}";

    /// <summary>The source a <see cref="SourceVersion"/> belongs to.</summary>
    public static string SourceKeyOf(string sourceVersion) => sourceVersion[..sourceVersion.LastIndexOf('~')];

    public static string RowPartition(string sourceVersion, long block) => $"{sourceVersion}~{block:D7}";

    public static string RowKey(long row) => row.ToString("D10");

    /// <summary>The exclusive upper bound of every partition key that starts with <paramref name="prefix"/>.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    public static bool IsUploadId(string value) =>
        value.Length is > 0 and <= 200 && value.Contains('~') && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-'
            or '_' or '.' or '~');

    public static string Sha256Hex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);

    private static string Slug(string name)
    {
        var slug = new StringBuilder(Math.Min(name.Length, 80));
        foreach (var c in name.AsSpan(0, Math.Min(name.Length, 80)))
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' ? c : '-');
        }

        return slug.ToString();
    }

    private static string ShortHash(string text, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];
}
