using HealthKart.Integration.Tests.Summary;
using Microsoft.Playwright;

namespace HealthKart.Integration.Tests.Dashboard;

/// <summary>
/// One headless Debian Chromium (never <c>playwright install</c>) per test class; each test gets its own context. Every
/// page records console errors, page errors, failed requests and HTTP error responses, so a test can assert there were
/// none.
/// </summary>
public sealed class DashboardBrowser : IAsyncLifetime
{
    public static readonly ViewportSize Desktop = new() { Width = 1440, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(HeadlessChromium.ExecutablePath),
            $"{HeadlessChromium.ExecutablePath} is missing: scripts/test.sh installs Debian's chromium " +
            "(apt-get install -y chromium).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = HeadlessChromium.ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>
    /// Opens the dashboard at <paramref name="baseAddress"/> and waits until its first load has finished.
    /// </summary>
    public async Task<DashboardPage> OpenAsync(Uri baseAddress, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = viewport ?? Desktop,
            AcceptDownloads = true,
            Locale = "en-IN",
        });
        var page = await context.NewPageAsync();
        var dashboard = new DashboardPage(context, page);
        await page.GotoAsync("/");
        await dashboard.WaitUntilLoadedAsync("overview", "");
        return dashboard;
    }
}
