using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HealthKart.Integration.Tests.Dashboard;

/// <summary>
/// The dashboard in one browser context, with what went wrong on the way (console errors, failed requests).
/// </summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];

    public DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.SetDefaultTimeout(20_000);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                _problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _problems.Add($"page error: {error}");
        page.RequestFailed += (_, request) =>
        {
            // A download the test did not save is reported as aborted; it is not a failure of the page.
            if (request.Failure != "net::ERR_ABORTED"
                || !request.Url.Contains("/api/exports/", StringComparison.Ordinal))
            {
                _problems.Add($"request failed: {request.Method} {request.Url} ({request.Failure})");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _problems.Add($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>
    /// Console errors and warnings, uncaught exceptions, failed requests and 4xx/5xx responses so far.
    /// </summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>
    /// Waits until the page has loaded <paramref name="tab"/> for exactly <paramref name="query"/> and says it is
    /// ready.
    /// </summary>
    public async Task WaitUntilLoadedAsync(string tab, string query)
    {
        var app = Page.Locator("#app");
        await Expect(app).ToHaveAttributeAsync("data-tab", tab, new() { Timeout = 20_000 });
        await Expect(app).ToHaveAttributeAsync("data-query", query, new() { Timeout = 20_000 });
        await Expect(app).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 20_000 });
    }

    /// <summary>
    /// Opens the page afresh at <paramref name="address"/> (<c>/#tab?filters</c>), as a bookmark or a pasted link does:
    /// going to another fragment of the same page does not load it again, so the page is reloaded there.
    /// </summary>
    /// <summary>
    /// Opens <paramref name="address"/> afresh, as a bookmark or a pasted link does. Leaving the page first matters: a
    /// hash-only navigation keeps the document, and a load it still had in flight could write its own address back
    /// before the reload (seen once in CI: the reloaded page showed the previous filters).
    /// </summary>
    public async Task ReopenAtAsync(string address)
    {
        await Page.GotoAsync("about:blank");
        await Page.GotoAsync(address);
    }

    public async Task SelectTabAsync(string tab, string query)
    {
        await Page.Locator($"#tab-{tab}").ClickAsync();
        await WaitUntilLoadedAsync(tab, query);
    }

    /// <summary>Ticks one value of a sidebar multi-select (opening its group first, as a person would).</summary>
    public async Task ChooseFilterAsync(string parameter, string value)
    {
        var group = Page.Locator($"details[data-filter='{parameter}']");
        if (!await group.EvaluateAsync<bool>("d => d.open"))
        {
            await group.Locator("summary").ClickAsync();
        }

        await group.GetByLabel(value, new() { Exact = true }).CheckAsync();
    }

    public Task<string> KpiTextAsync(string key) => Page.Locator($"[data-kpi='{key}'] .kpi-value").InnerTextAsync();

    /// <summary>The data of a Chart.js chart's dataset, read from the chart the page drew.</summary>
    public async Task<JsonElement> ChartAsync(string canvasId) =>
        await Page.EvaluateAsync<JsonElement>(
            "id => { const c = Chart.getChart(document.getElementById(id)); return { labels: c.data.labels, " +
            "datasets: c.data.datasets.map(d => ({ label: d.label, data: d.data })) }; }",
            canvasId);

    /// <summary>The tick labels Chart.js drew on one axis of a chart.</summary>
    public async Task<string[]> AxisLabelsAsync(string canvasId, string axis) =>
        await Page.EvaluateAsync<string[]>(
            "([id, axis]) => Chart.getChart(document.getElementById(id)).scales[axis].ticks.map(t => String(t.label))",
            new[] { canvasId, axis });

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
