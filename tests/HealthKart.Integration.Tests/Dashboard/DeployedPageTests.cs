using System.Diagnostics;
using HealthKart.Integration.Tests.Cli;
using Microsoft.Playwright;

namespace HealthKart.Integration.Tests.Dashboard;

/// <summary>
/// The page as azd deploys it (scripts/deploy/stage-web.mjs): served from its own origin, it sends people to Entra ID
/// sign-in (authorization code with PKCE, for the API's scope) before it calls the Function App, and never calls the
/// API without a token. Chromium is real; the two remote hosts are answered by Playwright's routing, since this machine
/// reaches neither Static Web Apps nor Microsoft's sign-in.
/// </summary>
public sealed class DeployedPageTests(DashboardBrowser browser) : IClassFixture<DashboardBrowser>
{
    private const string Page = "https://swa-hkroi.example.test";
    private const string Api = "https://func-hkroi.example.test/api";
    private const string ClientId = "6f1c2a8e-0d4b-4f7e-9a51-2b3c4d5e6f70";
    private const string TenantId = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d";
    private const string Login = "https://login.microsoftonline.com";

    [Fact]
    public async Task AStagedPageSendsPeopleToEntraSignInForTheApiScopeBeforeCallingTheApi()
    {
        var site = Stage(new()
        {
            ["API_BASE_URL"] = Api + "/",
            ["ENTRA_CLIENT_ID"] = ClientId,
            ["ENTRA_TENANT_ID"] = TenantId
        });
        try
        {
            var config = await File.ReadAllTextAsync(Path.Combine(site, "config.js"));
            Assert.Contains($"export const apiBase = \"{Api}\";", config);
            Assert.Contains($"\"scope\":\"api://{ClientId}/access_as_user\"", config);

            await using var context =
                await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-IN" });
            var apiCalls = new List<IRequest>();
            var signIn = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            await context.RouteAsync($"{Page}/**", route => ServeFileAsync(route, site));
            await context.RouteAsync("https://func-hkroi.example.test/**", route =>
            {
                apiCalls.Add(route.Request);
                return route.FulfillAsync(new() { Status = 401 });
            });
            await context.RouteAsync($"{Login}/**", route => AnswerSignInAsync(route, signIn));

            var page = await context.NewPageAsync();
            await page.GotoAsync(Page + "/");
            var authorize = await signIn.Task.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal($"/{TenantId}/oauth2/v2.0/authorize", authorize.AbsolutePath);
            var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
            Assert.Equal(ClientId, query["client_id"]);
            Assert.Equal("code", query["response_type"]);
            Assert.Equal("S256", query["code_challenge_method"]);
            Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
            Assert.Equal(Page + "/", query["redirect_uri"]);
            Assert.Contains($"api://{ClientId}/access_as_user", query["scope"]!.Split(' '));
            Assert.Empty(apiCalls); // nothing reaches the API before there is a token to send
        }
        finally
        {
            Directory.Delete(site, recursive: true);
        }
    }

    [Fact]
    public void StagingRefusesWithoutTheDeploymentsOutputs()
    {
        var (exitCode, output) = RunStage(new() { ["API_BASE_URL"] = Api },
            Path.Combine(Path.GetTempPath(), $"hk-web-{Guid.NewGuid():N}"));
        Assert.Equal(1, exitCode);
        Assert.Contains("set ENTRA_CLIENT_ID, ENTRA_TENANT_ID", output);

        (exitCode, output) = RunStage(new()
        {
            ["API_BASE_URL"] = "http://func.example.test/api",
            ["ENTRA_CLIENT_ID"] = ClientId,
            ["ENTRA_TENANT_ID"] = TenantId
        },
            Path.Combine(Path.GetTempPath(), $"hk-web-{Guid.NewGuid():N}"));
        Assert.Equal(1, exitCode);
        Assert.Contains("must be https://", output);
    }

    /// <summary>
    /// Microsoft's sign-in as MSAL meets it: the tenant's metadata, then the navigation to authorize.
    /// </summary>
    private static Task AnswerSignInAsync(IRoute route, TaskCompletionSource<Uri> signIn)
    {
        var url = new Uri(route.Request.Url);
        if (url.AbsolutePath.EndsWith("/.well-known/openid-configuration", StringComparison.Ordinal))
        {
            var tenant = $"{Login}/{TenantId}";
            return route.FulfillAsync(new()
            {
                ContentType = "application/json",
                Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" },
                Body = $$"""
                    {"authorization_endpoint":"{{tenant}}/oauth2/v2.0/authorize",
                     "token_endpoint":"{{tenant}}/oauth2/v2.0/token",
                     "end_session_endpoint":"{{tenant}}/oauth2/v2.0/logout","issuer":"{{tenant}}/v2.0",
                     "jwks_uri":"{{tenant}}/discovery/v2.0/keys",
                     "response_types_supported":["code"],"scopes_supported":["openid","profile","offline_access"]}
                    """,
            });
        }

        if (url.AbsolutePath.Contains("/discovery/instance", StringComparison.Ordinal))
        {
            return route.FulfillAsync(new()
            {
                ContentType = "application/json",
                Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" },
                Body = $$"""
                    {"tenant_discovery_endpoint":"{{Login}}/{{TenantId}}/v2.0/.well-known/openid-configuration",
                     "api-version":"1.1",
                     "metadata":[{"preferred_network":"login.microsoftonline.com","preferred_cache":"login.windows.net",
                                  "aliases":["login.microsoftonline.com","login.windows.net"]}]}
                    """,
            });
        }

        if (url.AbsolutePath.EndsWith("/oauth2/v2.0/authorize", StringComparison.Ordinal))
        {
            signIn.TrySetResult(url);
            return route.FulfillAsync(new() { ContentType = "text/html", Body = "<p>Microsoft sign-in</p>" });
        }

        return route.FulfillAsync(new() { Status = 404 });
    }

    private static Task ServeFileAsync(IRoute route, string site)
    {
        var path = new Uri(route.Request.Url).AbsolutePath.TrimStart('/');
        var file = Path.GetFullPath(Path.Combine(site, path.Length == 0 ? "index.html" : path));
        if (!file.StartsWith(site, StringComparison.Ordinal) || !File.Exists(file))
        {
            return route.FulfillAsync(new() { Status = 404 });
        }

        var type = Path.GetExtension(file) switch
        {
            ".html" => "text/html",
            ".js" => "text/javascript",
            ".css" => "text/css",
            ".json" => "application/json",
            _ => "application/octet-stream",
        };
        return route.FulfillAsync(new() { ContentType = type, BodyBytes = File.ReadAllBytes(file) });
    }

    private static string Stage(Dictionary<string, string> environment)
    {
        var site = Path.Combine(Path.GetTempPath(), $"hk-web-{Guid.NewGuid():N}");
        var (exitCode, output) = RunStage(environment, site);
        Assert.True(exitCode == 0, output);
        return site;
    }

    private static (int ExitCode, string Output) RunStage(Dictionary<string, string> environment, string outDir)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = HkProcess.RepositoryRoot
        };
        start.ArgumentList.Add(Path.Combine("scripts", "deploy", "stage-web.mjs"));
        start.ArgumentList.Add(outDir);
        foreach (var name in new[] { "API_BASE_URL", "ENTRA_CLIENT_ID", "ENTRA_TENANT_ID" }) start.Environment.Remove(
            name);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
