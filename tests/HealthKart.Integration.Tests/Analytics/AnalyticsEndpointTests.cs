using System.Text.Json;
using HealthKart.Core.Problems;
using HealthKart.Core.Views;
using HealthKart.Functions;
using HealthKart.Infrastructure.Analytics;
using HealthKart.Infrastructure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HealthKart.Integration.Tests.Analytics;

/// <summary>
/// Upload, ingestion and every analytics view, against a real Azurite, with figures worked out by hand.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class AnalyticsEndpointTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SummaryOfTheSampleFilesMatchesTheHandWorkedFigures()
    {
        await using var app = await SampleAppAsync();

        var summary = await ViewAsync(app, "summary");

        // Revenue: 5,798 + 599 + 8,697 = 15,094 (the organic 749 is baseline). Spend: INF001's order payout 150 x 2 =
        // 300 lands on its one sale; INF003's post fee 20,000 on its one post. 20,300 in all.
        Assert.Equal(15_094m, summary.GetProperty("revenue").GetDecimal());
        Assert.Equal(6, summary.GetProperty("orders").GetInt64());
        Assert.Equal(20_300m, summary.GetProperty("spend").GetDecimal());
        // ROI (15,094 - 20,300) / 20,300 = -25.6453 %; ROAS 0.7435;
        // incremental 15,094 x 0.98 = 14,792.12, / 20,300 = 0.7287.
        Assert.Equal(-25.6453, summary.GetProperty("roi").GetDouble());
        Assert.Equal(0.7435, summary.GetProperty("roas").GetDouble());
        Assert.Equal(14_792.12m, summary.GetProperty("incrementalRevenue").GetDecimal());
        Assert.Equal(0.7287, summary.GetProperty("incrementalRoas").GetDouble());
        // INF003: ROI (8,697 - 20,000) / 20,000 = -56.5 % is poor; INF001 (ROAS 19.3) is not; INF002 is unpaid.
        Assert.Equal(1, summary.GetProperty("poorPerformerCount").GetInt32());
        Assert.Equal(3, summary.GetProperty("influencerCount").GetInt32());
        Assert.Equal(1, summary.GetProperty("unpaidInfluencerCount").GetInt32());
        Assert.Equal("v4", summary.GetProperty("datasetVersion").GetString());
        Assert.Equal("flat", summary.GetProperty("incrementality").GetProperty("method").GetString());
        Assert.Equal(0.02, summary.GetProperty("incrementality").GetProperty("baselineRate").GetDouble());
    }

    [Fact]
    public async Task BreakdownsAreItemsKeyedByTheirDimension()
    {
        await using var app = await SampleAppAsync();

        var campaigns = (await ViewAsync(app, "campaigns")).GetProperty("items").EnumerateArray().ToList();
        var platforms = (await ViewAsync(app, "platforms")).GetProperty("items").EnumerateArray().ToList();
        var top = (await ViewAsync(app, "top", "?n=1")).GetProperty("items").EnumerateArray().ToList();

        // MB-Summer-Shred: 5,798 + 8,697 = 14,495 revenue, 300 + 20,000 spend. HKV-Immunity: 599, no spend. The three
        // posts name no campaign: they form "(none)", with no revenue (INF003's fee follows its revenue to
        // MB-Summer-Shred).
        Assert.Equal(["MB-Summer-Shred", "HKV-Immunity", "(none)"],
            campaigns.Select(c => c.GetProperty("campaign").GetString()));
        Assert.Equal(3, campaigns[2].GetProperty("posts").GetInt64());
        Assert.Equal(14_495m, campaigns[0].GetProperty("revenue").GetDecimal());
        Assert.Equal(20_300m, campaigns[0].GetProperty("spend").GetDecimal());
        Assert.Equal(JsonValueKind.Null, campaigns[1].GetProperty("roi").ValueKind);
        // Sales sources are lower-case in the file and canonicalised: Instagram 14,495, YouTube 599.
        Assert.Equal(["Instagram", "YouTube"], platforms.Select(p => p.GetProperty("platform").GetString()));
        // Two paid influencers; INF001 beats INF003 on every component of the score.
        Assert.Equal("INF001", Assert.Single(top).GetProperty("influencerId").GetString());
        Assert.Equal(100, top[0].GetProperty("efficiencyScore").GetDouble());
    }

    [Fact]
    public async Task FiltersNarrowEveryFigureAndBadOnesAreProblems()
    {
        await using var app = await SampleAppAsync();

        // Only 1-2 July: INF001's sale and payout share (5,798 /
        // 300) and INF002's sale (599); INF003's post is on 3 July.
        var july = await ViewAsync(app, "summary", "?from=2025-07-01&to=2025-07-02");
        Assert.Equal(6_397m, july.GetProperty("revenue").GetDecimal());
        Assert.Equal(300m, july.GetProperty("spend").GetDecimal());
        var youtube = await ViewAsync(app, "summary", "?platform=youtube");
        Assert.Equal(599m, youtube.GetProperty("revenue").GetDecimal());
        Assert.Equal(JsonValueKind.Null, youtube.GetProperty("roi").ValueKind);

        var tier = await Assert.ThrowsAsync<ProblemException>(() => ViewAsync(app, "summary", "?tier=giant"));
        var dates = await Assert.ThrowsAsync<ProblemException>(() =>
            ViewAsync(app, "summary", "?from=2025-07-05&to=2025-07-01"));
        var view = await Assert.ThrowsAsync<ProblemException>(() => ViewAsync(app, "everything"));
        Assert.Equal(("tier", 400), (tier.Parameter, tier.Status));
        Assert.Equal(("from", 400), (dates.Parameter, dates.Status));
        Assert.Equal(404, view.Status);
    }

    [Fact]
    public async Task AViewWithItemsSendsOnlyTheFieldsAskedForWithTheSameValues()
    {
        await using var app = await SampleAppAsync();

        var full = (await ViewAsync(app, "influencers")).GetProperty("items").EnumerateArray().ToList();
        var some = await ViewAsync(app, "influencers", "?fields=Spend,influencerId&fields=incrementalRevenue,spend");

        // In the item's own order, each once, whatever the case and order asked; the answer's other parts unchanged.
        var items = some.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(full.Count, items.Count);
        Assert.All(items.Zip(full), pair =>
        {
            var (item, whole) = pair;
            Assert.Equal(["influencerId", "spend", "incrementalRevenue"], item.EnumerateObject().Select(p => p.Name));
            Assert.All(item.EnumerateObject(), p => Assert.Equal(whole.GetProperty(p.Name).GetRawText(),
                p.Value.GetRawText()));
        });
        Assert.Equal("v4", some.GetProperty("datasetVersion").GetString());

        var unknown = await Assert.ThrowsAsync<ProblemException>(() =>
            ViewAsync(app, "influencers", "?fields=spend,profit"));
        var noItems = await Assert.ThrowsAsync<ProblemException>(() => ViewAsync(app, "summary", "?fields=revenue"));
        Assert.Equal(("fields", 400), (unknown.Parameter, unknown.Status));
        Assert.Contains("Unknown field 'profit'. Each item has: influencerId, name,", unknown.Detail);
        Assert.Equal(("fields", 400), (noItems.Parameter, noItems.Status));
        Assert.Contains("Unknown parameter 'fields'", noItems.Detail);
    }

    [Fact]
    public async Task EveryViewAnswers()
    {
        await using var app = await SampleAppAsync();

        foreach (var view in ViewCatalog.Routed.Select(v => v.Name))
        {
            var body = await ViewAsync(app, view);
            Assert.Equal("v4", body.GetProperty("datasetVersion").GetString());
            // The budget plan needs measured lift and its uncertainty, so it is always prepost (docs/planner.md).
            Assert.Equal(view == "plan" ? "prepost" : "flat", body.GetProperty("incrementality")
                .GetProperty("method").GetString());
        }
    }

    [Fact]
    public async Task UnderPrepostEveryViewNamesTheMethodWithItsSettingsIntervalAndVerdict()
    {
        await using var app = TestApp.Create(azurite);
        foreach (var file in new[] { "influencers.csv", "posts.csv", "tracking_data.csv", "payouts.csv" })
        {
            await app.IngestAsync(file,
                await File.ReadAllBytesAsync(Path.Combine(Cli.HkProcess.RepositoryRoot, "data", file)));
        }

        foreach (var view in ViewCatalog.Routed.Select(v => v.Name))
        {
            var info = (await ViewAsync(app, view, "?incrementality=prepost")).GetProperty("incrementality");
            Assert.Equal("prepost", info.GetProperty("method").GetString());
            Assert.Equal(14, info.GetProperty("settings").GetProperty("windowDays").GetInt32());
            Assert.Contains(info.GetProperty("verdict").GetString(),
                new[] { "incremental", "not significant", "insufficient data" });
        }

        // The repository's 90 days have organic sales every day: every product with posts is measured, and the
        // summary's figure sits inside its own interval.
        var summary = await ViewAsync(app, "summary", "?incrementality=prepost");
        var interval = summary.GetProperty("incrementalInterval");
        var incremental = summary.GetProperty("incrementalRevenue").GetDecimal();
        Assert.InRange(incremental, interval.GetProperty("low").GetDecimal(),
            interval.GetProperty("high").GetDecimal());
        Assert.Equal(0.95, interval.GetProperty("level").GetDouble());
        var products = summary.GetProperty("incrementality").GetProperty("products").EnumerateArray().ToList();
        Assert.NotEmpty(products);
        Assert.All(products, p => Assert.NotEqual("insufficient data", p.GetProperty("verdict").GetString()));
        Assert.Equal((double)incremental, products.Sum(p => p.GetProperty("incrementalRevenue").GetDouble()), 0);

        var influencers = (await ViewAsync(app, "influencers", "?incrementality=prepost")).GetProperty("items")
            .EnumerateArray().ToList();
        Assert.Equal((double)incremental, influencers.Sum(i => i.GetProperty("incrementalRevenue").GetDouble()), 0);
    }

    [Fact]
    public async Task QueriesDuringAReplacementSeeOneWholeVersionOrTheOther()
    {
        await using var app =
            TestApp.Create(azurite, new Dictionary<string, string?> { ["Snapshot:VersionCheckSeconds"] = "0" });
        await app.IngestAsync("tracking_data.csv", SampleFiles.Tracking);
        var replacement = SampleFiles.Tracking.Replace(",5798.00", ",1000.00"); // revenue 15,094 becomes 10,296
        var expected = new Dictionary<string, decimal> { ["v1"] = 15_094m, ["v2"] = 10_296m };

        using var stop = new CancellationTokenSource();
        var answers = new List<(string Version, decimal Revenue)>();
        var queries = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var summary = await ViewAsync(app, "summary");
                lock (answers)
                {
                    answers.Add((summary.GetProperty("datasetVersion").GetString()!,
                        summary.GetProperty("revenue").GetDecimal()));
                }
            }
        });

        await app.IngestAsync("tracking_data.csv", replacement);
        await Task.Delay(200);
        await stop.CancelAsync();
        await queries;

        Assert.Contains(answers, a => a.Version == "v2");
        Assert.All(answers, a => Assert.Equal(expected[a.Version], a.Revenue));
    }

    /// <summary>
    /// Reading creates no table: on an account where nothing was ever ingested (not even the catalog's table exists),
    /// the summary answers with nothing in it rather than failing.
    /// </summary>
    [Fact]
    public async Task AnAccountWhereNothingWasEverIngestedAnswersAnEmptySummary()
    {
        await using var app = TestApp.Create(azurite);

        var summary = await ViewAsync(app, "summary");

        Assert.Equal(0m, summary.GetProperty("revenue").GetDecimal());
        Assert.Equal(0, summary.GetProperty("influencerCount").GetInt32());
        var catalogTable = app.Get<HealthKartTables>().Catalog.Name;
        Assert.Empty(await app.Get<StorageAccount>().Tables.QueryAsync(t => t.Name == catalogTable).ToListAsync());
    }

    private Task<TestApp> SampleAppAsync() => TestApp.WithSampleFilesAsync(azurite);

    private static async Task<JsonElement> ViewAsync(TestApp app, string view, string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        var function = new AnalyticsViews(app.Get<SnapshotCache>(), app.Get<AnswerMemo>(), TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(HealthKart.Core.Validation.DateWindow.Default));
        var result = Assert.IsType<FileContentResult>(await function.Get(context.Request, view, default));
        return JsonDocument.Parse(result.FileContents).RootElement;
    }
}
