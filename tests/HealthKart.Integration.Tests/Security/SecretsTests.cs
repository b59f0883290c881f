using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using HealthKart.Cli.Serve;
using HealthKart.Integration.Tests.Serve;
using HealthKart.Tests.Shared;

namespace HealthKart.Integration.Tests.Security;

/// <summary>
/// hk serve run with known secrets in its settings (storage account key, link-signing key, SMTP password, user-id key,
/// function key), driven through its error paths: no secret appears in any log line or any response.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class SecretsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task NoSecretAppearsInTheLogOrInAnyResponse()
    {
        var secrets = new Dictionary<string, string>
        {
            ["Links:Keys:0:Secret"] = "link-signing-secret-" + Guid.NewGuid().ToString("N"),
            ["Smtp:Password"] = "smtp-password-" + Guid.NewGuid().ToString("N"),
            ["Privacy:UserIdKey"] = "user-id-key-" + Guid.NewGuid().ToString("N"),
            ["Serve:FunctionKey"] = "function-key-" + Guid.NewGuid().ToString("N"),
        };
        var accountKey = azurite.ConnectionString.Split(';')
            .Single(p => p.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];
        var settings =
            new Dictionary<string, string?>(secrets.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            {
                ["Links:Keys:0:Id"] = "k1",
                ["Serve:RequireKey"] = "true",
                ["Smtp:Host"] = "127.0.0.1",
                ["Smtp:Port"] = ClosedPort().ToString(),
                ["Smtp:Security"] = "None",
                ["Smtp:UserName"] = "reports@healthkart.example",
                ["Smtp:From"] = "reports@healthkart.example",
                ["Smtp:To:0"] = "marketing@healthkart.example",
            };
        await using var serve = await SecuredServe.StartAsync(azurite, settings);
        using var http = serve.Client();
        var key = secrets["Serve:FunctionKey"];
        var responses = new StringBuilder();

        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string route, HttpContent? content = null,
            bool withKey = true)
        {
            var request = new HttpRequestMessage(method, route) { Content = content };
            if (withKey)
            {
                request.Headers.Add(FunctionKeyGate.Header, key);
            }

            var response = await http.SendAsync(request);
            responses.Append(response.StatusCode).Append(' ').Append(response.Headers).Append(response.Content.Headers)
                .AppendLine(await response.Content.ReadAsStringAsync());
            return response;
        }

        await SendAsync(HttpMethod.Get, "api/uploads", withKey: false); // 401
        await SendAsync(HttpMethod.Get, "api/uploads?colour=red"); // 400
        await SendAsync(HttpMethod.Get, "api/uploads/nothing~here"); // 404
        // filter on an empty store
        await SendAsync(HttpMethod.Get, "api/analytics/summary?platform=' or PartitionKey ne '");
        await SendAsync(HttpMethod.Post, "api/summary/weekly/send"); // SMTP unreachable: the failure is logged
        await SendAsync(HttpMethod.Get, "api/shared/summary.csv?exp=1&kid=k1&sig=AAAA"); // 403
        using var link = await SendAsync(HttpMethod.Post, "api/exports/links",
            JsonContent.Create(new { report = "summary", format = "csv", query = "platform=Instagram" }));
        Assert.Equal(HttpStatusCode.OK, link.StatusCode); // signed with the secret, which must not show
        var sas = await SendAsync(HttpMethod.Post, "api/uploads/tracking_data.csv/sas");
        Assert.Equal(HttpStatusCode.OK, sas.StatusCode); // signed with the account key, which must not show
        var upload = await SendAsync(HttpMethod.Post, "api/uploads/tracking_data.csv",
            new ByteArrayContent(MalformedCorpus.Named("negative-revenue").Content));
        Assert.True(upload.StatusCode == HttpStatusCode.Accepted, await upload.Content.ReadAsStringAsync());
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload")
            .GetProperty("id").GetString()!;
        http.DefaultRequestHeaders.Add(FunctionKeyGate.Header, key);
        await ServeApp.WaitUntilFinishedAsync(http, id, TimeSpan.FromSeconds(30));
        await SendAsync(HttpMethod.Get, $"api/uploads/{id}");
        await SendAsync(HttpMethod.Get, $"api/uploads/{id}/report.csv");

        var log = string.Join('\n', serve.Log.Lines);
        // The failed send was logged with its exception: the log is really read, error paths included.
        Assert.Contains(serve.Log.Lines, line => line.StartsWith("Error", StringComparison.Ordinal)
            && line.Contains("Exception", StringComparison.Ordinal));
        foreach (var (name, secret) in secrets.Append(KeyValuePair.Create("AccountKey", accountKey)))
        {
            Assert.False(log.Contains(secret, StringComparison.Ordinal), $"{name} appears in the log");
            Assert.False(responses.ToString().Contains(secret, StringComparison.Ordinal),
                $"{name} appears in a response");
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
