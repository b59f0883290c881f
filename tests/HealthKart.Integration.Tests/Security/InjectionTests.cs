using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HealthKart.Integration.Tests.Cli;
using HealthKart.Integration.Tests.Serve;

namespace HealthKart.Integration.Tests.Security;

/// <summary>
/// Filter values cannot reach a table query as query text, and cannot split a response header: checked in the source
/// (no string-built table filter) and against hk serve holding the sample data.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed partial class InjectionTests(AzuriteFixture azurite)
{
    private const string Injection = "' or PartitionKey ne '";

    [Fact]
    public void EveryTableQueryFilterIsBuiltByCreateQueryFilter()
    {
        var queries = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(HkProcess.RepositoryRoot, "src"), "*.cs",
            SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
        {
            var source = File.ReadAllText(file);
            foreach (Match query in TableQuery().Matches(source))
            {
                queries++;
                var filter = query.Groups["filter"].Value.Trim();
                Assert.True(filter.Length == 0 || filter.StartsWith("TableClient.CreateQueryFilter(",
                    StringComparison.Ordinal) || filter.Contains("=>"),
                    $"{Path.GetFileName(file)}: table query filtered by '{filter}'; use " +
                    "TableClient.CreateQueryFilter($\"...\")");
            }

            Assert.DoesNotMatch(StringFilter(), source);
        }

        Assert.True(queries >= 5, $"only {queries} table queries found: the pattern no longer matches the code");
    }

    [Fact]
    public async Task HostileFilterValuesSelectNothingAndHostileIdsAreRefused()
    {
        await using var app = await ServeApp.StartAsync(azurite, seed: true);
        using var http = ServeApp.Client(app);
        var all = await http.GetFromJsonAsync<JsonElement>("api/analytics/summary");
        Assert.True(all.GetProperty("orders").GetInt64() > 0, "the sample data must have orders, or nothing is proved");

        foreach (var parameter in new[] { "platform", "campaign", "product", "influencer", "category", "brand" })
        {
            using var response =
                await http.GetAsync($"api/analytics/summary?{parameter}={Uri.EscapeDataString(Injection)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var filtered = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(0, filtered.GetProperty("orders").GetInt64());
        }

        foreach (var id in new[] { Injection, "x~1' or RowKey ne 'y", "x~1%27%20or%20true" })
        {
            using var response = await http.GetAsync($"api/uploads/{Uri.EscapeDataString(id)}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("id", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parameter")
                .GetString());
        }
    }

    [Fact]
    public async Task FilterValuesCannotSplitTheContentDispositionHeader()
    {
        await using var app = await ServeApp.StartAsync(azurite, seed: true);
        using var http = ServeApp.Client(app);
        var hostile = Uri.EscapeDataString("Monsoon\r\nX-Injected: 1\r\n\r\n\"; filename=evil.exe");

        foreach (var route in new[] { $"api/exports/summary.csv?campaign={hostile}",
            $"api/exports/campaigns.xlsx?campaign={hostile}&platform={hostile}" })
        {
            using var response = await http.GetAsync(route);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("X-Injected") || response.Content.Headers.Contains("X-Injected"),
                "a header was injected");
            var disposition = Assert.Single(response.Content.Headers.GetValues("Content-Disposition"));
            Assert.Matches(SafeDisposition(), disposition);
        }
    }

    /// <summary>
    /// A table query call and its first argument (the filter), up to the first comma or closing parenthesis.
    /// </summary>
    [GeneratedRegex(@"\.Query(?:Async)?<[^>]+>\(\s*(?<filter>[^,)]*(?:\([^)]*\))?)")]
    private static partial Regex TableQuery();

    /// <summary>OData filter text outside CreateQueryFilter: a string literal that compares a key.</summary>
    [GeneratedRegex(@"(?<!CreateQueryFilter\(\$?)""[^""\n]*\b(?:PartitionKey|RowKey)\s+(?:eq|ne|gt|ge|lt|le)\b")]
    private static partial Regex StringFilter();

    [GeneratedRegex(
        @"^attachment; filename=""healthkart-[a-z0-9-]+-[a-z0-9_-]+\.(csv|xlsx)""; " +
        @"filename\*=UTF-8''healthkart-[a-z0-9-]+-[a-z0-9_-]+\.(csv|xlsx)$")]
    private static partial Regex SafeDisposition();
}
