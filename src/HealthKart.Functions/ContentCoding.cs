using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace HealthKart.Functions;

/// <summary>
/// How text answers travel compressed (docs/api.md, "Compressed answers"): Brotli for a client that accepts
/// <c>br</c> (browsers over HTTPS), gzip for one that accepts only that (browsers over plain HTTP), as they are
/// otherwise. Both at their fastest setting: in a scratch run Brotli's quality 4 was 15 % smaller than quality 1 on
/// the 3.2 MB influencers answer but took 91 ms against 11 (the quality-1 figures: bench/README.md, "Compressed
/// answers").
/// </summary>
public static class ContentCoding
{
    private const int BrotliQuality = 1;

    /// <summary>
    /// The coding to send to this client, or null for none: the response then depends on Accept-Encoding, which
    /// <see cref="Use"/> says with Vary. A coding is accepted when named, or matched by "*", with a quality above 0.
    /// </summary>
    public static string? For(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var accepted))
        {
            return null;
        }

        bool Accepts(string coding) =>
            (accepted.FirstOrDefault(a => a.Value.Equals(coding, StringComparison.OrdinalIgnoreCase))
                ?? accepted.FirstOrDefault(a => a.Value.Equals("*", StringComparison.Ordinal))) is { } match
            && (match.Quality ?? 1) > 0;

        return Accepts("br") ? "br" : Accepts("gzip") ? "gzip" : null;
    }

    /// <summary>
    /// Marks the response as depending on Accept-Encoding and, when <paramref name="coding"/> is not null, as
    /// compressed with it.
    /// </summary>
    public static void Use(HttpResponse response, string? coding)
    {
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (coding is not null)
        {
            response.Headers.ContentEncoding = coding;
        }
    }

    /// <summary>The bytes in <paramref name="coding"/> ("br" or "gzip").</summary>
    public static byte[] Compress(byte[] content, string coding)
    {
        using var buffer = new MemoryStream(content.Length / 4);
        using (var compressor = Compressing(buffer, coding))
        {
            compressor.Write(content);
        }

        return buffer.ToArray();
    }

    /// <summary>A stream that compresses into <paramref name="target"/>, which it leaves open.</summary>
    public static Stream Compressing(Stream target, string coding) => coding switch
    {
        "br" => new BrotliStream(target, new BrotliCompressionOptions { Quality = BrotliQuality }, leaveOpen: true),
        "gzip" => new GZipStream(target, CompressionLevel.Fastest, leaveOpen: true),
        _ => throw new ArgumentOutOfRangeException(nameof(coding), coding, "Codings: br, gzip."),
    };
}
