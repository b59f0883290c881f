using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthKart.Core.Views;
using HealthKart.Functions;
using HealthKart.Infrastructure.Exports;
using HealthKart.Integration.Tests.Functions;

namespace HealthKart.Integration.Tests.Infra;

/// <summary>
/// What the deployed app needs is in infra/main.bicep, compiled to ARM: its settings (applied only after the identity's
/// roles), App Service Authentication in front of the host with only the public paths and the blob webhook let through,
/// and the Event Grid system topic whose subscription the post-deploy step alone creates.
/// </summary>
public sealed partial class InfraTemplateTests(BicepTemplate bicep) : IClassFixture<BicepTemplate>
{
    private static string Unescape(string json) => json.Replace("\\u0027", "'", StringComparison.Ordinal);

    private static string Read(params string[] path) =>
        File.ReadAllText(Path.Combine([BicepTemplate.RepositoryRoot(), .. path]));

    private JsonObject FunctionApp => bicep.Resource("functionApp");

    /// <summary>The Static Web App's address as the compiled template spells it.</summary>
    private const string Dashboard = "[format('https://{0}', reference('web').outputs.defaultHostname.value)]";

    /// <summary>The app settings resource's expression (the rotation settings it unions in included).</summary>
    private string SettingsText => Unescape(bicep.Resource("functionAppSettings")["properties"]!.ToJsonString());

    private IReadOnlySet<string> AppSettingNames() =>
        SettingName().Matches(SettingsText).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void Every_setting_of_the_sample_is_set_or_documented_as_optional()
    {
        var values = JsonNode.Parse(Read("local.settings.sample.json"))!["Values"]!.AsObject();
        var set = AppSettingNames();
        var missing = values
            .Select(v => v.Key)
            .Where(k => !k.StartsWith("_comment_", StringComparison.Ordinal))
            .Where(k => k is not "FUNCTIONS_WORKER_RUNTIME" and not "AzureWebJobsStorage")
            .Where(k => !set.Contains(k))
            .Where(k => !(((string?)values[$"_comment_{k}"])?.Contains("Optional", StringComparison.OrdinalIgnoreCase)
                ?? false))
            .ToList();
        Assert.True(missing.Count == 0,
            $"Not set in infra/main.bicep and not documented as optional: {string.Join(", ", missing)}");

        foreach (var name in new[] { "WeeklySummary__Schedule", "AzureWebJobsStorage__accountName",
            "Links__Keys__0__Id", "Links__Keys__0__Secret", "Links__Keys__1__Secret", "Links__PublicBaseUrl" })
        {
            Assert.Contains(name, set);
        }
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", set);
    }

    [Fact]
    public void Storage_is_reached_by_identity_and_secrets_by_Key_Vault_references()
    {
        var names = AppSettingNames();
        Assert.DoesNotContain(names, n => n.Equals("AzureWebJobsStorage", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(names, n => n.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase)
            && n != "APPLICATIONINSIGHTS_CONNECTION_STRING");
        Assert.DoesNotContain("listKeys(", bicep.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", bicep.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("DefaultEndpointsProtocol", bicep.Text, StringComparison.OrdinalIgnoreCase);

        var settings = SettingsText;
        Assert.Contains("'AzureWebJobsStorage__credential', 'managedidentity'", settings);
        foreach (var secret in new[] { "Privacy__UserIdKey", "Links__Keys__0__Secret", "Links__Keys__1__Secret",
            "Smtp__Password" })
        {
            Assert.Matches($@"'{secret}', (if\(empty\(parameters\('\w+'\)\), '', )?format\(variables\('keyVaultRef'\)",
                settings);
        }
        Assert.Equal("@Microsoft.KeyVault(SecretUri={0})", (string?)bicep.Template["variables"]!["keyVaultRef"]);

        var storage = bicep.Resources().Single(r => (string?)r["type"] == "Microsoft.Storage/storageAccounts"
            && r["properties"] is not null);
        Assert.False((bool)storage["properties"]!["allowSharedKeyAccess"]!);

        var runtime = FunctionApp["properties"]!["functionAppConfig"]!["runtime"]!;
        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal("10.0", (string?)runtime["version"]);
        Assert.Equal("SystemAssigned", (string?)FunctionApp["identity"]!["type"]);
    }

    [Fact]
    public void The_Function_App_identity_has_the_storage_and_Key_Vault_roles()
    {
        var assignments = bicep.Resources().Where(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments")
            .ToList();
        foreach (var role in new[]
        {
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
            "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User
        })
        {
            Assert.Contains(role, bicep.Text);
        }
        Assert.Equal(2, assignments.Count); // the storage roles (a copy loop) and Key Vault Secrets User
        Assert.All(assignments, a => Assert.Contains("functionApp', '2024-04-01', 'full').identity.principalId",
            Unescape(a["properties"]!["principalId"]!.ToJsonString())));
    }

    [Fact]
    public void The_settings_and_their_Key_Vault_references_arrive_only_after_the_roles_are_granted()
    {
        // The site itself carries no settings, so nothing resolves a reference before the identity holds its roles.
        Assert.Null(FunctionApp["properties"]!["siteConfig"]!["appSettings"]);
        Assert.DoesNotContain("variables('keyVaultRef')", Unescape(FunctionApp.ToJsonString()));

        var settings = bicep.Resource("functionAppSettings");
        Assert.Equal("Microsoft.Web/sites/config", (string?)settings["type"]);
        Assert.EndsWith("'appsettings')]", Unescape((string)settings["name"]!));
        var dependsOn = settings["dependsOn"]!.AsArray().Select(d => (string)d!).ToList();
        Assert.Contains("keyVaultSecretsUser", dependsOn);
        Assert.Contains("storageRoleAssignments", dependsOn);
        Assert.Contains("Key Vault Secrets User",
            (string)bicep.Resource("keyVaultSecretsUser")["properties"]!["description"]!);

        // Every reference in the template is in that one resource.
        var referencing = bicep.Resources().Where(r => Unescape(r.ToJsonString()).Contains("variables('keyVaultRef')",
            StringComparison.Ordinal)).ToList();
        Assert.Equal([settings], referencing);
    }

    [Fact]
    public void App_Service_Authentication_guards_every_path_but_the_public_functions_and_the_blob_webhook()
    {
        var auth = bicep.Resource("authentication");
        Assert.EndsWith("'authsettingsV2')]", Unescape((string)auth["name"]!));
        var properties = auth["properties"]!;
        Assert.True((bool)properties["platform"]!["enabled"]!);
        var validation = properties["globalValidation"]!;
        Assert.True((bool)validation["requireAuthentication"]!);
        Assert.Equal("Return401", (string?)validation["unauthenticatedClientAction"]);
        Assert.Equal("[variables('excludedPaths')]", Unescape((string)validation["excludedPaths"]!));

        var entra = properties["identityProviders"]!["azureActiveDirectory"]!;
        Assert.True((bool)entra["enabled"]!);
        Assert.Equal("[parameters('entraClientId')]", (string?)entra["registration"]!["clientId"]);
        Assert.Contains("parameters('entraTenantId')", Unescape((string)entra["registration"]!["openIdIssuer"]!));
        Assert.Contains("[parameters('entraClientId')]", entra["validation"]!["allowedAudiences"]!.AsArray()
            .Select(a => (string?)a));
        // required: no gate without an app
        Assert.Null(bicep.Template["parameters"]!["entraClientId"]!["defaultValue"]);

        // Excluded: the blob webhook, then exactly the routes of the public functions, one path per report and format.
        var excluded = Unescape((string)bicep.Template["variables"]!["excludedPaths"]!);
        Assert.Equal(
            "[concat(createArray('/runtime/webhooks/blobs', '/api/health', '/api/openapi.json'), " +
            "flatten(map(variables('sharedReports'), " +
            "lambda('report', createArray(format('/api/shared/{0}.csv', lambdaVariables('report')), " +
            "format('/api/shared/{0}.xlsx', lambdaVariables('report')))))))]",
            excluded);
        var routes = PublicFunctions.Names.Order().Select(FunctionsMetadata.Route).ToList();
        Assert.Equal(["openapi.json", "shared/{report}.{format}", "health"], routes);
        var sharedReports = bicep.Template["variables"]!["sharedReports"]!.AsArray().Select(r => (string)r!).Order();
        Assert.Equal(ReportCatalog.Names.Append(ExportBuilder.Tracking).Order(), sharedReports);
    }

    [Fact]
    public void Nothing_links_the_Static_Web_App_to_the_Flex_Consumption_app()
    {
        Assert.DoesNotContain(bicep.Resources(), r => ((string?)r["type"])?.StartsWith("Microsoft.Web/staticSites/",
            StringComparison.Ordinal) == true);
        var site = bicep.Resources().Single(r => (string?)r["type"] == "Microsoft.Web/staticSites");
        Assert.Equal("Free", (string?)site["sku"]!["name"]);

        // The page reaches the API across origins with a bearer token: CORS for the dashboard only, never credentials.
        var cors = FunctionApp["properties"]!["siteConfig"]!["cors"]!;
        Assert.Equal([Dashboard], cors["allowedOrigins"]!.AsArray().Select(o => Unescape((string)o!)));
        Assert.False((bool)cors["supportCredentials"]!);

        // ...and browsers PUT uploads straight to the inbox with a SAS from the same origin.
        var storage = bicep.Resources().Single(r => (string?)r["type"] == "Microsoft.Resources/deployments"
            && (string?)r["name"] == "storage");
        Assert.Equal($"{{\"value\":[\"{Dashboard}\"]}}",
            Unescape(storage["properties"]!["parameters"]!["uploadOrigins"]!.ToJsonString()));
        var blobService =
            bicep.Resources().Single(r => (string?)r["type"] == "Microsoft.Storage/storageAccounts/blobServices");
        var rule = blobService["properties"]!["cors"]!["corsRules"]![0]!;
        Assert.Contains("PUT", rule["allowedMethods"]!.AsArray().Select(m => (string?)m));

        // Signed links point at the Function App's own host, which App Service Authentication lets through on shared/*.
        Assert.Contains("'Links__PublicBaseUrl', format('https://{0}', reference('functionApp').defaultHostName)",
            SettingsText);

        var config = JsonNode.Parse(Read("static-web", "staticwebapp.config.json"))!.AsObject();
        Assert.Null(config["routes"]);
        Assert.Null(config["auth"]);
    }

    [Fact]
    public void Event_Grid_is_subscribed_after_the_code_by_a_post_deploy_step_that_touches_nothing_else()
    {
        // The template makes the system topic (as Microsoft's Event Grid blob quickstart does), never the subscription.
        Assert.DoesNotContain(bicep.Resources(), r => ((string?)r["type"])?.EndsWith("eventSubscriptions",
            StringComparison.OrdinalIgnoreCase) == true);
        var topic = bicep.Resource("eventGridTopic");
        Assert.Equal("Microsoft.EventGrid/systemTopics", (string?)topic["type"]);
        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic["properties"]!["topicType"]);
        Assert.Contains("Microsoft.Storage/storageAccounts', variables('storageName')",
            Unescape((string)topic["properties"]!["source"]!));
        var outputs = bicep.Template["outputs"]!;
        Assert.Equal("[variables('eventGridTopicName')]",
            Unescape((string)outputs["EVENT_GRID_SYSTEM_TOPIC"]!["value"]!));
        Assert.Equal("[parameters('uploadsContainer')]", Unescape((string)outputs["UPLOADS_CONTAINER"]!["value"]!));
        Assert.Contains("'Uploads__Container', parameters('uploadsContainer')", SettingsText);

        // azd runs exactly one project hook, after deploy: the script below.
        var azure = Read("azure.yaml");
        Assert.Matches(
            @"(?m)^hooks:\n  postdeploy:\n    posix:\n      shell: sh\n      run: scripts/deploy/postdeploy.sh$",
            azure);
        Assert.Single(Regex.Matches(azure, @"(?m)^  (pre|post)\w+:$"));
        Assert.Matches(
            @"(?m)^  api:\n    project: \./src/HealthKart\.Functions\n    language: dotnet\n    host: function$",
            azure);
        Assert.Matches(@"(?m)^    host: staticwebapp$", azure);
        Assert.Contains("'azd-service-name', 'api'", Unescape(FunctionApp["tags"]!.ToJsonString()));

        var script = Read("scripts", "deploy", "postdeploy.sh");
        var code = string.Join('\n', script.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));
        Assert.Single(Regex.Matches(code, @"\baz eventgrid\b"));
        Assert.Contains("az eventgrid system-topic event-subscription create", code);
        Assert.Contains("--included-event-types Microsoft.Storage.BlobCreated", code);
        Assert.Contains("--subject-begins-with \"/blobServices/default/containers/${UPLOADS_CONTAINER}/\"", code);
        Assert.Contains("--query systemKeys.blobs_extension", code);
        // The webhook is the blob trigger's (its function name as
        // the host knows it), on the path the gate lets through.
        Assert.Equal("EventGrid", FunctionsMetadata.Binding("IngestUpload", "blobTrigger")
            .GetProperty("source").GetString());
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions.IngestUpload&code=${key}", code);
        Assert.Contains("'/runtime/webhooks/blobs'", Unescape((string)bicep.Template["variables"]!["excludedPaths"]!));

        // Nothing after the code deploy re-applies the template or touches the Static Web App.
        foreach (var forbidden in new[] { "staticwebapp", "staticSites", "swa ", "az deployment", "azd provision",
            "azd up", "az bicep", "--template-file", "linkedBackends" })
        {
            Assert.DoesNotContain(forbidden, code, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Matches(@"az (rest|functionapp|eventgrid)", code);
        Assert.All(Regex.Matches(code, @"\baz (\w+)").Select(m => m.Groups[1].Value),
            verb => Assert.Contains(verb, new[] { "rest", "functionapp", "eventgrid" }));
    }

    [Fact]
    public void The_template_lints_clean_and_both_parameter_files_fit_it()
    {
        var lint = BicepTemplate.Run(["lint", "infra/main.bicep"]);
        Assert.True(lint.ExitCode == 0 && lint.Stdout.Trim().Length == 0 && lint.Stderr.Trim().Length == 0,
            $"bicep lint: {lint.Stdout}{lint.Stderr}");

        var environment = new Dictionary<string, string>
        {
            ["HK_USER_ID_KEY"] = "user-id-key",
            ["HK_LINK_SECRET"] = "link-secret",
            ["HK_ENTRA_CLIENT_ID"] = "00000000-0000-0000-0000-000000000001",
        };
        var lintParams = BicepTemplate.Run(["lint", "infra/main.bicepparam"], environment);
        Assert.True(lintParams.ExitCode == 0 && lintParams.Stdout.Trim().Length == 0
            && lintParams.Stderr.Trim().Length == 0,
            $"bicep lint main.bicepparam: {lintParams.Stdout}{lintParams.Stderr}");
        var built = BicepTemplate.Run(["build-params", "infra/main.bicepparam", "--stdout"], environment);
        Assert.True(built.ExitCode == 0, built.Stderr);

        // azd's parameter file: only the template's parameters, and every parameter without a default.
        var declared = bicep.Template["parameters"]!.AsObject();
        var azd = JsonNode.Parse(Read("infra", "main.parameters.json"))!["parameters"]!.AsObject();
        Assert.All(azd.Select(p => p.Key),
            name => Assert.True(declared.ContainsKey(name), $"{name} is not a parameter of main.bicep"));
        var required = declared.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key);
        Assert.All(required,
            name => Assert.True(azd.ContainsKey(name), $"main.parameters.json does not set the required {name}"));
    }

    [GeneratedRegex(@"'([A-Za-z0-9]+(?:__[A-Za-z0-9]+)+|[A-Z][A-Z0-9_]+)', ")]
    private static partial Regex SettingName();
}
