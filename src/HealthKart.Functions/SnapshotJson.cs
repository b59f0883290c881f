using System.Text.Json;
using HealthKart.Core;
using HealthKart.Core.Analytics;
using HealthKart.Core.Problems;
using HealthKart.Infrastructure.Analytics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HealthKart.Functions;

/// <summary>
/// A JSON answer derived from one snapshot, serialised once (camelCase, as MVC's own formatter writes it) and kept in
/// the <see cref="AnswerMemo"/> for that snapshot's dataset version; compressed for a client that accepts it
/// (<see cref="ContentCoding"/>), and that copy kept beside it.
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

        var coding = ContentCoding.For(request);
        ContentCoding.Use(request.HttpContext.Response, coding);
        return new FileContentResult(coding is null ? json
            : answers.GetOrAdd(version, $"{key}\u001f{coding}", () => ContentCoding.Compress(json, coding)),
            ContentType);
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
