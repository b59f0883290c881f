using System.IO.Compression;
using System.Text.Json;
using HealthKart.Core;
using HealthKart.Core.Analytics;
using HealthKart.Core.Problems;
using HealthKart.Infrastructure.Analytics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace HealthKart.Functions;

/// <summary>
/// A JSON answer derived from one snapshot, serialised once (camelCase, as MVC's own formatter writes it) and kept in
/// the <see cref="AnswerMemo"/> for that snapshot's dataset version; compressed for a client that accepts it, and that
/// copy kept beside it (docs/api.md, "Compressed answers").
/// </summary>
public static class SnapshotJson
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>
    /// The largest JSON answer (32 MiB): the biggest view at the design scale
    /// (docs/README.md#the-scale-it-is-built-for), every influencer with every field, is about 3 MB, so a bigger
    /// one is a hostile dataset (a million made-up influencer IDs); it is refused, not held and sent.
    /// </summary>
    public const int MaxBytes = 32 << 20;

    /// <summary>
    /// Answers shorter than this go as they are: they fit in one network packet either way (the summary, the tiers).
    /// </summary>
    public const int CompressFrom = 1400;

    /// <summary>
    /// Brotli's fastest quality: 6.3 times smaller for the 3.2 MB influencers answer at 5,000 influencers, in 11 ms
    /// (quality 4 was 15 % smaller in 91 ms; gzip's fastest 4.2 times smaller in 7 ms; docs/api.md).
    /// </summary>
    private const int BrotliQuality = 1;

    private const int BrotliWindow = 22;

    /// <param name="options">
    /// How to write it: <see cref="ApiJson.Options"/> (the default), or those options with fewer fields.
    /// </param>
    public static FileContentResult Result(HttpRequest request, AnswerMemo answers, Snapshot snapshot, string key,
        Func<object> compute, JsonSerializerOptions? options = null)
    {
        var version = snapshot.DatasetVersion;
        var json = answers.GetOrAdd(version, key, () => Serialize(compute(), options ?? ApiJson.Options));
        if (json.Length < CompressFrom)
        {
            return new FileContentResult(json, ContentType);
        }

        // The answer depends on Accept-Encoding from here on, whichever coding this client gets.
        var response = request.HttpContext.Response;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        var coding = Coding(request);
        if (coding is null)
        {
            return new FileContentResult(json, ContentType);
        }

        response.Headers.ContentEncoding = coding;
        return new FileContentResult(answers.GetOrAdd(version, $"{key}\u001f{coding}", () => Compress(json, coding)),
            ContentType);
    }

    /// <summary>
    /// "br" when the client accepts Brotli (every current browser, over HTTPS), else "gzip" when it accepts that, else
    /// null. A coding is accepted when named, or matched by "*", with a quality above 0.
    /// </summary>
    internal static string? Coding(HttpRequest request)
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

    /// <summary>The answer in <paramref name="coding"/> ("br" or "gzip"), as it is sent and kept.</summary>
    public static byte[] Compress(byte[] json, string coding)
    {
        if (coding == "br")
        {
            using var encoder = new BrotliEncoder(BrotliQuality, BrotliWindow);
            var packed = new byte[BrotliEncoder.GetMaxCompressedLength(json.Length)];
            encoder.Compress(json, packed, out _, out var written, isFinalBlock: true);
            return packed[..written];
        }

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(json);
        }

        return buffer.ToArray();
    }

    private static byte[] Serialize(object value, JsonSerializerOptions options)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), options);
        return bytes.Length <= MaxBytes
            ? bytes
            : throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "Answer too large",
                $"The answer would be {IndianText.Count(bytes.Length)} bytes; the limit is " +
                $"{IndianText.Count(MaxBytes)}. Narrow the filters, or download the view as CSV.");
    }
}
