using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using HealthKart.Core;
using HealthKart.Core.Views;
using HealthKart.Infrastructure.Exports;
using Microsoft.Azure.Functions.Worker;

namespace HealthKart.Functions.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of this app, built from the code so it cannot drift: every <c>[HttpTrigger]</c> of this
/// assembly (route, method, auth level), every view of <see cref="ViewCatalog"/> and every report (a view added there
/// is in the document, schema and parameters included), the filters of the query parser, and JSON schemas generated
/// from the types the API serialises. <see cref="ApiOperations"/> adds the prose.
/// </summary>
public static class OpenApiDocument
{
    public const string KeyScheme = "functionKey";
    public const string TokenScheme = "entraId";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly Lazy<byte[]> Json = new(() => JsonSerializer.SerializeToUtf8Bytes(Build(), Indented));

    /// <summary>The document, serialised once.</summary>
    public static byte[] Utf8 => Json.Value;

    public static string ViewSchema(string view) => $"view-{view}";

    public static JsonObject Build()
    {
        // OpenAPI allows one path per shape: uploads/{id} (GET, DELETE) and uploads/{fileName} (POST) share one, under
        // the first template's parameter names.
        var paths = new JsonObject();
        var templates = new Dictionary<string, string>();
        foreach (var trigger in Triggers().OrderBy(t => t.Route, StringComparer.Ordinal))
        {
            var operation = ApiOperations.All.TryGetValue(trigger.Function, out var found)
                ? found
                : throw new InvalidOperationException(
                    $"HTTP function {trigger.Function} has no entry in ApiOperations: describe it there.");
            var template = templates.TryAdd(Shape(trigger.Route), trigger.Route)
                ? trigger.Route : templates[Shape(trigger.Route)];
            var path = paths[$"/api/{template}"] as JsonObject ?? [];
            paths[$"/api/{template}"] = path;
            foreach (var method in trigger.Methods)
            {
                path[method] = Operation(trigger, template, operation);
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "HealthKart influencer ROI API",
                ["version"] = "1.0.0",
                ["summary"] =
                    "What each rupee spent on influencers returned: uploads, analytics, exports, signed links " +
                    "and the weekly summary.",
                ["description"] =
                    "Money is INR (rupees, two decimals); dates are ISO (yyyy-MM-dd) on the IST calendar; " +
                    "enums are camelCase names. " +
                    "Every error is an RFC 7807 problem (application/problem+json) with status, title, detail and, " +
                    "for a bad parameter, parameter.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    [TokenScheme] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["bearerFormat"] = "JWT",
                        ["description"] =
                            "In Azure: an Entra ID access token for the API's app registration, checked by App " +
                            "Service Authentication before the app (docs/deploy.md).",
                    },
                    [KeyScheme] = new JsonObject
                    {
                        ["type"] = "apiKey",
                        ["in"] = "header",
                        ["name"] = "x-functions-key",
                        ["description"] =
                            "hk serve's function key (or ?code=) where it requires one; POST summary/weekly/send " +
                            "also needs the host's master key in Azure.",
                    },
                },
                ["schemas"] = Schemas(),
                ["responses"] = new JsonObject
                {
                    ["Problem"] = new JsonObject
                    {
                        ["description"] = "An RFC 7807 problem.",
                        ["content"] = new JsonObject
                        {
                            ["application/problem+json"] =
                            new JsonObject { ["schema"] = Ref("Problem") }
                        }
                    },
                },
            },
        };
    }

    /// <summary>A route with its parameter names left out: routes of one shape match the same URLs.</summary>
    public static string Shape(string route) => System.Text.RegularExpressions.Regex.Replace(route, "{[^}]*}", "{}");

    private static JsonObject Operation(Trigger trigger, string template, ApiOperation operation)
    {
        var parameters = new JsonArray();
        foreach (var (name, own) in PathParameters(template).Zip(PathParameters(trigger.Route)))
        {
            var (description, schema) = operation.Path.TryGetValue(own, out var p)
                ? p : ($"The {own}.", new JsonObject { ["type"] = "string" });
            parameters.Add(new JsonObject
            {
                ["name"] = name,
                ["in"] = "path",
                ["required"] = true,
                ["description"] = description,
                ["schema"] = schema.DeepClone()
            });
        }

        foreach (var (name, description, schema) in ApiOperations.QueryOf(trigger.Function))
        {
            parameters.Add(new JsonObject
            {
                ["name"] = name,
                ["in"] = "query",
                ["description"] = description,
                ["schema"] = schema.DeepClone()
            });
        }

        var responses = new JsonObject();
        foreach (var (status, (description, content)) in operation.Responses)
        {
            responses[status] = content is null ? new JsonObject { ["description"] = description }
                : new JsonObject { ["description"] = description, ["content"] = content.DeepClone() };
        }

        // Behind App Service Authentication every function but the
        // public ones needs a signed-in token (hk serve: its key).
        var keyed = !PublicFunctions.Names.Contains(trigger.Function);
        foreach (var status in operation.Problems.Concat(keyed ? [401] : []).Append(500).Distinct().Order())
        {
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Ref("Problem", "responses");
        }

        var result = new JsonObject
        {
            ["operationId"] = trigger.Function,
            ["summary"] = operation.Summary,
            ["description"] = operation.Description
                + (trigger.Level == AuthorizationLevel.Admin ? " Admin key only." : ""),
            ["tags"] = new JsonArray(trigger.Route.Split('/')[0]),
            ["security"] = keyed
                ? new JsonArray(new JsonObject { [TokenScheme] = new JsonArray() },
                    new JsonObject { [KeyScheme] = new JsonArray() })
                : [],
            ["responses"] = responses,
        };
        if (parameters.Count > 0)
        {
            result["parameters"] = parameters;
        }

        if (operation.RequestBody is { } body)
        {
            result["requestBody"] = body.DeepClone();
        }

        return result;
    }

    private static JsonObject Schemas()
    {
        var schemas = new JsonObject
        {
            ["Problem"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] =
                    "RFC 7807. type is https://httpstatuses.io/{status}; parameter names the query " +
                    "or path parameter to fix.",
                ["required"] = new JsonArray("status", "title"),
                ["properties"] = new JsonObject
                {
                    ["type"] = new JsonObject { ["type"] = "string", ["format"] = "uri" },
                    ["title"] = new JsonObject { ["type"] = "string" },
                    ["status"] = new JsonObject { ["type"] = "integer" },
                    ["detail"] = new JsonObject { ["type"] = "string" },
                    ["instance"] = new JsonObject { ["type"] = "string" },
                    ["parameter"] = new JsonObject { ["type"] = "string" },
                    ["traceId"] = new JsonObject { ["type"] = "string" },
                },
            },
            ["UploadSummary"] = UploadSummary(),
            ["UploadList"] = Object(("items", new JsonObject { ["type"] = "array", ["items"] = Ref("UploadSummary") }),
                ("more", Type("boolean"))),
            ["UploadDetail"] = Object(
                ("upload", Ref("UploadSummary")), ("contentHash", Nullable("string")),
                ("replaced", new JsonObject { ["type"] = new JsonArray("object", "null") }),
                ("firstErrors", new JsonObject
                {
                    ["type"] = new JsonArray("array", "null"),
                    ["items"] = new JsonObject { ["type"] = "object" }
                }),
                    ("links", new JsonObject { ["type"] = "object" })),
            ["UploadSas"] = Object(("fileName", Type("string")), ("url", Type("string")), ("expiresAt", DateTime()),
                ("method", Type("string")), ("headers", new JsonObject { ["type"] = "object" })),
            ["LinkRequest"] = Closed(Object(
                ("report", new JsonObject
                {
                    ["type"] = "string",
                    ["enum"] = new JsonArray([.. ExportBuilder.Reports.Select(n => JsonValue.Create(n))])
                }),
                ("format", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("csv", "xlsx") }),
                ("query", new JsonObject
                {
                    ["type"] = "string",
                    ["description"] = "The filters as a query string, e.g. platform=Instagram&from=2025-07-01."
                }),
                ("ttlHours", new JsonObject { ["type"] = "integer", ["minimum"] = 1 }))),
            ["Link"] = Object(("url", Type("string")), ("expiresAt", DateTime())),
        };
        foreach (var view in ViewCatalog.All)
        {
            schemas[ViewSchema(view.Name)] = SchemaOf(view.ResultType);
        }

        foreach (var (name, type) in ApiOperations.Schemas)
        {
            schemas[name] = SchemaOf(type);
        }

        return schemas;
    }

    private static JsonObject UploadSummary() => Object(
        ("id", Type("string")), ("fileName", Type("string")), ("dataset", Nullable("string")),
        ("status", LowercaseEnum<Core.Ingestion.UploadStatus>()),
        ("rows", Type("integer")), ("rowsProcessed", Type("integer")), ("progress", Nullable("number")),
        ("errors", Type("integer")), ("warnings", Type("integer")), ("bytes", Nullable("integer")),
        ("current", Type("boolean")), ("uploadedBy", Nullable("string")), ("receivedAt", DateTime()),
        ("startedAt", DateTime(nullable: true)), ("finishedAt", DateTime(nullable: true)),
        ("publishedAt", DateTime(nullable: true)), ("rawRows", RawRows()), ("retractedAt", DateTime(nullable: true)),
        ("firstDate", new JsonObject { ["type"] = new JsonArray("string", "null"), ["format"] = "date" }),
        ("lastDate", new JsonObject { ["type"] = new JsonArray("string", "null"), ["format"] = "date" }),
        ("attempts", Type("integer")), ("message", Nullable("string")), ("waitingFor", Nullable("string")));

    /// <summary>
    /// The raw-row stage after an upload is ingested (its own field; the status stays <c>ingested</c>); null when the
    /// upload published nothing of its own.
    /// </summary>
    private static JsonObject RawRows()
    {
        var rawRows = Object(
            ("state", LowercaseEnum<Core.Ingestion.RawRowState>()),
            ("written", Type("integer")), ("total", Type("integer")), ("completedAt", DateTime(nullable: true)));
        rawRows["type"] = new JsonArray("object", "null");
        return rawRows;
    }

    /// <summary>
    /// A JSON Schema (2020-12, as OpenAPI 3.1 uses) of what <see cref="ApiJson"/> writes for <paramref name="type"/>. A
    /// type with its own converter has no shape the exporter can see: the ISO week is described as the string it
    /// writes, and anything else unknown as the empty schema (OpenAPI readers choke on the equivalent boolean "true").
    /// </summary>
    private static JsonNode SchemaOf(Type type) =>
        JsonSchemaExporter.GetJsonSchemaAsNode(ApiJson.Options, type, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, schema) => context.TypeInfo.Type switch
            {
                var t when t == typeof(Core.Summary.IsoWeek) => Week("string"),
                var t when t == typeof(Core.Summary.IsoWeek?) => Week(new JsonArray("string", "null")),
                _ => schema is JsonValue ? new JsonObject() : schema,
            },
        });

    private static JsonObject Week(JsonNode type) => new()
    {
        ["type"] = type,
        ["pattern"] = "^[0-9]{4}-W[0-9]{2}$",
        ["description"] = "An ISO week, 2025-W27."
    };

    private static JsonObject Object(params (string Name, JsonNode Schema)[] properties)
    {
        var props = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            props[name] = schema;
        }

        return new JsonObject { ["type"] = "object", ["properties"] = props };
    }

    /// <summary>An object that refuses members it does not list (the API answers 400 naming the member).</summary>
    private static JsonObject Closed(JsonObject schema)
    {
        schema["additionalProperties"] = false;
        return schema;
    }

    private static JsonObject Type(string type) => new() { ["type"] = type };

    /// <summary>An enum's names as the ledger views write them: lower case.</summary>
    private static JsonObject LowercaseEnum<T>() where T : struct, Enum =>
        new()
        {
            ["type"] = "string",
            ["enum"] = new JsonArray([.. Enum.GetNames<T>().Select(n => JsonValue.Create(n.ToLowerInvariant()))])
        };

    private static JsonObject Nullable(string type) => new() { ["type"] = new JsonArray(type, "null") };

    private static JsonObject DateTime(bool nullable = false) =>
        new() { ["type"] = nullable ? new JsonArray("string", "null") : "string", ["format"] = "date-time" };

    private static JsonObject Ref(string name, string section = "schemas") =>
        new() { ["$ref"] = $"#/components/{section}/{name}" };

    private static IEnumerable<string> PathParameters(string route)
    {
        for (var start = route.IndexOf('{'); start >= 0; start = route.IndexOf('{', start + 1))
        {
            yield return route[(start + 1)..route.IndexOf('}', start)].Split(':')[0];
        }
    }

    private sealed record Trigger(string Function, string Route, IReadOnlyList<string> Methods,
        AuthorizationLevel Level);

    /// <summary>
    /// Every HTTP trigger of this assembly, read the way the Worker SDK reads them for functions.metadata.
    /// </summary>
    private static IEnumerable<Trigger> Triggers() =>
        from type in typeof(OpenApiDocument).Assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        where function is not null
        from parameter in method.GetParameters()
        let http = parameter.GetCustomAttribute<HttpTriggerAttribute>()
        where http is not null
        select new Trigger(function.Name, http.Route ?? function.Name,
            [.. (http.Methods ?? ["get"]).Select(m => m.ToLowerInvariant())], http.AuthLevel);
}
