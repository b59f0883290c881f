using System.Text.Json;

namespace HealthKart.Integration.Tests.Functions;

/// <summary>
/// Reads the <c>functions.metadata</c> the Worker SDK generates at build time: what Azure will actually bind, so a
/// renamed setting or a forgotten auth level fails here rather than in production.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Lazy<JsonElement[]> Functions = new(FunctionsMetadata.Load);

    [Fact]
    public void BlobTriggerWatchesTheConfiguredInboxThroughEventGrid()
    {
        var trigger = Binding("IngestUpload", "blobTrigger");
        Assert.Equal("%Uploads:Container%/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
    }

    [Fact]
    public void WeeklySummaryTimerRunsOnTheConfiguredScheduleAndRetries()
    {
        Assert.Equal("%WeeklySummary:Schedule%", Binding("SendWeeklySummary", "timerTrigger").GetProperty("schedule").GetString());
        var retry = Functions.Value.Single(f => f.GetProperty("name").GetString() == "SendWeeklySummary").GetProperty("retry");
        Assert.Equal("fixedDelay", retry.GetProperty("strategy").GetString());
        Assert.Equal(5, retry.GetProperty("maxRetryCount").GetInt32());
    }

    /// <summary>Every HTTP function: (name, method, route, intended auth level). Anonymous only where a signature or nothing guards it.</summary>
    public static TheoryData<string, string, string, string> HttpFunctions => new()
    {
        { "Health", "get", "health", "Anonymous" },
        { "GetOpenApi", "get", "openapi.json", "Anonymous" },
        { "ListUploads", "get", "uploads", "Function" },
        { "GetUpload", "get", "uploads/{id}", "Function" },
        { "GetUploadReport", "get", "uploads/{id}/report.{format}", "Function" },
        { "PostUpload", "post", "uploads/{fileName}", "Function" },
        { "CreateUploadSas", "post", "uploads/{fileName}/sas", "Function" },
        { "DeleteUpload", "delete", "uploads/{id}", "Function" },
        { "GetAnalytics", "get", "analytics/{view}", "Function" },
        { "GetFilters", "get", "filters", "Function" },
        { "GetDataQuality", "get", "data-quality", "Function" },
        { "GetExport", "get", "exports/{report}.{format}", "Function" },
        { "CreateExportLink", "post", "exports/links", "Function" },
        { "GetSharedExport", "get", "shared/{report}.{format}", "Anonymous" },
        { "GetWeeklySummary", "get", "summary/weekly", "Function" },
        { "SendWeeklySummaryNow", "post", "summary/weekly/send", "Admin" },
    };

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void HttpFunctionHasItsRouteMethodAndAuthLevel(string function, string method, string route, string authLevel)
    {
        var trigger = Binding(function, "httpTrigger");
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
    }

    /// <summary>A new HTTP function must be added to the table above, with the auth level it is meant to have.</summary>
    [Fact]
    public void EveryHttpFunctionHasAnIntendedAuthLevel()
    {
        var intended = HttpFunctions.ToDictionary(row => (string)row[0], row => (string)row[3]);
        var http = Functions.Value.Where(f => f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "httpTrigger"))
            .Select(f => f.GetProperty("name").GetString()!);
        Assert.Equal(intended.Keys.Order(), http.Order());
        Assert.All(intended.Values, level => Assert.Contains(level, new[] { "Anonymous", "Function", "Admin" }));
    }

    [Fact]
    public void OnlyHealthTheContractAndSignedLinksAreAnonymous()
    {
        var anonymous = Functions.Value
            .Where(f => f.GetProperty("bindings").EnumerateArray().Any(b =>
                b.GetProperty("type").GetString() == "httpTrigger" && b.GetProperty("authLevel").GetString() == "Anonymous"))
            .Select(f => f.GetProperty("name").GetString());
        Assert.Equal(["GetOpenApi", "GetSharedExport", "Health"], anonymous.Order());
    }

    private static JsonElement Binding(string function, string type) =>
        Functions.Value.Single(f => f.GetProperty("name").GetString() == function)
            .GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == type);
}
