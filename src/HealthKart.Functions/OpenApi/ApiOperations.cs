using System.Text.Json.Nodes;
using HealthKart.Core.Summary;
using HealthKart.Core.Views;
using HealthKart.Infrastructure.Exports;
using HealthKart.Infrastructure.Summary;

namespace HealthKart.Functions.OpenApi;

/// <summary>
/// What one HTTP function takes and answers, beyond what its trigger says (route, method, auth level).
/// </summary>
internal sealed record ApiOperation(string Summary, string Description)
{
    /// <summary>Query parameters: (name, description, schema, required).</summary>
    public IReadOnlyList<(string Name, string Description, JsonNode Schema)> Query { get; init; } = [];

    /// <summary>Path parameters the route names, with their allowed values where they are a closed list.</summary>
    public IReadOnlyDictionary<string, (string Description, JsonNode Schema)> Path { get; init; } =
        new Dictionary<string, (string, JsonNode)>();

    public JsonObject? RequestBody { get; init; }

    /// <summary>Success responses by status: (description, content by media type).</summary>
    public IReadOnlyDictionary<string, (string Description, JsonObject? Content)> Responses { get; init; } =
        new Dictionary<string, (string, JsonObject?)>();

    /// <summary>
    /// The problem statuses this operation answers, besides 401 (key) and 500, which every keyed one may.
    /// </summary>
    public IReadOnlyList<int> Problems { get; init; } = [];
}

/// <summary>
/// The API's contract, one entry per HTTP function (by its <c>[Function]</c> name). Routes, methods and auth levels
/// come from the triggers themselves and views, reports and filters from their catalogs, so only the prose lives here;
/// <see cref="OpenApiDocument"/> refuses to build when a function has no entry.
/// </summary>
internal static class ApiOperations
{
    /// <summary>
    /// Besides its own, what an operation that reads the current snapshot may answer (docs/reliability.md): 422 when no
    /// dataset version could be built and none serves, 503 when storage cannot be reached and none is loaded yet. The
    /// upload operations, which read and write storage directly, list 503 too.
    /// </summary>
    private static readonly int[] SnapshotProblems = [422, 503];

    private static JsonObject Json(JsonNode schema) =>
        new() { ["application/json"] = new JsonObject { ["schema"] = schema } };

    private static JsonObject Ref(string schema) => new() { ["$ref"] = $"#/components/schemas/{schema}" };

    private static JsonObject Text(string type) => new() { ["type"] = type };

    private static JsonObject Enum(IEnumerable<string> values) =>
        new() { ["type"] = "string", ["enum"] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]) };

    private static JsonObject Files(string csvNote) => new()
    {
        ["text/csv"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" }, ["example"] = csvNote },
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] =
            new JsonObject
            {
                ["schema"] = new JsonObject
                {
                    ["type"] = "string",
                    ["contentMediaType"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                }
            },
    };

    private static readonly string[] ExportReports = [.. ExportBuilder.Reports];

    private static Dictionary<string, (string, JsonNode)> ReportPath => new()
    {
        ["report"] =
            ("A report: every analytics view, data-quality, tracking (the raw filtered rows) and full " +
                "(the workbook, XLSX only).", Enum(ExportReports)),
        ["format"] = ("csv or xlsx.", Enum(["csv", "xlsx"])),
    };

    private static readonly string UploadId = "An upload id as GET /api/uploads lists it ({source}~{etag hash}).";

    public static readonly IReadOnlyDictionary<string, ApiOperation> All = new Dictionary<string, ApiOperation>
    {
        ["Health"] = new("Liveness", "Answers while the app runs; no key needed.")
        {
            Responses = new Dictionary<string, (string,
                JsonObject?)>
            {
                ["200"] = ("Running.",
                    Json(new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject { ["status"] = Enum(["ok"]) }
                    }))
            },
        },
        ["GetOpenApi"] = new("This document",
            "The API's OpenAPI 3.1 contract, built from the functions, views and reports the app has; no key needed.")
        {
            Responses = new Dictionary<string, (string, JsonObject?)>
            {
                ["200"] = ("The OpenAPI document.",
                Json(Text("object")))
            },
        },
        ["ListUploads"] = new("The upload ledger",
            "The newest uploads first (limit), then the current upload of every source that is older, each with its " +
            "status and progress; more says whether older uploads were left out.")
        {
            Responses = new Dictionary<string, (string,
                JsonObject?)>
            { ["200"] = ("The ledger.", Json(Ref("UploadList"))) },
            Problems = [400, 503],
        },
        ["GetUpload"] = new("One upload",
            "The upload's summary, its first errors (row, column, value, reason), what it replaced, " +
            "and links to its report.")
        {
            Path = new Dictionary<string, (string, JsonNode)> { ["id"] = (UploadId, Text("string")) },
            Responses = new Dictionary<string, (string,
                JsonObject?)>
            { ["200"] = ("The upload.", Json(Ref("UploadDetail"))) },
            Problems = [400, 404, 503],
        },
        ["GetUploadReport"] = new("An upload's validation report",
            "The full report as JSON, or its errors and warnings as a CSV that opens in Excel.")
        {
            Path = new Dictionary<string, (string, JsonNode)>
            {
                ["id"] = (UploadId, Text("string")),
                ["format"] = ("json or csv.", Enum(["json", "csv"]))
            },
            Responses = new Dictionary<string, (string, JsonObject?)>
            {
                ["200"] = ("The report.",
                    new JsonObject
                    {
                        ["application/json"] = new JsonObject { ["schema"] = Text("object") },
                        ["text/csv"] = new JsonObject { ["schema"] = Text("string") }
                    }),
            },
            Problems = [400, 404, 503],
        },
        ["PostUpload"] = new("Upload a CSV",
            "Stores the body in the inbox under the file name, which says the dataset (influencers*, posts*, " +
            "tracking_data*, payouts*); the same name replaces that source. Ingestion follows.")
        {
            Path = new Dictionary<string, (string,
                JsonNode)>
            { ["fileName"] = ("The blob name, e.g. tracking_data_2025-07.csv.", Text("string")) },
            RequestBody = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["text/csv"] = new JsonObject { ["schema"] = Text("string") } }
            },
            Responses = new Dictionary<string, (string,
                JsonObject?)>
            { ["202"] = ("Received; GET the Location to follow it.", Json(Ref("UploadDetail"))) },
            Problems = [400, 413, 503],
        },
        ["CreateUploadSas"] = new("A direct-upload URL",
            "A write-only SAS URL for that one blob, 15 minutes, for files over the HTTP limit.")
        {
            Path = new Dictionary<string, (string, JsonNode)> { ["fileName"] = ("The blob name.", Text("string")) },
            Responses = new Dictionary<string, (string,
                JsonObject?)>
            { ["200"] = ("PUT the file to url with these headers.", Json(Ref("UploadSas"))) },
            Problems = [400],
        },
        ["DeleteUpload"] = new("Retract a source, or dismiss a rejected upload",
            "The current version of a source leaves the analytics (rows, facts and inbox blob deleted); a rejected " +
            "upload, which changed nothing, leaves the ledger with its report and inbox blob.")
        {
            Path = new Dictionary<string, (string, JsonNode)> { ["id"] = (UploadId, Text("string")) },
            Responses = new Dictionary<string, (string, JsonObject?)>
            {
                ["200"] =
                ("Retracted or dismissed; the message says which.", Json(Ref("UploadDetail")))
            },
            Problems = [400, 404, 409, 503],
        },
        ["GetAnalytics"] = new("An analytics view",
            "Every view honours every filter. Breakdowns answer { items } keyed by their dimension; the schema of " +
            "each view is components/schemas/view-{name}.")
        {
            Path = new Dictionary<string, (string,
                JsonNode)>
            { ["view"] = ("The view.", Enum(ViewCatalog.Routed.Select(v => v.Name))) },
            Responses = new Dictionary<string, (string, JsonObject?)>
            {
                ["200"] = ("The view.",
                    Json(new JsonObject
                    {
                        ["oneOf"] = new JsonArray(
                        [.. ViewCatalog.Routed.Select(v => (JsonNode)Ref(OpenApiDocument.ViewSchema(v.Name)))])
                    })),
            },
            Problems = [400, 404, .. SnapshotProblems],
        },
        ["GetFilters"] = new("Filter values", "The values every filter can take and the data's date range.")
        {
            Responses = new Dictionary<string, (string,
                JsonObject?)>
            { ["200"] = ("The values.", Json(Text("object"))) },
            Problems = [400, .. SnapshotProblems],
        },
        ["GetDataQuality"] = new("Data-quality warnings",
            "Cross-file warnings over the current dataset; they never block an upload.")
        {
            Responses = new Dictionary<string, (string, JsonObject?)>
            {
                ["200"] = ("The warnings.",
                Json(Ref(OpenApiDocument.ViewSchema(ViewCatalog.DataQualityName))))
            },
            Problems = [400, .. SnapshotProblems],
        },
        ["GetExport"] = new("Download a report",
            "A view (or data-quality, tracking, full) as CSV or XLSX with the same filters as the analytics. The " +
            "file name carries the report and the dates (healthkart-campaigns-2025-07-01_2025-07-31.xlsx); the other " +
            "filters travel in the X-HealthKart-Filters header and the XLSX's About sheet.")
        {
            Path = ReportPath,
            Responses = new Dictionary<string, (string, JsonObject?)>
            {
                ["200"] = ("The file, as an attachment.",
                Files("Campaign,Revenue (₹),..."))
            },
            Problems = [400, 404, .. SnapshotProblems],
        },
        ["CreateExportLink"] = new("Make a signed link",
            "A link to GET /api/shared/{report}.{format} that opens without a key until it expires.")
        {
            RequestBody = new JsonObject { ["required"] = true, ["content"] = Json(Ref("LinkRequest")) },
            Responses = new Dictionary<string, (string, JsonObject?)> { ["200"] = ("The link.", Json(Ref("Link"))) },
            Problems = [400, 404, 503],
        },
        ["GetSharedExport"] = new("Open a signed link",
            "A report through a signed link; the HMAC signature over route, filters and expiry is the " +
            "check, so no key is needed.")
        {
            Path = ReportPath,
            Responses = new Dictionary<string, (string, JsonObject?)>
            {
                ["200"] = ("The file, as an attachment.",
                Files("Campaign,Revenue (₹),..."))
            },
            Problems = [400, 403, 404, .. SnapshotProblems],
        },
        ["GetWeeklySummary"] = new("Preview the weekly e-mail",
            "The week's e-mail as HTML, or its figures as JSON with Accept: application/json. A week without " +
            "activity names (and links) the latest week with some.")
        {
            Responses = new Dictionary<string, (string, JsonObject?)>
            {
                ["200"] = ("The summary.",
                    new JsonObject
                    {
                        ["text/html"] = new JsonObject { ["schema"] = Text("string") },
                        ["application/json"] = new JsonObject { ["schema"] = Ref("WeeklySummary") }
                    }),
            },
            Problems = [400, .. SnapshotProblems],
        },
        ["SendWeeklySummaryNow"] = new("Send the weekly e-mail now",
            "Sends a complete week unless it was already sent (admin key).")
        {
            Responses = new Dictionary<string, (string,
                JsonObject?)>
            { ["200"] = ("What the run did.", Json(Ref("SummaryOutcome"))) },
            Problems = [400, 409, 502, .. SnapshotProblems], // 503 also when e-mail is not configured
        },
    };

    /// <summary>Query parameters by function: the filters, each view's own, and the week.</summary>
    public static IReadOnlyList<(string Name, string Description, JsonNode Schema)> QueryOf(string function) =>
        function switch
        {
            "GetAnalytics" => [.. Filters(), .. ViewParameters(), Fields()],
            "GetExport" => [.. Filters(), .. ViewParameters()],
            "GetSharedExport" => [.. Filters(), .. ViewParameters(),
            (Core.Links.LinkSigner.Expiry, "When the link expires; part of the signed query.", Text("string")),
            (Core.Links.LinkSigner.KeyId, "The id of the key that signed the link.", Text("string")),
            (Core.Links.LinkSigner.Signature, "The HMAC-SHA256 signature.", Text("string"))],
            "ListUploads" =>
                [("limit", $"How many of the newest uploads to list, 1 to {Uploads.MaxListed} (default " +
                $"{Uploads.DefaultListed}).",
                new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = Uploads.MaxListed })],
            "GetWeeklySummary" or "SendWeeklySummaryNow" =>
                [("week", "An ISO week, YYYY-Www (2025-W27); default the last complete week (IST).",
                new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]{4}-[Ww][0-9]{2}$" })],
            _ => [],
        };

    private static IEnumerable<(string, string, JsonNode)> Filters() =>
        Core.Analytics.AnalyticsQueryParser.FilterParameters.Select(name => name switch
        {
            "from" or "to" => (name, $"Inclusive IST date (yyyy-MM-dd); '{name}'.",
                (JsonNode)new JsonObject { ["type"] = "string", ["format"] = "date" }),
            "incrementality" =>
                (name,
                    "How incremental revenue is obtained: flat (an assumed baseline, the " +
                    "default) or prepost (measured).", Enum(Core.Analytics.Incrementality.Methods)),
            "gender" => (name, "Influencer gender; repeat or comma-separate for several.", Text("string")),
            "tier" => (name, "Follower tier (Micro, Mid, Macro, Mega); repeat or comma-separate.", Text("string")),
            _ => (name,
                $"Only this {name} (case-insensitive); repeat or comma-separate for several. An " +
                "unknown value matches nothing.", Text("string")),
        });

    /// <summary>
    /// Each view parameter once, in the words and schema its <see cref="Core.Analytics.ViewParameter"/> gives, naming
    /// the views that take it.
    /// </summary>
    private static IEnumerable<(string, string, JsonNode)> ViewParameters() =>
        ViewCatalog.Routed.SelectMany(v => v.Parameters.Select(p => (Parameter: p, View: v.Name)))
            .GroupBy(x => x.Parameter)
            .Select(g => (g.Key.Name, $"Only for {string.Join(" and ", g.Select(x => x.View))}. {g.Key.Description}",
                Schema(g.Key)));

    /// <summary>The JSON views' <c>fields</c> (<see cref="ItemFields"/>), naming the views that list items.</summary>
    private static (string, string, JsonNode) Fields() => (ItemFields.Parameter,
        $"Only for {string.Join(", ", ViewCatalog.Routed.Where(v => v.ItemType is not null)
            .Select(v => v.Name))}. The item properties to send (JSON names, repeated or comma-separated); " +
            "default all.",
        new JsonObject { ["type"] = "string", ["examples"] = new JsonArray("influencerId,spend,incrementalRevenue") });

    private static JsonNode Schema(Core.Analytics.ViewParameter parameter)
    {
        var schema = parameter.Schema;
        var node = schema.Values is { } values ? Enum(values) : Text(schema.Type);
        node["examples"] = new JsonArray(schema.Type == "string"
            ? JsonValue.Create(parameter.Example)
            : JsonValue.Create(double.Parse(parameter.Example, System.Globalization.CultureInfo.InvariantCulture)));
        if (schema.Minimum is { } minimum)
        {
            node["minimum"] = minimum;
        }

        if (schema.Maximum is { } maximum)
        {
            node["maximum"] = maximum;
        }

        return node;
    }

    /// <summary>Types whose JSON the contract describes by their own shape (the views come from the catalog).</summary>
    public static readonly IReadOnlyDictionary<string, Type> Schemas = new Dictionary<string, Type>
    {
        ["WeeklySummary"] = typeof(WeeklySummary),
        ["SummaryOutcome"] = typeof(SummaryOutcome),
    };
}
