using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HealthKart.Integration.Tests.Infra;

/// <summary>What the deployed app needs is in infra/main.bicep: its settings, its identity's roles, the Event Grid feed.</summary>
public sealed partial class InfraTemplateTests(BicepTemplate bicep) : IClassFixture<BicepTemplate>
{
    private JsonObject FunctionApp => bicep.Resources().Single(r =>
        (string?)r["type"] == "Microsoft.Web/sites" && ((string?)r["kind"])?.Contains("functionapp") == true);

    private IReadOnlyList<string> AppSettingNames()
    {
        var settings = FunctionApp["properties"]!["siteConfig"]!["appSettings"]!;
        return settings is JsonArray array
            ? array.Select(s => (string)s!["name"]!).ToList()
            : SettingName().Matches((string)settings!).Select(m => m.Groups[1].Value).ToList();
    }

    [Fact]
    public void Every_setting_of_the_sample_is_set_or_documented_as_optional()
    {
        var values = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepTemplate.RepositoryRoot(), "local.settings.sample.json")))!["Values"]!.AsObject();
        var set = AppSettingNames().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = values
            .Select(v => v.Key)
            .Where(k => !k.StartsWith("_comment_", StringComparison.Ordinal))
            .Where(k => k is not "FUNCTIONS_WORKER_RUNTIME" and not "AzureWebJobsStorage")
            .Where(k => !set.Contains(k))
            .Where(k => !(((string?)values[$"_comment_{k}"])?.Contains("Optional", StringComparison.OrdinalIgnoreCase) ?? false))
            .ToList();
        Assert.True(missing.Count == 0, $"Not set in infra/main.bicep and not documented as optional: {string.Join(", ", missing)}");

        Assert.Contains("WeeklySummary__Schedule", set);
        Assert.Contains("AzureWebJobsStorage__accountName", set);
        Assert.Contains("Links__Keys__0__Id", set);
        Assert.Contains("Links__Keys__0__Secret", set);
        Assert.Contains("Links__PublicBaseUrl", set);
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", set);
    }

    [Fact]
    public void Storage_is_reached_by_identity_and_secrets_by_Key_Vault_references()
    {
        var names = AppSettingNames();
        Assert.DoesNotContain(names, n => n.Equals("AzureWebJobsStorage", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(names, n => n.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) && n != "APPLICATIONINSIGHTS_CONNECTION_STRING");
        Assert.DoesNotContain("listKeys(", bicep.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", bicep.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("DefaultEndpointsProtocol", bicep.Text, StringComparison.OrdinalIgnoreCase);

        var settings = FunctionApp["properties"]!["siteConfig"]!["appSettings"]!.ToJsonString();
        Assert.Contains("'AzureWebJobsStorage__credential', 'value', 'managedidentity'", settings.Replace("\\u0027", "'"));
        foreach (var secret in new[] { "Privacy__UserIdKey", "Links__Keys__0__Secret", "Smtp__Password" })
        {
            Assert.Matches($@"'{secret}', 'value', (if\(empty\(parameters\('\w+'\)\), '', )?format\(variables\('keyVaultRef'\)", settings.Replace("\\u0027", "'"));
        }
        Assert.Contains("@Microsoft.KeyVault(SecretUri={0})", bicep.Text);

        var storage = bicep.Resources().Single(r => (string?)r["type"] == "Microsoft.Storage/storageAccounts" && r["properties"] is not null);
        Assert.False((bool)storage["properties"]!["allowSharedKeyAccess"]!);

        var runtime = FunctionApp["properties"]!["functionAppConfig"]!["runtime"]!;
        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal("10.0", (string?)runtime["version"]);
        Assert.Equal("SystemAssigned", (string?)FunctionApp["identity"]!["type"]);
    }

    [Fact]
    public void The_Function_App_identity_has_the_storage_and_Key_Vault_roles()
    {
        var assignments = bicep.Resources().Where(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments").ToList();
        var text = string.Join("\n", assignments.Select(a => a.ToJsonString()));
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
        Assert.True(assignments.Count >= 2);
        Assert.All(assignments, a => Assert.Contains("identity.principalId", a["properties"]!["principalId"]!.ToString()));
        Assert.Contains("ServicePrincipal", text);
    }

    [Fact]
    public void The_Event_Grid_subscription_feeds_BlobCreated_of_the_uploads_container_to_the_blob_trigger()
    {
        var subscription = bicep.Resources().Single(r => (string?)r["type"] == "Microsoft.EventGrid/systemTopics/eventSubscriptions");
        var filter = subscription["properties"]!["filter"]!;
        Assert.Equal(["Microsoft.Storage.BlobCreated"], filter["includedEventTypes"]!.AsArray().Select(e => (string)e!));
        Assert.Contains("/blobServices/default/containers/", (string)filter["subjectBeginsWith"]!);
        Assert.Contains("uploadsContainer", (string)filter["subjectBeginsWith"]!);
        var url = (string)subscription["properties"]!["destination"]!["properties"]!["endpointUrl"]!;
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions.IngestUpload&code=", url);

        // The subscription is the second step: off until the blobs_extension key exists.
        var module = bicep.Resources().Single(r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == "eventgrid");
        Assert.Contains("deployEventGridSubscription", (string)module["condition"]!);
        Assert.False((bool)bicep.Template["parameters"]!["deployEventGridSubscription"]!["defaultValue"]!);

        // ...and the uploads container the module filters on is the one the app watches.
        Assert.Contains("parameters('uploadsContainer')", module["properties"]!["parameters"]!["uploadsContainer"]!.ToJsonString().Replace("\\u0027", "'"));
    }

    [Fact]
    public void The_Static_Web_App_is_Standard_and_linked_to_the_Function_App()
    {
        var site = bicep.Resources().Single(r => (string?)r["type"] == "Microsoft.Web/staticSites");
        Assert.Equal("Standard", (string?)site["sku"]!["name"]);
        Assert.Single(bicep.Resources(), r => (string?)r["type"] == "Microsoft.Web/staticSites/linkedBackends");

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepTemplate.RepositoryRoot(), "static-web", "staticwebapp.config.json")))!;
        var routes = config["routes"]!.AsArray().Select(r => ((string)r!["route"]!, r["allowedRoles"]?.AsArray().Select(x => (string)x!).ToArray() ?? [])).ToList();
        int Index(string route) => routes.FindIndex(r => r.Item1 == route);
        Assert.Equal(["anonymous"], routes[Index("/api/shared/*")].Item2);
        Assert.Equal(["anonymous"], routes[Index("/api/health")].Item2);
        Assert.Equal(["authenticated"], routes[Index("/api/*")].Item2);
        Assert.Equal(["authenticated"], routes[Index("/*")].Item2);
        Assert.True(Index("/api/shared/*") < Index("/api/*") && Index("/api/health") < Index("/api/*") && Index("/api/*") < Index("/*"));
    }

    [GeneratedRegex(@"createObject\('name', '([^']+)'")]
    private static partial Regex SettingName();
}
