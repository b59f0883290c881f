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
        Assert.Equal("%WeeklySummary:Schedule%", Binding("SendWeeklySummary", "timerTrigger")
            .GetProperty("schedule").GetString());
        var retry = Functions.Value.Single(f => f.GetProperty("name").GetString() == "SendWeeklySummary")
            .GetProperty("retry");
        Assert.Equal("fixedDelay", retry.GetProperty("strategy").GetString());
        Assert.Equal(5, retry.GetProperty("maxRetryCount").GetInt32());
    }

    /// <summary>
    /// Every HTTP function: (name, method, route, intended auth level at the host). In Azure, App Service
    /// Authentication turns away unauthenticated requests before the host on every path but the public ones, so the
    /// host levels are Anonymous as Microsoft advises behind that gate (docs/deploy.md); the manual e-mail send also
    /// needs the master key.
    /// </summary>
    public static TheoryData<string, string, string, string> HttpFunctions => new()
    {
        { "Health", "get", "health", "Anonymous" },
        { "GetOpenApi", "get", "openapi.json", "Anonymous" },
        { "ListUploads", "get", "uploads", "Anonymous" },
        { "GetUpload", "get", "uploads/{id}", "Anonymous" },
        { "GetUploadReport", "get", "uploads/{id}/report.{format}", "Anonymous" },
        { "PostUpload", "post", "uploads/{fileName}", "Anonymous" },
        { "CreateUploadSas", "post", "uploads/{fileName}/sas", "Anonymous" },
        { "DeleteUpload", "delete", "uploads/{id}", "Anonymous" },
        { "GetAnalytics", "get", "analytics/{view}", "Anonymous" },
        { "GetFilters", "get", "filters", "Anonymous" },
        { "GetDataQuality", "get", "data-quality", "Anonymous" },
        { "GetExport", "get", "exports/{report}.{format}", "Anonymous" },
        { "CreateExportLink", "post", "exports/links", "Anonymous" },
        { "GetSharedExport", "get", "shared/{report}.{format}", "Anonymous" },
        { "GetWeeklySummary", "get", "summary/weekly", "Anonymous" },
        { "SendWeeklySummaryNow", "post", "summary/weekly/send", "Admin" },
    };

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void HttpFunctionHasItsRouteMethodAndAuthLevel(string function, string method, string route,
        string authLevel)
    {
        var trigger = Binding(function, "httpTrigger");
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
    }

    /// <summary>
    /// A new HTTP function must be added to the table above, with the auth level it is meant to have.
    /// </summary>
    [Fact]
    public void EveryHttpFunctionHasAnIntendedAuthLevel()
    {
        var intended = HttpFunctions.ToDictionary(row => (string)row[0], row => (string)row[3]);
        var http = Functions.Value.Where(f => f.GetProperty("bindings").EnumerateArray()
            .Any(b => b.GetProperty("type").GetString() == "httpTrigger"))
            .Select(f => f.GetProperty("name").GetString());
        Assert.Equal(intended.Keys.Order(), http.Order());
        Assert.All(intended.Values, level => Assert.Contains(level, new[] { "Anonymous", "Function", "Admin" }));
    }

    [Fact]
    public void OnlyHealthTheContractAndSignedLinksArePublicByDesign()
    {
        // hk serve's key gate and Azure's excludedPaths both read this set; everything else needs a key or a token.
        Assert.Equal(["GetOpenApi", "GetSharedExport", "Health"], HealthKart.Functions.PublicFunctions.Names.Order());
        var names = Functions.Value.Select(f => f.GetProperty("name").GetString()).ToHashSet();
        Assert.All(HealthKart.Functions.PublicFunctions.Names, n => Assert.Contains(n, names));
    }

    private static JsonElement Binding(string function, string type) =>
        Functions.Value.Single(f => f.GetProperty("name").GetString() == function)
            .GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == type);
}
