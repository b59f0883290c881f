using System.Text.Json;
using HealthKart.Core;
using HealthKart.Core.Analytics;
using Microsoft.AspNetCore.Mvc;

namespace HealthKart.Functions;

/// <summary>
/// A JSON answer derived from one snapshot, serialised once (camelCase, as MVC's own formatter writes it) and kept with
/// the snapshot: the big views (every influencer, insights, the filter values) are hundreds of kilobytes, and
/// serialising them again for every request was most of the work under load.
/// </summary>
public static class SnapshotJson
{
    public const string ContentType = "application/json; charset=utf-8";

    public static FileContentResult Result(Snapshot snapshot, string key, Func<object> compute) =>
        new(snapshot.Memo("json|" + key, () => Serialize(compute())), ContentType);

    private static byte[] Serialize(object value) => JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), ApiJson.Options);
}
