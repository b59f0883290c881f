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
    public void HttpFunctionHasItsRouteMethodAndAuthLevel(string function, string method, string route, string authLevel)
    {
        var trigger = Binding(function, "httpTrigger");
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
    }

    [Fact]
    public void OnlyHealthIsAnonymous()
    {
        var anonymous = Functions.Value
            .Where(f => f.GetProperty("bindings").EnumerateArray().Any(b =>
                b.GetProperty("type").GetString() == "httpTrigger" && b.GetProperty("authLevel").GetString() == "Anonymous"))
            .Select(f => f.GetProperty("name").GetString());
        Assert.Equal(["Health"], anonymous);
    }

    private static JsonElement Binding(string function, string type) =>
        Functions.Value.Single(f => f.GetProperty("name").GetString() == function)
            .GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == type);
}
