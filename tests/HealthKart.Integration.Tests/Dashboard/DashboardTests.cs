using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HealthKart.Cli.Serve;
using HealthKart.Integration.Tests.Cli;
using HealthKart.Integration.Tests.Serve;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HealthKart.Integration.Tests.Dashboard;

/// <summary>
/// The static dashboard in a real headless Chromium against an in-process hk serve with the sample data ingested: every
/// figure it shows is compared with what the API answers for the same filters.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class DashboardTests(AzuriteFixture azurite, DashboardBrowser browser) : IClassFixture<DashboardBrowser>
{
    private static readonly string[] Tabs =
        ["overview", "top", "poor", "influencers", "campaigns", "platforms", "personas", "products", "brands",
            "genders", "customers", "plan", "uploads", "quality"];

    [Fact]
    public async Task PageLoadsWithoutErrorsAndEveryKpiCardShowsTheApiValue()
    {
        await using var app = await StartAppAsync();
        using var http = ServeApp.Client(app);
        await using var dashboard = await browser.OpenAsync(app.BaseAddress);

        await AssertKpisMatchAsync(dashboard, await SummaryAsync(http, ""));
        Assert.Empty(dashboard.Problems);

        // The recommendations after the first nine fold under a line that counts them, its noun in the right number.
        var folded = (await http.GetFromJsonAsync<JsonElement>("api/analytics/insights")).GetProperty("items")
            .GetArrayLength() - 9;
        Assert.True(folded > 0, $"the sample has {folded + 9} insights; the fold needs more than nine");
        await Expect(dashboard.Page.Locator("#insights details.more > summary"))
            .ToHaveTextAsync(folded == 1 ? "1 more recommendation" : $"{folded} more recommendations");

        // Change against the previous period: a July selection compares with the 31 days before it.
        var insights = await http.GetFromJsonAsync<JsonElement>("api/analytics/insights?from=2025-07-01&to=2025-07-31");
        await dashboard.Page.Locator("#f-from").FillAsync("2025-07-01");
        await dashboard.Page.Locator("#f-to").FillAsync("2025-07-31");
        await dashboard.WaitUntilLoadedAsync("overview", "from=2025-07-01&to=2025-07-31");
        var revenueChange = insights.GetProperty("executiveSummary").GetProperty("changePercent")
            .GetProperty("revenue").GetDecimal();
        var expectedChange = $"{(revenueChange > 0 ? "▲" : "▼")} {IndianFormat.Percent(Math.Abs(revenueChange))}";
        await Expect(dashboard.Page.Locator("[data-kpi='revenue'] .kpi-change")).ToContainTextAsync(expectedChange);
        Assert.Empty(dashboard.Problems);
    }

    [Fact]
    public async Task TheAddressHoldsTheTabAndFiltersSoALinkOpensTheSameView()
    {
        await using var app = await StartAppAsync();
        using var http = ServeApp.Client(app);
        await using var dashboard = await browser.OpenAsync(app.BaseAddress);

        // Choosing filters writes them into the address, in the API's own query form.
        await dashboard.ChooseFilterAsync("platform", "Instagram");
        await dashboard.SelectTabAsync("campaigns", "platform=Instagram");
        await Expect(dashboard.Page)
            .ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#campaigns\\?platform=Instagram$"));

        // That address opened afresh (a bookmark, a pasted link) shows the same view: tab, ticks, dates, method.
        const string query = "platform=Instagram&from=2025-07-01&to=2025-07-31&incrementality=prepost";
        await dashboard.ReopenAtAsync($"/#campaigns?{query}");
        await dashboard.WaitUntilLoadedAsync("campaigns", query);
        await AssertKpisMatchAsync(dashboard, await SummaryAsync(http, query));
        await Expect(dashboard.Page.Locator("#f-from")).ToHaveValueAsync("1 Jul 2025");
        await Expect(dashboard.Page.Locator("#f-incrementality")).ToHaveValueAsync("prepost");
        var campaigns = await ItemsAsync(http, $"analytics/campaigns?{query}");
        await Expect(dashboard.Page.Locator("#table-campaigns tbody tr td[data-key='revenue']").First)
            .ToHaveTextAsync(IndianFormat.Money(campaigns[0].GetProperty("revenue").GetDecimal()));

        // A value no file holds is left out rather than filtering everything away.
        await dashboard.ReopenAtAsync("/#overview?platform=Myspace&tier=Mega");
        await dashboard.WaitUntilLoadedAsync("overview", "tier=Mega");
        Assert.Empty(dashboard.Problems);
    }

    [Fact]
    public async Task ChoosingAFilterChangesKpisChartsAndTablesToTheApisFilteredValues()
    {
        await using var app = await StartAppAsync();
        using var http = ServeApp.Client(app);
        await using var dashboard = await browser.OpenAsync(app.BaseAddress);
        var unfiltered = await SummaryAsync(http, "");

        await dashboard.ChooseFilterAsync("platform", "Instagram");
        const string query = "platform=Instagram";
        await dashboard.WaitUntilLoadedAsync("overview", query);

        var filtered = await SummaryAsync(http, query);
        Assert.NotEqual(unfiltered.GetProperty("revenue").GetDecimal(), filtered.GetProperty("revenue").GetDecimal());
        await AssertKpisMatchAsync(dashboard, filtered);

        // The trend chart plots the API's weekly series for the filter.
        var series = await ItemsAsync(http, "analytics/timeseries?platform=Instagram&granularity=week");
        var chart = await dashboard.ChartAsync("chart-timeseries");
        Assert.Equal(series.Select(i => i.GetProperty("period").GetString()),
            chart.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(series.Select(i => i.GetProperty("revenue").GetDecimal()), Dataset(chart, "Revenue"));
        Assert.Equal(series.Select(i => i.GetProperty("spend").GetDecimal()), Dataset(chart, "Spend"));

        // The bubbles (drawn from a few fields of each influencer) are the full answer's paid influencers, per tier.
        var influencers = await ItemsAsync(http, "analytics/influencers?platform=Instagram");
        var bubbles = (await dashboard.ChartAsync("chart-bubbles")).GetProperty("datasets").EnumerateArray()
            .SelectMany(d => d.GetProperty("data").EnumerateArray().Select(b => (Tier: d.GetProperty("label")
                .GetString(), Name: b.GetProperty("name").GetString(), Spend: b.GetProperty("x").GetDecimal(),
                Incremental: b.GetProperty("y").GetDecimal())));
        Assert.Equal(influencers.Where(i => i.GetProperty("paid").GetBoolean())
            .Select(i => (Tier: i.GetProperty("tier").GetString(), Name: i.GetProperty("name").GetString(),
                Spend: i.GetProperty("spend").GetDecimal(),
                Incremental: i.GetProperty("incrementalRevenue").GetDecimal()))
            .Order(), bubbles.Order());

        // Campaigns: the comparison chart and the table show the filtered breakdown, in the API's order.
        await dashboard.SelectTabAsync("campaigns", query);
        var campaigns = await ItemsAsync(http, "analytics/campaigns?platform=Instagram");
        var campaignChart = await dashboard.ChartAsync("chart-campaigns");
        Assert.Equal(campaigns.Select(i => i.GetProperty("campaign").GetString()), campaignChart.GetProperty("labels")
            .EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(campaigns.Select(i => i.GetProperty("revenue").GetDecimal()), Dataset(campaignChart, "Revenue"));
        var rows = dashboard.Page.Locator("#table-campaigns tbody tr");
        await Expect(rows).ToHaveCountAsync(Math.Min(10, campaigns.Count));
        var first = rows.First;
        await Expect(first.Locator("td[data-key='campaign']"))
            .ToHaveTextAsync(campaigns[0].GetProperty("campaign").GetString()!);
        await Expect(first.Locator("td[data-key='revenue']"))
            .ToHaveTextAsync(IndianFormat.Money(campaigns[0].GetProperty("revenue").GetDecimal()));

        // Platforms: one platform left, its ROAS and incremental ROAS as the API says.
        await dashboard.SelectTabAsync("platforms", query);
        var platforms = await ItemsAsync(http, "analytics/platforms?platform=Instagram");
        var platformChart = await dashboard.ChartAsync("chart-platforms");
        Assert.Equal(["Instagram"], platformChart.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(platforms.Select(i => i.GetProperty("roas").GetDecimal()), Dataset(platformChart, "ROAS"));
        Assert.Equal(platforms.Select(i => i.GetProperty("incrementalRoas").GetDecimal()),
            Dataset(platformChart, "Incremental ROAS"));

        // Top performers: the efficiency ranking under the filter, sortable by a header.
        await dashboard.SelectTabAsync("top", query);
        var top = await ItemsAsync(http, "analytics/top?platform=Instagram&n=50");
        var topRows = dashboard.Page.Locator("#table-top tbody tr");
        await Expect(topRows.First.Locator("td[data-key='name']"))
            .ToContainTextAsync(top[0].GetProperty("name").GetString()!);
        await Expect(topRows.First.Locator("td[data-key='efficiencyScore']"))
            .ToHaveTextAsync(IndianFormat.Percent(top[0].GetProperty("efficiencyScore").GetDecimal()).TrimEnd('%'));
        await dashboard.Page.Locator("#table-top th button[data-sort='revenue']").ClickAsync();
        var mostRevenue = top.MaxBy(i => i.GetProperty("revenue").GetDecimal());
        await Expect(topRows.First.Locator("td[data-key='revenue']"))
            .ToHaveTextAsync(IndianFormat.Money(mostRevenue.GetProperty("revenue").GetDecimal()));
        Assert.Empty(dashboard.Problems);
    }

    /// <summary>The sample's first day (ISO) whose number of customers first seen passes the test.</summary>
    private static async Task<string> FirstDayAsync(HttpClient http, Func<int, bool> firstSeen)
    {
        for (var day = new DateOnly(2025, 6, 1); day <= new DateOnly(2025, 8, 29); day = day.AddDays(1))
        {
            var iso = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var view = await http.GetFromJsonAsync<JsonElement>($"api/analytics/customers?from={iso}&to={iso}");
            if (firstSeen(view.GetProperty("totals").GetProperty("firstSeen").GetInt32()))
            {
                return iso;
            }
        }

        throw new InvalidOperationException("No day of the sample has such a number of new customers.");
    }

    [Fact]
    public async Task TheCustomersTabChartsAndTablesTheApisMonthlyCohorts()
    {
        await using var app = await StartAppAsync();
        using var http = ServeApp.Client(app);
        await using var dashboard = await browser.OpenAsync(app.BaseAddress);

        await dashboard.SelectTabAsync("customers", "");
        var view = await http.GetFromJsonAsync<JsonElement>("api/analytics/customers");
        var months = view.GetProperty("items").EnumerateArray().ToList();
        var chart = await dashboard.ChartAsync("chart-customers");
        Assert.Equal(months.Select(m => m.GetProperty("month").GetString()![..7]),
            chart.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(months.Select(m => m.GetProperty("influencerCustomers").GetDecimal()),
            Dataset(chart, "By influencers"));
        Assert.Equal(months.Select(m => m.GetProperty("organicCustomers").GetDecimal()), Dataset(chart, "Organic"));
        Assert.Equal(months.Select(m => m.GetProperty("existingOrUnknownCustomers").GetDecimal()),
            Dataset(chart, "Existing or unknown"));

        // The sample's 90 days from 1 June: June's customers are
        // all "existing or unknown"; July and August have new ones.
        Assert.Equal(3, months.Count);
        Assert.True(months[1].GetProperty("influencerCustomers").GetInt32() > 0);
        var rows = dashboard.Page.Locator("#table-customers tbody tr");
        await Expect(rows).ToHaveCountAsync(months.Count);
        await Expect(rows.Nth(1).Locator("td[data-key='influencerCustomers']"))
            .ToHaveTextAsync(IndianFormat.Count(months[1].GetProperty("influencerCustomers").GetDecimal()));
        await Expect(dashboard.Page.Locator("#customers-note")).ToContainTextAsync(
            $"{IndianFormat.Count(view.GetProperty("totals").GetProperty("firstSeen").GetDecimal())} customers first " +
            "seen");

        // A day with a handful of new customers: the count axis steps by whole customers, each label once (it read
        // "1 1 1 1 1 0 0 0" when Chart.js stepped by 0.1).
        var day = await FirstDayAsync(http, firstSeen => firstSeen is >= 1 and <= 4);
        await dashboard.Page.Locator("#f-from").FillAsync(day);
        await dashboard.Page.Locator("#f-to").FillAsync(day);
        await dashboard.WaitUntilLoadedAsync("customers", $"from={day}&to={day}");
        var ticks = await dashboard.AxisLabelsAsync("chart-customers", "y");
        Assert.Equal(ticks.Distinct(), ticks);
        Assert.All(ticks, t => Assert.Matches(@"^\d+$", t));
        await dashboard.Page.Locator("#f-from").FillAsync("");
        await dashboard.Page.Locator("#f-to").FillAsync("");

        // Every influencer row shows its new customers beside the money. The table fetches only the fields it shows
        // (its columns, and the ID, platform and category under the name): none of its cells is left without a value.
        await dashboard.SelectTabAsync("influencers", "");
        var influencers = await ItemsAsync(http, "analytics/influencers");
        var first = dashboard.Page.Locator("#table-influencers tbody tr").First;
        await Expect(first.Locator("td[data-key='newCustomers']"))
            .ToHaveTextAsync(IndianFormat.Count(influencers[0].GetProperty("newCustomers").GetDecimal()));
        await Expect(first.Locator("td[data-key='name']")).ToContainTextAsync(
            $"{influencers[0].GetProperty("influencerId").GetString()} · " +
            $"{influencers[0].GetProperty("platform").GetString()} · " +
            $"{influencers[0].GetProperty("category").GetString()}");
        await Expect(first.Locator("td[data-key='spend']"))
            .ToHaveTextAsync(IndianFormat.Money(influencers[0].GetProperty("spend").GetDecimal()));
        var table = await dashboard.Page.Locator("#table-influencers tbody").InnerTextAsync();
        Assert.DoesNotContain("undefined", table, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", table, StringComparison.Ordinal);
        Assert.Empty(dashboard.Problems);
    }

    [Fact]
    public async Task TheMeasuredMethodShowsItsIntervalAndVerdictBesideTheAttributedRoas()
    {
        await using var app = await StartAppAsync();
        using var http = ServeApp.Client(app);
        await using var dashboard = await browser.OpenAsync(app.BaseAddress);
        await Expect(dashboard.Page.Locator("[data-kpi='incrementalRevenue'] .kpi-method"))
            .ToContainTextAsync("Flat assumption: revenue less 2 %");

        await dashboard.Page.Locator("#f-incrementality").SelectOptionAsync("prepost");
        await dashboard.WaitUntilLoadedAsync("overview", "incrementality=prepost");

        var summary = await SummaryAsync(http, "incrementality=prepost");
        Assert.Equal("prepost", summary.GetProperty("incrementality").GetProperty("method").GetString());
        await AssertKpisMatchAsync(dashboard, summary);
        var interval = summary.GetProperty("incrementalInterval");
        var card = dashboard.Page.Locator("[data-kpi='incrementalRevenue'] .kpi-method");
        await Expect(card).ToContainTextAsync(summary.GetProperty("incrementalVerdict").GetString()!);
        await Expect(card).ToContainTextAsync(
            $"95 % interval {IndianFormat.Money(interval.GetProperty("low").GetDecimal())} to " +
            $"{IndianFormat.Money(interval.GetProperty("high").GetDecimal())}");
        await Expect(dashboard.Page.Locator("[data-kpi='incrementalRoas'] .kpi-method"))
            .ToHaveTextAsync($"Attributed ROAS {IndianFormat.Ratio(Nullable(summary.GetProperty("roas")))}");
        var folder = Directory.CreateDirectory(Path.Combine(HkProcess.RepositoryRoot, "TestResults", "artifacts",
            "dashboard")).FullName;
        await dashboard.Page.Locator("#kpis")
            .ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, "kpis-prepost.png") });

        // Every influencer row carries its own verdict, as the API gives it.
        await dashboard.SelectTabAsync("influencers", "incrementality=prepost");
        var influencers = await ItemsAsync(http, "analytics/influencers?incrementality=prepost");
        await Expect(dashboard.Page.Locator("#table-influencers tbody tr").First.Locator(
            "td[data-key='incrementalVerdict']"))
            .ToHaveTextAsync(influencers[0].GetProperty("incrementalVerdict").GetString()!);
        Assert.Empty(dashboard.Problems);
    }

    [Fact]
    public async Task ExportButtonDownloadsTheCurrentViewWithTheApisRows()
    {
        await using var app = await StartAppAsync();
        using var http = ServeApp.Client(app);
        await using var dashboard = await browser.OpenAsync(app.BaseAddress);
        await dashboard.ChooseFilterAsync("brand", "MuscleBlaze");
        await dashboard.WaitUntilLoadedAsync("overview", "brand=MuscleBlaze");
        await dashboard.SelectTabAsync("campaigns", "brand=MuscleBlaze");

        var download =
            await dashboard.Page.RunAndWaitForDownloadAsync(() => dashboard.Page.Locator("#export-csv").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".csv");
        await download.SaveAsAsync(path);
        var lines = (await File.ReadAllLinesAsync(path, Encoding.UTF8)).Where(l => l.Length > 0).ToList();
        File.Delete(path);

        var campaigns = await ItemsAsync(http, "analytics/campaigns?brand=MuscleBlaze");
        Assert.StartsWith("healthkart-campaigns", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.StartsWith("Campaign,", lines[0], StringComparison.Ordinal);
        Assert.Equal(campaigns.Count, lines.Count - 1);
        Assert.Equal(campaigns.Select(c => c.GetProperty("campaign").GetString()),
            lines.Skip(1).Select(l => l.Split(',')[0]));

        // The share link is a signed URL for the same report and filters.
        await dashboard.Page.Locator("#share-link").ClickAsync();
        await Expect(dashboard.Page.Locator("#share-status")).ToContainTextAsync("Valid until");
        await Expect(dashboard.Page.Locator("#share-url"))
            .ToHaveValueAsync(
                new System.Text.RegularExpressions.Regex(@"/api/shared/campaigns\.xlsx\?brand=MuscleBlaze&.*sig="));
        var shared = await http.GetAsync(await dashboard.Page.Locator("#share-url").InputValueAsync());
        Assert.True(shared.IsSuccessStatusCode, $"the share link answered {(int)shared.StatusCode}");
        Assert.Empty(dashboard.Problems);
    }

    [Fact]
    public async Task MalformedUploadShowsItsRowLevelErrors()
    {
        await using var app = await StartAppAsync();
        using var http = ServeApp.Client(app);
        await using var dashboard = await browser.OpenAsync(app.BaseAddress);
        await dashboard.SelectTabAsync("uploads", "");

        const string bad =
            "ID,name,category,gender,follower_count,platform\nINF900,Test Person,Fitness,Robot,-5,Instagram\n" +
            "INF901,Other,Yoga,Female,abc,YouTube\n";
        await dashboard.Page.Locator("#file-input").SetInputFilesAsync(new FilePayload
        {
            Name = "influencers_broken.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(bad),
        });

        var errors = dashboard.Page.Locator("#upload-detail table.errors tbody tr");
        await Expect(dashboard.Page.Locator("#upload-detail")).ToContainTextAsync("rejected",
            new() { Timeout = 30_000 });
        var list = await http.GetFromJsonAsync<JsonElement>("api/uploads");
        var id = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("fileName")
            .GetString() == "influencers_broken.csv").GetProperty("id").GetString();
        var detail = await http.GetFromJsonAsync<JsonElement>($"api/uploads/{Uri.EscapeDataString(id!)}");
        var firstErrors = detail.GetProperty("firstErrors").EnumerateArray().ToList();
        Assert.True(firstErrors.Count >= 2, "the file has at least two bad values");
        await Expect(errors).ToHaveCountAsync(firstErrors.Count);
        for (var i = 0; i < firstErrors.Count; i++)
        {
            var cells = errors.Nth(i).Locator("td");
            await Expect(cells.Nth(0)).ToHaveTextAsync(firstErrors[i].GetProperty("row").GetInt32()
                .ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(cells.Nth(1)).ToHaveTextAsync(firstErrors[i].GetProperty("column").GetString()!);
            await Expect(cells.Nth(3)).ToHaveTextAsync(firstErrors[i].GetProperty("reason").GetString()!);
        }

        await Expect(dashboard.Page.Locator("#upload-detail a", new() { HasText = "Error report (CSV)" }))
            .ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^/api/uploads/.+/report\.csv$"));
        await Expect(dashboard.Page.Locator("#ledger tr[data-status='rejected']"))
            .ToContainTextAsync("influencers_broken.csv");
        // Its long message wraps inside the ledger's card, which fits a desktop screen without scrolling.
        Assert.Empty(await OverflowingAsync(dashboard, tablesMayScroll: false));

        // A rejected file changed nothing and can be dismissed: it leaves the ledger (and the API's list).
        await dashboard.Page.Locator("#ledger tr[data-status='rejected']").GetByRole(AriaRole.Button,
            new() { Name = "Dismiss" }).ClickAsync();
        await Expect(dashboard.Page.Locator("#upload-status")).ToContainTextAsync("influencers_broken.csv dismissed");
        await Expect(dashboard.Page.Locator("#ledger tr[data-status='rejected']")).ToHaveCountAsync(0);
        var after = await http.GetFromJsonAsync<JsonElement>("api/uploads");
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), i => i.GetProperty("fileName")
            .GetString() == "influencers_broken.csv");
        Assert.Empty(dashboard.Problems);
    }

    [Fact]
    public async Task ALongLedgerShowsTheNewestUploadsAndEveryCurrentOneAndOffersTheOlderOnes()
    {
        await using var app = await StartAppAsync();
        using var http = ServeApp.Client(app);
        var sample = (await http.GetFromJsonAsync<JsonElement>("api/uploads")).GetProperty("items").GetArrayLength();
        // 101 rejected uploads after the sample's: the default listing (100) leaves the oldest of them out, and keeps
        // the sample's uploads, which are what the figures show.
        var ledger = app.Services.GetRequiredService<HealthKart.Infrastructure.Ingestion.UploadLedger>();
        var after = DateTimeOffset.UtcNow;
        for (var i = 0; i < 101; i++)
        {
            await ledger.SaveAsync(new HealthKart.Core.Ingestion.UploadRecord
            {
                Id = $"posts-bad-{i}.csv-1",
                FileName = $"posts-bad-{i}.csv",
                SourceKey = $"posts-bad-{i}",
                Status = HealthKart.Core.Ingestion.UploadStatus.Rejected,
                Errors = 1,
                ReceivedAt = after.AddSeconds(i),
                Message = "Rejected: 1 error.",
            }, default);
        }

        await using var dashboard = await browser.OpenAsync(app.BaseAddress);
        await dashboard.SelectTabAsync("uploads", "");
        var rows = dashboard.Page.Locator("#ledger tbody tr");
        var note = dashboard.Page.Locator("[data-ledger='more']");
        var listed = await http.GetFromJsonAsync<JsonElement>("api/uploads");
        Assert.Equal((100 + sample, true),
            (listed.GetProperty("items").GetArrayLength(), listed.GetProperty("more").GetBoolean()));
        await Expect(rows).ToHaveCountAsync(100 + sample);
        await Expect(rows.Filter(new() { HasText = "posts-bad-0.csv" })).ToHaveCountAsync(0);
        await Expect(rows.Filter(new() { HasText = "· current" })).ToHaveCountAsync(sample);
        await Expect(note).ToContainTextAsync("Showing the newest 100 uploads and the current upload of every file.");

        await note.GetByRole(AriaRole.Button, new() { Name = "Show up to 1,000" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(101 + sample);
        await Expect(rows.Filter(new() { HasText = "posts-bad-0.csv" })).ToHaveCountAsync(1);
        await Expect(note).ToHaveCountAsync(0);
        Assert.Empty(dashboard.Problems);
    }

    [Fact]
    public async Task GoodUploadIsIngestedAndTheKpisChange()
    {
        await using var app = await StartAppAsync();
        using var http = ServeApp.Client(app);
        await using var dashboard = await browser.OpenAsync(app.BaseAddress);
        var before = await SummaryAsync(http, "");
        await dashboard.SelectTabAsync("uploads", "");

        // One more July sale for a paid influencer, under a new name: it appends a source.
        const string extra = "source,campaign,influencer_id,user_id,product,date,orders,revenue\n"
            + "Instagram,MB-Summer-Shred,INF040,U990001,MuscleBlaze Raw Whey Protein 1kg,2025-07-15,3,123456.00\n";
        await dashboard.Page.Locator("#file-input").SetInputFilesAsync(new FilePayload
        {
            Name = "tracking_data_extra.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(extra),
        });

        await Expect(dashboard.Page.Locator("#ledger tr[data-status='ingested']",
            new() { HasText = "tracking_data_extra.csv" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(dashboard.Page.Locator("#upload-status")).ToContainTextAsync("tracking_data_extra.csv ingested");
        // The API's snapshot notices the new dataset version within Snapshot:VersionCheckSeconds (2 s).
        var expectedRevenue = before.GetProperty("revenue").GetDecimal() + 123456m;
        var after = await SummaryAsync(http, "");
        for (var tries = 0; tries < 50 && after.GetProperty("revenue").GetDecimal() != expectedRevenue; tries++)
        {
            await Task.Delay(200);
            after = await SummaryAsync(http, "");
        }

        Assert.Equal(expectedRevenue, after.GetProperty("revenue").GetDecimal());
        await Expect(dashboard.Page.Locator("[data-kpi='revenue'] .kpi-value"))
            .ToHaveTextAsync(IndianFormat.Money(after.GetProperty("revenue").GetDecimal()));
        await dashboard.WaitUntilLoadedAsync("uploads", "");
        await AssertKpisMatchAsync(dashboard, after);

        // Retracting the source takes its sale out again (after the confirmation dialog).
        dashboard.Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await dashboard.Page.Locator("#ledger tr", new() { HasText = "tracking_data_extra.csv" })
            .GetByRole(AriaRole.Button, new() { Name = "Retract" }).ClickAsync();
        await Expect(dashboard.Page.Locator("#upload-status")).ToContainTextAsync("tracking_data_extra.csv retracted");
        await Expect(dashboard.Page.Locator("[data-kpi='revenue'] .kpi-value"))
            .ToHaveTextAsync(IndianFormat.Money(before.GetProperty("revenue").GetDecimal()));
        Assert.Empty(dashboard.Problems);
    }

    [Fact]
    public async Task TheOverviewSpeaksPlainly()
    {
        await using var app = await StartAppAsync();
        await using var dashboard = await browser.OpenAsync(app.BaseAddress);
        var page = dashboard.Page;

        // All dates: no previous period exists, and the cards say why instead of "no data".
        await Expect(page.Locator("[data-kpi='revenue'] .kpi-change"))
            .ToHaveTextAsync("all dates · pick a date range to compare");
        // The header names the dates in the people form, no "Dataset v4" jargon.
        await Expect(page.Locator("#dataset"))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Figures for 1 Jun 2025 to 29 Aug 2025"));
        // Lines go point to point (no invented curves), and the last
        // week, 25 to 29 Aug (Monday to Friday), is marked partial.
        var tensions =
            await page.EvaluateAsync<double[]>(
                "Chart.getChart(document.getElementById('chart-timeseries')).data.datasets.map(d => d.tension)");
        Assert.All(tensions, t => Assert.Equal(0, t));
        await Expect(page.Locator("#timeseries-note"))
            .ToHaveTextAsync(
                "The last week (25 Aug 2025 to 29 Aug 2025) has 5 of its 7 days of data, so it is drawn dashed.");

        // Every option of the method select fits the select (the sidebar is 250 px).
        var cut = await page.EvaluateAsync<string[]>("""
            () => {
              const select = document.getElementById('f-incrementality');
              const probe = document.createElement('span');
              probe.style.font = getComputedStyle(select).font;
              probe.style.whiteSpace = 'pre';
              document.body.append(probe);
              const room = select.clientWidth - 28; // less the arrow and padding
              const cut = [...select.options]
                .filter((o) => { probe.textContent = o.text; return probe.offsetWidth > room; })
                .map((o) => o.text);
              probe.remove();
              return cut;
            }
            """);
        Assert.Empty(cut);

        // Dates are written and read as people do, never in the browser's mm/dd/yyyy.
        await page.Locator("#f-preset").SelectOptionAsync("30");
        await dashboard.WaitUntilLoadedAsync("overview", "from=2025-07-31&to=2025-08-29");
        await Expect(page.Locator("#f-from")).ToHaveValueAsync("31 Jul 2025");
        await Expect(page.Locator("#f-to")).ToHaveValueAsync("29 Aug 2025");
        await page.Locator("#f-from").FillAsync("1 Aug 2025");
        await dashboard.WaitUntilLoadedAsync("overview", "from=2025-08-01&to=2025-08-29");
        await page.Locator("#f-from").FillAsync("08/01/2025");
        await page.Locator("#f-from").BlurAsync();
        await Expect(page.Locator("#f-date-error")).ToContainTextAsync("\"08/01/2025\" is not a date");
        await Expect(page.Locator("#app")).ToHaveAttributeAsync("data-query", "from=2025-08-01&to=2025-08-29");

        // The footer names the method in use, and follows a switch to the measured one.
        await Expect(page.Locator("#method-note")).ToContainTextAsync("flat 2 % baseline");
        await page.Locator("#f-incrementality").SelectOptionAsync("prepost");
        await dashboard.WaitUntilLoadedAsync("overview", "from=2025-08-01&to=2025-08-29&incrementality=prepost");
        await Expect(page.Locator("#method-note")).ToContainTextAsync("measured per product");
        Assert.Empty(dashboard.Problems);
    }

    [Fact]
    public async Task TablesShowNoDeadColumnAndPoorPerformersCountInTheirOwnOrder()
    {
        await using var app = await StartAppAsync();
        using var http = ServeApp.Client(app);
        await using var dashboard = await browser.OpenAsync(app.BaseAddress);

        // Flat: no verdicts exist, so there is no Verdict column; measured: there is, with the API's verdicts.
        await dashboard.SelectTabAsync("influencers", "");
        await Expect(dashboard.Page.Locator("#table-influencers th button[data-sort='incrementalVerdict']"))
            .ToHaveCountAsync(0);
        await dashboard.SelectTabAsync("campaigns", "");
        await Expect(dashboard.Page.Locator("#table-campaigns th button[data-sort='incrementalVerdict']"))
            .ToHaveCountAsync(0);
        await dashboard.Page.Locator("#f-incrementality").SelectOptionAsync("prepost");
        await dashboard.WaitUntilLoadedAsync("campaigns", "incrementality=prepost");
        await Expect(dashboard.Page.Locator("#table-campaigns th button[data-sort='incrementalVerdict']"))
            .ToHaveCountAsync(1);

        // Poor performers come worst ROI first, numbered 1, 2, 3... in that order.
        await dashboard.SelectTabAsync("poor", "incrementality=prepost");
        var poor = await ItemsAsync(http, "analytics/poor?incrementality=prepost&n=50");
        Assert.True(poor.Count >= 3, "the sample has several poor performers");
        var rows = dashboard.Page.Locator("#table-poor tbody tr");
        await Expect(rows).ToHaveCountAsync(Math.Min(10, poor.Count));
        for (var i = 0; i < Math.Min(10, poor.Count); i++)
        {
            await Expect(rows.Nth(i).Locator("td[data-key='position']"))
                .ToHaveTextAsync((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(rows.Nth(i).Locator("td[data-key='name']"))
                .ToContainTextAsync(poor[i].GetProperty("name").GetString()!);
        }

        Assert.Empty(dashboard.Problems);
    }

    [Fact]
    public async Task BrandsAndGendersTabsShowTheApisViews()
    {
        await using var app = await StartAppAsync();
        using var http = ServeApp.Client(app);
        await using var dashboard = await browser.OpenAsync(app.BaseAddress);

        foreach (var (tab, key) in new[] { ("brands", "brand"), ("genders", "gender") })
        {
            await dashboard.SelectTabAsync(tab, "");
            var items = await ItemsAsync(http, $"analytics/{tab}");
            Assert.True(items.Count >= 2, $"the sample has several {tab}");
            var chart = await dashboard.ChartAsync($"chart-{tab}");
            Assert.Equal(items.Select(i => i.GetProperty(key).GetString()), chart.GetProperty("labels").EnumerateArray()
                .Select(l => l.GetString()));
            Assert.Equal(items.Select(i => i.GetProperty("revenue").GetDecimal()), Dataset(chart, "Revenue"));
            var first = dashboard.Page.Locator($"#table-{tab} tbody tr").First;
            await Expect(first.Locator($"td[data-key='{key}']"))
                .ToHaveTextAsync(items[0].GetProperty(key).GetString()!);
            await Expect(first.Locator("td[data-key='spend']"))
                .ToHaveTextAsync(IndianFormat.Money(items[0].GetProperty("spend").GetDecimal()));
            await Expect(dashboard.Page.Locator("#export-csv")).ToHaveAttributeAsync("href", $"/api/exports/{tab}.csv");
        }

        Assert.Empty(dashboard.Problems);
    }

    [Fact]
    public async Task AnApiProblemIsShownWithItsDetail()
    {
        await using var app = await StartAppAsync();
        await using var dashboard = await browser.OpenAsync(app.BaseAddress);
        await dashboard.Page.RouteAsync("**/api/analytics/campaigns*",
            route => route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 503,
                ContentType = "application/problem+json",
                Body = "{\"type\":\"about:blank\",\"title\":\"Service unavailable\",\"status\":503," +
                    "\"detail\":\"The snapshot is being rebuilt; try again in a minute.\"}",
            }));

        await dashboard.Page.Locator("#tab-campaigns").ClickAsync();
        await Expect(dashboard.Page.Locator("#app")).ToHaveAttributeAsync("data-state", "error");
        await Expect(dashboard.Page.Locator("#error"))
            .ToContainTextAsync("The snapshot is being rebuilt; try again in a minute.");
    }

    [Fact]
    public async Task ThePlanTabShowsTheApisPlanAndReplansForAnotherBudget()
    {
        await using var app = await StartAppAsync();
        using var http = ServeApp.Client(app);
        await using var dashboard = await browser.OpenAsync(app.BaseAddress);
        var plan = await http.GetFromJsonAsync<JsonElement>("api/analytics/plan");

        await dashboard.SelectTabAsync("plan", "");
        await Expect(dashboard.Page.Locator("#plan-advice")).ToHaveTextAsync(plan.GetProperty("advice").GetString()!);
        var gain = plan.GetProperty("expectedGain");
        await Expect(dashboard.Page.Locator("[data-plan='gain'] .kpi-method"))
            .ToContainTextAsync(
                $"{IndianFormat.Money(gain.GetProperty("low").GetDecimal())} to " +
                $"{IndianFormat.Money(gain.GetProperty("high").GetDecimal())}");
        await Expect(dashboard.Page.Locator("[data-plan='next-rupee'] .kpi-value"))
            .ToHaveTextAsync(IndianFormat.Ratio(plan.GetProperty("marginalRoas").GetDecimal()));

        // The biggest moves side by side: the API's current and proposed spend for each influencer charted.
        var allocations = plan.GetProperty("allocations").EnumerateArray()
            .ToDictionary(a => a.GetProperty("name").GetString()!);
        var split = await dashboard.ChartAsync("chart-plan-split");
        var names = split.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Equal(Math.Min(12, allocations.Count), names.Count);
        Assert.Equal(names.Select(n => allocations[n].GetProperty("currentSpend").GetDecimal()),
            Dataset(split, "Spend now"));
        Assert.Equal(names.Select(n => allocations[n].GetProperty("proposedSpend").GetDecimal()),
            Dataset(split, "Proposed"));

        // The table's first page, in the API's order: each curve's basis as the API words it, escaped once (a group's
        // "'s rate" once read "&#39;s rate").
        var firstPage = plan.GetProperty("allocations").EnumerateArray().Take(10)
            .Select(a => a.GetProperty("curve").GetString()!).ToList();
        Assert.Contains(firstPage, basis => basis.Contains('\''));
        await Expect(dashboard.Page.Locator("#table-plan td[data-key='curve']")).ToHaveTextAsync([.. firstPage]);
        await Expect(dashboard.Page.Locator("#table-plan td[data-key='maxSpend']")).ToHaveTextAsync([.. plan
            .GetProperty("allocations").EnumerateArray().Take(10)
            .Select(a => IndianFormat.Money(a.GetProperty("maxSpend").GetDecimal()))]);

        // The first mover's curve, with its current and proposed points on it.
        var curve = plan.GetProperty("curves")[0];
        var drawn = await dashboard.ChartAsync("chart-plan-curve");
        var line = drawn.GetProperty("datasets").EnumerateArray()
            .Single(d => d.GetProperty("label").GetString() == "Expected incremental revenue");
        Assert.Equal(curve.GetProperty("points").EnumerateArray()
            .Select(p => p.GetProperty("incrementalRevenue").GetDecimal()),
            line.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("y").GetDecimal()));

        // Its rupee axis reads as money does everywhere: the sign before the symbol (the band dips below zero here).
        var ticks = await dashboard.AxisLabelsAsync("chart-plan-curve", "y");
        Assert.Contains(ticks, t => t.StartsWith('-'));
        Assert.All(ticks, t => Assert.Matches(@"^-?₹\d+(\.\d)?(K|L|Cr)?$", t));

        // Another budget: the page asks the API for that budget and shows its answer.
        var budget = Math.Round(plan.GetProperty("currentSpend").GetDecimal() * 0.9m);
        var replanned = await http.GetFromJsonAsync<JsonElement>($"api/analytics/plan?budget={budget}");
        await dashboard.Page.Locator("#plan-form [name='budget']")
            .FillAsync(budget.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await dashboard.Page.Locator("#plan-form button[type='submit']").ClickAsync();
        await Expect(dashboard.Page.Locator("#plan-advice"))
            .ToHaveTextAsync(replanned.GetProperty("advice").GetString()!);
        await Expect(dashboard.Page.Locator("#export-csv")).ToHaveAttributeAsync("href",
            new System.Text.RegularExpressions.Regex($"exports/plan\\.csv\\?budget={budget}$"));
        Assert.Empty(dashboard.Problems);
    }

    [Fact]
    public async Task ScreenshotsOfEveryTabAtDesktopAndPhoneWidth()
    {
        await using var app = await StartAppAsync();
        var folder = Path.Combine(HkProcess.RepositoryRoot, "TestResults", "artifacts", "dashboard");
        Directory.CreateDirectory(folder);
        foreach (var (name, viewport) in new[] { ("desktop", DashboardBrowser.Desktop),
            ("phone", DashboardBrowser.Phone) })
        {
            await using var dashboard = await browser.OpenAsync(app.BaseAddress, viewport);
            foreach (var tab in Tabs)
            {
                if (tab != "overview")
                {
                    await dashboard.SelectTabAsync(tab, "");
                }

                // Nothing sticks out sideways: no card is wider inside than its box, and the page is as wide as the
                // window; at desktop width no table needs to scroll either.
                var overflow = await OverflowingAsync(dashboard, tablesMayScroll: name == "phone");
                Assert.True(overflow.Count == 0, $"{tab} at {viewport.Width} px: {string.Join("; ", overflow)}");
                await dashboard.Page.Locator("#tablist").ScrollIntoViewIfNeededAsync();
                var path = Path.Combine(folder, $"{tab}-{name}.png");
                await dashboard.Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
                Assert.True(new FileInfo(path).Length > 10_000, $"{path} looks empty");
            }

            if (name == "phone")
            {
                await dashboard.Page.Locator("#toggle-filters").ClickAsync();
                await dashboard.Page.Locator("details[data-filter='platform'] summary").ClickAsync();
                await dashboard.Page.ScreenshotAsync(
                    new PageScreenshotOptions { Path = Path.Combine(folder, "filters-phone.png") });
            }

            Assert.Empty(dashboard.Problems);
        }
    }

    /// <summary>
    /// Every visible card whose content is wider than its box, and every element that reaches past the window's right
    /// edge (outside a box that scrolls sideways), with their widths. On a phone a wide table may scroll inside its own
    /// box; at desktop width (<paramref name="tablesMayScroll"/> false) even that is an overflow.
    /// </summary>
    private static async Task<IReadOnlyList<string>> OverflowingAsync(DashboardPage dashboard, bool tablesMayScroll =
        true) =>
        await dashboard.Page.EvaluateAsync<string[]>("""
            (tablesMayScroll) => {
              const classes = (e) => e.className && typeof e.className === 'string'
                ? '.' + e.className.trim().split(/\s+/).join('.')
                : '';
              const name = (e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${classes(e)}`;
              const scrolls = (e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
              const boxSelector = '.card, .kpi, aside, main' + (tablesMayScroll ? '' : ', .table-scroll');
              const boxes = [...document.querySelectorAll(boxSelector)]
                .filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
                .map((e) => `${name(e)}: ${e.scrollWidth} > ${e.clientWidth}`);
              const past = [...document.body.querySelectorAll('*')]
                .filter((e) => e.offsetParent !== null && e.getBoundingClientRect().right > window.innerWidth + 1)
                .filter((e) => {
                  for (let p = e.parentElement; p; p = p.parentElement) if (scrolls(p)) return false;
                  return true;
                })
                .slice(0, 5)
                .map((e) => `${name(e)} reaches ${Math.round(e.getBoundingClientRect().right)} > ${window.innerWidth}`);
              const pageWidth = document.documentElement.scrollWidth;
              const page = pageWidth > window.innerWidth ? [`page: ${pageWidth} > ${window.innerWidth}`] : [];
              return [...boxes, ...past, ...page];
            }
            """, tablesMayScroll);

    /// <summary>
    /// hk serve with the sample data and a link-signing key (a test's own storage gets no derived one).
    /// </summary>
    private Task<LocalApp> StartAppAsync()
    {
        var settings = ServeApp.IsolatedSettings();
        settings["Links:Keys:0:Id"] = "dashboard";
        settings["Links:Keys:0:Secret"] = new string('d', 40);
        return ServeApp.StartAsync(azurite, seed: true, settings);
    }

    private static async Task AssertKpisMatchAsync(DashboardPage dashboard, JsonElement summary)
    {
        var expected = new Dictionary<string, string>
        {
            ["revenue"] = IndianFormat.Money(summary.GetProperty("revenue").GetDecimal()),
            ["incrementalRevenue"] = IndianFormat.Money(Nullable(summary.GetProperty("incrementalRevenue"))),
            ["spend"] = IndianFormat.Money(summary.GetProperty("spend").GetDecimal()),
            ["roi"] = IndianFormat.Percent(Nullable(summary.GetProperty("roi"))),
            ["incrementalRoas"] = IndianFormat.Ratio(Nullable(summary.GetProperty("incrementalRoas"))),
            ["poorPerformerCount"] = IndianFormat.Count(summary.GetProperty("poorPerformerCount").GetDecimal()),
        };
        foreach (var (key, text) in expected)
        {
            await Expect(dashboard.Page.Locator($"[data-kpi='{key}'] .kpi-value")).ToHaveTextAsync(text);
        }
    }

    private static decimal? Nullable(JsonElement value) => value.ValueKind == JsonValueKind.Null
        ? null : value.GetDecimal();

    private static async Task<JsonElement> SummaryAsync(HttpClient http, string query) =>
        await http.GetFromJsonAsync<JsonElement>("api/analytics/summary" + (query.Length > 0 ? "?" + query : ""));

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient http, string path) =>
        (await http.GetFromJsonAsync<JsonElement>("api/" + path)).GetProperty("items").EnumerateArray().ToList();

    private static IEnumerable<decimal> Dataset(JsonElement chart, string label) =>
        chart.GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("label").GetString() == label)
            .GetProperty("data").EnumerateArray().Select(v => v.GetDecimal());
}
