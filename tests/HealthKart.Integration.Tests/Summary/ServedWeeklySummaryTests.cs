using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HealthKart.Core;
using HealthKart.Core.Summary;
using HealthKart.Integration.Tests.Serve;

namespace HealthKart.Integration.Tests.Summary;

/// <summary>
/// The weekly summary through hk serve: the preview and send routes over HTTP, and the timer run on its schedule.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ServedWeeklySummaryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ThePreviewIsHtmlOrJsonAndSendingNeedsSmtp()
    {
        await using var app = await ServeApp.StartAsync(azurite);
        using var http = ServeApp.Client(app);

        using var page = await http.GetAsync("api/summary/weekly?week=2025-W27");
        using var jsonRequest = new HttpRequestMessage(HttpMethod.Get, "api/summary/weekly?week=2025-w27");
        jsonRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var json = await http.SendAsync(jsonRequest);
        using var badWeek = await http.GetAsync("api/summary/weekly?week=2025-27");
        using var unknown = await http.GetAsync("api/summary/weekly?from=2025-06-30");
        using var send = await http.PostAsync("api/summary/weekly/send?week=2025-W27", null);
        using var unfinished =
            await http.PostAsync($"api/summary/weekly/send?week={IsoWeek.Of(IndiaTime.Today(TimeProvider.System))}",
                null);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Week 27 of 2025 (2025-W27)", await page.Content.ReadAsStringAsync());
        var summary = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("2025-W27", summary.GetProperty("week").GetString());
        Assert.Equal("2025-06-30", summary.GetProperty("from").GetString());
        Assert.False(summary.GetProperty("hasActivity").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, badWeek.StatusCode);
        Assert.Equal("week", (await Problem(badWeek)).GetProperty("parameter").GetString());
        Assert.Equal("from", (await Problem(unknown)).GetProperty("parameter").GetString());
        // No SMTP settings: nothing can be sent, and the caller is told which settings to add.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, send.StatusCode);
        Assert.Contains("Smtp:To", (await Problem(send)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unfinished.StatusCode);
    }

    [Fact]
    public async Task AnEmptyWeeksPreviewNamesAndLinksTheLatestWeekWithActivity()
    {
        // The committed sample ends on Friday 29 Aug 2025, in 2025-W35 (25 to 31 Aug); every later week is empty.
        await using var app = await ServeApp.StartAsync(azurite, seed: true);
        using var http = ServeApp.Client(app);

        var html = await http.GetStringAsync("api/summary/weekly?week=2025-W40");
        using var jsonRequest = new HttpRequestMessage(HttpMethod.Get, "api/summary/weekly?week=2025-W40");
        jsonRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var json = await http.SendAsync(jsonRequest);
        var summary = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;

        Assert.False(summary.GetProperty("hasActivity").GetBoolean());
        Assert.Equal("2025-W35", summary.GetProperty("latestActiveWeek").GetString());
        // enums by name, camelCase
        Assert.Equal("money", summary.GetProperty("headlines")[0].GetProperty("kind").GetString());
        Assert.Contains("The latest week with influencer activity is 2025-W35 (25 – 31 Aug 2025).", html);
        var link = System.Text.RegularExpressions.Regex.Match(html,
            "<a data-week=\"2025-W35\" href=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal("?week=2025-W35", link);
        var linked = await http.GetStringAsync("api/summary/weekly" + link);
        Assert.Contains("Top 5 influencers", linked);
    }

    [Fact]
    public async Task HkServeRunsTheTimerOnItsScheduleAndSendsTheWeekOnce()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var settings = ServeApp.IsolatedSettings();
        foreach (var (key, value) in SummaryApp.Settings(smtp.Port))
        {
            settings[key] = value;
        }

        // every second: each run after the first finds the week sent
        settings["WeeklySummary:Schedule"] = "* * * * * *";
        await using var app = await ServeApp.StartAsync(azurite, settings: settings);

        var mail = await smtp.SingleMessageAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(3));

        var week = IsoWeek.LastComplete(IndiaTime.Today(TimeProvider.System));
        Assert.Single(smtp.Messages);
        Assert.Equal($"weekly-{week}@healthkart-roi", mail.Message.MessageId);
        Assert.EndsWith("no influencer activity", mail.Message.Subject);
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
