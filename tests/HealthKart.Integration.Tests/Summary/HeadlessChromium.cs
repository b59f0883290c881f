using Microsoft.Playwright;

namespace HealthKart.Integration.Tests.Summary;

/// <summary>
/// Debian's Chromium (apt, never <c>playwright install</c>), driven headless by Playwright with JavaScript off and the
/// network out of reach, as a mail client would show the HTML. Screenshots go to <c>TestResults/artifacts/</c>.
/// </summary>
internal static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Where a test keeps a file for people to look at (the folder is created).</summary>
    public static string ArtifactPath(string fileName)
    {
        var folder = Path.Combine(Cli.HkProcess.RepositoryRoot, "TestResults", "artifacts");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }

    /// <summary>
    /// Renders the HTML in a window 720 pixels wide (see <see cref="RenderAsync"/> for other widths) and saves a
    /// full-page PNG; returns the page's text, its card width and every request it tried.
    /// </summary>
    public static async Task<(string Text, float CardWidth, IReadOnlyList<string> Requests)> ScreenshotAsync(
        string html, string pngPath) =>
        (await RenderAsync(html, pngPath, 720)) is var r ? (r.Text, r.CardWidth, r.Requests) : default;

    public static async Task<(string Text, float CardWidth, int ScrollWidth,
        IReadOnlyList<string> Requests)> RenderAsync(string html, string pngPath, int width)
    {
        Assert.True(File.Exists(ExecutablePath),
            $"{ExecutablePath} is missing: scripts/test.sh installs Debian's chromium (apt-get install -y chromium).");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.RouteAsync("**/*", route => route.AbortAsync());
        await page.SetContentAsync(html);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = pngPath, FullPage = true });
        var card = await page.Locator("body > table > tbody > tr > td > table").First.BoundingBoxAsync();
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        return (await page.Locator("body").InnerTextAsync(), card?.Width ?? 0, scrollWidth, requests);
    }
}
