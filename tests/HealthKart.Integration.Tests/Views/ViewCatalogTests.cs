using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthKart.Core.Analytics;
using HealthKart.Core.Views;
using HealthKart.Integration.Tests.Serve;

namespace HealthKart.Integration.Tests.Views;

/// <summary>
/// The catalog is the one list of views: for every view, with no parameter and with each of its parameters (at its
/// example, each end of its range or each of its values), the JSON route, the CSV export and a link signed for that
/// export give the same answer, the link the very same file. A parameter the view does not take is refused by all
/// three, the link when it is made rather than when it is opened.
/// Served by hk serve over HTTP (the real routes, key gate and link signer).
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ViewCatalogTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task EveryViewAndEachOfItsParametersAnswersOnTheRouteTheExportAndASignedLink()
    {
        await using var app = await ServeApp.StartAsync(azurite, seed: true, settings: WithLinkKey());
        using var http = ServeApp.Client(app);
        var failures = new List<string>();
        var checkedCases = 0;

        foreach (var view in ViewCatalog.All)
        {
            foreach (var (query, mustAnswer) in Queries(view))
            {
                checkedCases++;
                var route = view.Name == ViewCatalog.DataQualityName
                    ? "api/data-quality" : $"api/analytics/{view.Name}";
                using var json = query.Length == 0 || view.Name != ViewCatalog.DataQualityName
                    ? await http.GetAsync($"{route}?{query}") : null;
                using var export = await http.GetAsync($"api/exports/{view.Name}.csv?{query}");
                using var made = await http.PostAsJsonAsync("api/exports/links",
                    new { report = view.Name, format = "csv", query });
                if (made.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add(
                        $"link for {view.Name}.csv?{query}: {(int)made.StatusCode} " +
                        $"{await made.Content.ReadAsStringAsync()}");
                    continue;
                }

                var url = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
                using var opened = await http.GetAsync(url);
                var (exportBody, openedBody) = (await export.Content.ReadAsStringAsync(),
                    await opened.Content.ReadAsStringAsync());

                // The three doors agree: the same status, and the link opens to the very file the export gives. Some
                // values are the data's to refuse (a budget outside what the bounds allow): then all three refuse it.
                if (mustAnswer && export.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add(
                        $"GET exports/{view.Name}.csv?{query}: {(int)export.StatusCode}: " +
                        $"{exportBody[..Math.Min(exportBody.Length, 300)]}");
                }

                if (json is not null && json.StatusCode != export.StatusCode)
                {
                    failures.Add(
                        $"{view.Name}?{query}: the route answers {(int)json.StatusCode}, the export " +
                        $"{(int)export.StatusCode}");
                }

                if (opened.StatusCode != export.StatusCode
                    || (export.StatusCode == HttpStatusCode.OK && openedBody != exportBody))
                {
                    failures.Add(
                        $"the link for {view.Name}.csv?{query} answers {(int)opened.StatusCode} and another file " +
                        $"than the export ({(int)export.StatusCode})");
                }
            }

            // A view parameter this view does not take: every door refuses it, the link before it is made.
            var foreign = ViewParameters.All.First(p => !view.Parameters.Contains(p));
            var wrong = $"{foreign.Name}={Values(foreign).First()}";
            if (view.Name != ViewCatalog.DataQualityName)
            {
                await ExpectAsync(failures, http, $"api/analytics/{view.Name}?{wrong}", HttpStatusCode.BadRequest);
            }

            await ExpectAsync(failures, http, $"api/exports/{view.Name}.csv?{wrong}", HttpStatusCode.BadRequest);
            using var refused = await http.PostAsJsonAsync("api/exports/links",
                new { report = view.Name, format = "csv", query = wrong });
            if (refused.StatusCode != HttpStatusCode.BadRequest)
            {
                failures.Add(
                    $"link for {view.Name}.csv?{wrong}: {(int)refused.StatusCode}, expected 400 when it is made");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // 17 views with no parameter; top and poor: n at its example, 1 and 1000 (2 x 3); timeseries: the example and
        // three granularities (4); the plan: each of five parameters at its example (5), two scenarios and four bounds
        // at each end (2 + 8). 17 + 6 + 4 + 15 = 42.
        Assert.Equal(42, checkedCases);
    }

    /// <summary>
    /// No parameter and each parameter alone at its example (both must answer), then at each of its values (a closed
    /// list) or at each end of its range.
    /// </summary>
    private static IEnumerable<(string Query, bool MustAnswer)> Queries(AnalyticsView view) =>
        view.Parameters.SelectMany(p => Values(p).Select(v => ($"{p.Name}={v}", false))
            .Prepend(($"{p.Name}={p.Example}", true))).Prepend(("", true));

    private static IEnumerable<string> Values(ViewParameter parameter) => parameter.Schema.Values
        ?? [Number(parameter.Schema.Minimum!.Value), Number(parameter.Schema.Maximum!.Value)];

    private static string Number(double value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    private static async Task<string?> ExpectAsync(List<string> failures, HttpClient http, string url,
        HttpStatusCode expected)
    {
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            failures.Add(
                $"GET {url}: {(int)response.StatusCode}, expected {(int)expected}: " +
                $"{body[..Math.Min(body.Length, 300)]}");
            return null;
        }

        return body;
    }

    private static Dictionary<string, string?> WithLinkKey()
    {
        var settings = ServeApp.IsolatedSettings();
        settings["Links:Keys:0:Id"] = "k2026";
        settings["Links:Keys:0:Secret"] = new string('v', 40);
        return settings;
    }
}
