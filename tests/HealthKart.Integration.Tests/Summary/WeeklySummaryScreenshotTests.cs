using HealthKart.Core.Summary;

namespace HealthKart.Integration.Tests.Summary;

/// <summary>
/// The e-mail's HTML rendered by a real headless Chromium, with a screenshot kept as a test artifact for a person to
/// look at: <c>TestResults/artifacts/weekly-summary.png</c> (a busy week of the repository's sample data) and
/// <c>weekly-summary-no-activity.png</c>.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class WeeklySummaryScreenshotTests(AzuriteFixture azurite)
{
    /// <summary>
    /// Monday 4 August 2025, 08:00 IST: the run for 2025-W31 (28 July to 3 August), mid-way through data/.
    /// </summary>
    private static readonly DateTimeOffset AugustMonday = new(2025, 8, 4, 2, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheSummaryRendersInChromiumWithoutScriptsOrNetwork()
    {
        await using var app = SummaryApp.Create(azurite, smtpPort: 25, AugustMonday);
        await app.IngestRepositoryDataAsync();
        var content = await app.Composer.ComposeAsync(new IsoWeek(2025, 31), withWorkbook: false,
            CancellationToken.None);
        Assert.True(content.Summary.HasActivity);
        Assert.Equal(5, content.Summary.Top.Count);
        // Money advice comes only from the budget plan: at most its
        // one reallocation, ranked when its interval excludes zero.
        Assert.All(content.Summary.Actions, a => Assert.Equal("reallocation", a.Kind));
        Assert.NotNull(content.Summary.BudgetAdvice);

        var png = HeadlessChromium.ArtifactPath("weekly-summary.png");
        var (text, width, requests) = await HeadlessChromium.ScreenshotAsync(content.Html, png);

        Assert.Empty(requests); // no remote image, font or style sheet: the page needs nothing from the network
        Assert.Equal(640, width, 1.0);
        var revenue = content.Summary.Headlines.Single(h => h.Metric == "revenue");
        Assert.Contains(SummaryFigures.Current(revenue), text);
        Assert.Contains("Top 5 influencers", text);
        Assert.Contains(content.Summary.Top[0].Name, text);
        Assert.Contains(content.Summary.Actions.Count > 0
            ? content.Summary.Actions[0].Title : "Budget plan: No reallocation is supported", text);
        Assert.True(new FileInfo(png).Length > 30_000, $"{png} looks empty.");
    }

    /// <summary>
    /// Most readers open the mail on a phone: at 390 pixels (and at 320) nothing may stick out sideways.
    /// </summary>
    [Theory]
    [InlineData(390)]
    [InlineData(320)]
    public async Task TheSummaryFitsAPhoneScreen(int width)
    {
        await using var app = SummaryApp.Create(azurite, smtpPort: 25, AugustMonday);
        await app.IngestRepositoryDataAsync();
        var content = await app.Composer.ComposeAsync(new IsoWeek(2025, 31), withWorkbook: false,
            CancellationToken.None);

        var png = HeadlessChromium.ArtifactPath($"weekly-summary-{width}px.png");
        var (text, card, scrollWidth, requests) = await HeadlessChromium.RenderAsync(content.Html, png, width);

        Assert.Empty(requests);
        Assert.True(scrollWidth <= width, $"the e-mail is {scrollWidth}px wide in a {width}px window");
        Assert.True(card <= width, $"the card is {card}px wide in a {width}px window");
        foreach (var figure in content.Summary.Headlines)
        {
            Assert.Contains(SummaryFigures.Current(figure), text);
        }

        Assert.Contains(content.Summary.Top[0].Name, text);
    }

    [Fact]
    public async Task TheNoActivitySummaryRendersToo()
    {
        await using var app = SummaryApp.Create(azurite, smtpPort: 25, AugustMonday);
        await app.IngestSampleWeeksAsync();
        var content = await app.Composer.ComposeAsync(new IsoWeek(2025, 31), withWorkbook: false,
            CancellationToken.None);

        var png = HeadlessChromium.ArtifactPath("weekly-summary-no-activity.png");
        var (text, width, requests) = await HeadlessChromium.ScreenshotAsync(content.Html, png);

        Assert.Empty(requests);
        Assert.Equal(640, width, 1.0);
        Assert.Contains("No influencer activity was recorded this week", text);
        // The sample weeks end on Friday 4 Jul 2025, in 2025-W27 (Monday 30 Jun to Sunday 6 Jul).
        Assert.Contains("The latest week with influencer activity is 2025-W27 (30 Jun – 6 Jul 2025).", text);
        Assert.True(File.Exists(png));
    }
}
