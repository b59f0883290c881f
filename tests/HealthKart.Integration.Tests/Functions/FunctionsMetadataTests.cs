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

    [Theory]
    [InlineData("Health", "get", "health", "Anonymous")]
    [InlineData("ListUploads", "get", "uploads", "Function")]
    [InlineData("GetUpload", "get", "uploads/{id}", "Function")]
    [InlineData("GetUploadReport", "get", "uploads/{id}/report.{format}", "Function")]
    [InlineData("PostUpload", "post", "uploads/{fileName}", "Function")]
    [InlineData("CreateUploadSas", "post", "uploads/{fileName}/sas", "Function")]
    [InlineData("DeleteUpload", "delete", "uploads/{id}", "Function")]
    [InlineData("GetAnalytics", "get", "analytics/{view}", "Function")]
    [InlineData("GetFilters", "get", "filters", "Function")]
    [InlineData("GetDataQuality", "get", "data-quality", "Function")]
    [InlineData("GetExport", "get", "exports/{report}.{format}", "Function")]
    [InlineData("CreateExportLink", "post", "exports/links", "Function")]
    [InlineData("GetSharedExport", "get", "shared/{report}.{format}", "Anonymous")]
    [InlineData("GetWeeklySummary", "get", "summary/weekly", "Function")]
    [InlineData("SendWeeklySummaryNow", "post", "summary/weekly/send", "Admin")]
    public void HttpFunctionHasItsRouteMethodAndAuthLevel(string function, string method, string route, string authLevel)
    {
        var trigger = Binding(function, "httpTrigger");
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
    }

    [Fact]
    public void OnlyHealthAndSignedLinksAreAnonymous()
    {
        var anonymous = Functions.Value
            .Where(f => f.GetProperty("bindings").EnumerateArray().Any(b =>
                b.GetProperty("type").GetString() == "httpTrigger" && b.GetProperty("authLevel").GetString() == "Anonymous"))
            .Select(f => f.GetProperty("name").GetString());
        Assert.Equal(["GetSharedExport", "Health"], anonymous.Order());
    }

    private static JsonElement Binding(string function, string type) =>
        Functions.Value.Single(f => f.GetProperty("name").GetString() == function)
            .GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == type);
}
