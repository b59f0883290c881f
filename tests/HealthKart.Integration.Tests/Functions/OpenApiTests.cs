using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthKart.Core.Views;
using HealthKart.Integration.Tests.Serve;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Document = HealthKart.Functions.OpenApi.OpenApiDocument;

namespace HealthKart.Integration.Tests.Functions;

/// <summary>
/// GET /api/openapi.json: served without a key, valid OpenAPI 3.1 (read and checked by Microsoft.OpenApi's own reader
/// and rule set), covering every route of functions.metadata and every view of the catalog, and describing the JSON the
/// API really answers.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class OpenApiTests(AzuriteFixture azurite)
{
    private static readonly string Json = System.Text.Encoding.UTF8.GetString(Document.Utf8);

    [Fact]
    public void TheDocumentIsValidOpenApi31()
    {
        // for people (and other tools) to read
        File.WriteAllText(Summary.HeadlessChromium.ArtifactPath("openapi.json"), Json);
        var read = OpenApiDocument.Parse(Json, "json", new OpenApiReaderSettings());

        Assert.Empty(read.Diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        var errors = read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? [];
        Assert.Empty(errors.Select(e => $"{e.Pointer}: {e.Message}"));
    }

    [Fact]
    public void EveryRouteOfTheFunctionsMetadataIsDescribedWithItsMethodAndKey()
    {
        // A route is found by its shape: OpenAPI allows one path
        // per shape (uploads/{id} and uploads/{fileName} share one).
        var paths = JsonDocument.Parse(Json).RootElement.GetProperty("paths").EnumerateObject()
            .ToDictionary(p => Document.Shape(p.Name), p => p.Value);
        foreach (var function in FunctionsMetadata.Load())
        {
            var name = function.GetProperty("name").GetString();
            foreach (var binding in function.GetProperty("bindings").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() == "httpTrigger"))
            {
                var route = "/api/" + binding.GetProperty("route").GetString();
                Assert.True(paths.TryGetValue(Document.Shape(route), out var path),
                    $"{route} ({name}) is missing from the OpenAPI document");
                foreach (var method in binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!))
                {
                    Assert.True(path.TryGetProperty(method, out var operation),
                        $"{method.ToUpperInvariant()} {route} is missing");
                    Assert.Equal(name, operation.GetProperty("operationId").GetString());
                    // Public by design: no token or key; every other function: a token (Azure) or a key (hk serve).
                    var open = HealthKart.Functions.PublicFunctions.Names.Contains(name!);
                    Assert.Equal(open ? 0 : 2, operation.GetProperty("security").GetArrayLength());
                    Assert.True(operation.GetProperty("responses").TryGetProperty("500", out _),
                        $"{route} names no problem response");
                }
            }
        }
    }

    [Fact]
    public void EveryViewAndReportOfTheCatalogIsInTheDocument()
    {
        var root = JsonDocument.Parse(Json).RootElement;
        var view = Parameter(root, "/api/analytics/{view}", "get", "view");
        Assert.Equal(ViewCatalog.Routed.Select(v => v.Name), view.GetProperty("schema").GetProperty("enum")
            .EnumerateArray().Select(v => v.GetString()!));
        Assert.Contains("brands", ViewCatalog.Routed.Select(v => v.Name));
        Assert.Contains("genders", ViewCatalog.Routed.Select(v => v.Name));
        var schemas = root.GetProperty("components").GetProperty("schemas");
        Assert.All(ViewCatalog.Routed, v => Assert.True(schemas.TryGetProperty(Document.ViewSchema(v.Name), out _),
            $"no schema for the {v.Name} view"));
        var reports = Parameter(root, "/api/exports/{report}.{format}", "get", "report").GetProperty("schema")
            .GetProperty("enum").EnumerateArray().Select(v => v.GetString());
        Assert.Equal(ReportCatalog.Names.Append("tracking").Order(), reports.Order());
        Assert.Equal(["n", "granularity"], Query(root, "/api/analytics/{view}").Intersect(["n", "granularity"]));
    }

    /// <summary>
    /// The contract's upload states, exactly these six (ingested = queryable); the raw-row stage after it reports in
    /// its own field, whose states are listed there.
    /// </summary>
    [Fact]
    public void AnUploadsStatusIsOneOfTheContractsSixAndTheRawRowStageHasItsOwnField()
    {
        var upload = JsonDocument.Parse(Json).RootElement.GetProperty("components").GetProperty("schemas")
            .GetProperty("UploadSummary").GetProperty("properties");
        Assert.Equal(["received", "validating", "rejected", "ingesting", "ingested", "failed"],
            upload.GetProperty("status").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        var rawRows = upload.GetProperty("rawRows");
        Assert.Equal(["writing", "complete", "stopped"], rawRows.GetProperty("properties").GetProperty("state")
            .GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["state", "written", "total", "completedAt"], rawRows.GetProperty("properties")
            .EnumerateObject().Select(p => p.Name));
    }

    /// <summary>
    /// The generated schemas describe the JSON the API really answers: every property of every view's answer.
    /// </summary>
    [Fact]
    public async Task TheServedDocumentDescribesTheJsonTheViewsAnswer()
    {
        await using var app = await ServeApp.StartAsync(azurite, seed: true);
        using var http = ServeApp.Client(app);

        using var served = await http.GetAsync("api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(Json, await served.Content.ReadAsStringAsync());
        var schemas = JsonDocument.Parse(Json).RootElement.GetProperty("components").GetProperty("schemas");
        foreach (var view in ViewCatalog.Routed.Select(v => v.Name))
        {
            var answer = await http.GetFromJsonAsync<JsonElement>($"api/analytics/{view}");
            var schema = schemas.GetProperty(Document.ViewSchema(view));
            AssertDescribed(answer, schema, view);
        }
    }

    private static void AssertDescribed(JsonElement value, JsonElement schema, string where)
    {
        if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in value.EnumerateObject())
            {
                Assert.True(properties.TryGetProperty(property.Name, out var inner),
                    $"{where}.{property.Name} is not in the schema");
                AssertDescribed(property.Value, inner, $"{where}.{property.Name}");
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0
            && schema.TryGetProperty("items", out var items))
        {
            AssertDescribed(value[0], items, $"{where}[0]");
        }
    }

    private static JsonElement Parameter(JsonElement root, string path, string method, string name) =>
        root.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == name);

    private static IEnumerable<string> Query(JsonElement root, string path) =>
        root.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!);
}
