using System.IO.Compression;

namespace HealthKart.Integration.Tests.Serve;

/// <summary>
/// JSON answers and CSV downloads go compressed to a client that accepts it (Brotli first, then gzip), as the same
/// bytes once decompressed; small answers, workbooks and clients that accept neither get them as they are (docs/api.md,
/// "Compressed answers").
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class CompressedAnswersTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AnswersAndCsvGoInTheCodingTheClientAcceptsAndDecompressToTheSameBytes()
    {
        await using var app = await ServeApp.StartAsync(azurite, seed: true);
        using var http = ServeApp.Client(app);

        foreach (var path in new[] { "api/analytics/influencers", "api/analytics/insights", "api/filters" })
        {
            var (plain, plainCoding, vary) = await GetAsync(http, path, null);
            Assert.Null(plainCoding);
            Assert.Contains("Accept-Encoding", vary);
            Assert.True(plain.Length >= 1400, $"{path} is {plain.Length} bytes, too small to show compression");

            foreach (var (accept, expected) in new[]
            {
                ("gzip, deflate, br, zstd", "br"), // what Chrome sends over HTTPS
                ("gzip, deflate", "gzip"), // and over plain HTTP
                ("br;q=0, gzip", "gzip"),
                ("*", "br"),
                ("identity", null),
                ("br;q=0, gzip;q=0", null),
                ("*;q=0", null),
            })
            {
                var (body, coding, _) = await GetAsync(http, path, accept);
                Assert.True(expected == coding, $"{path} with Accept-Encoding '{accept}': {coding ?? "none"}");
                Assert.Equal(plain, Decoded(body, coding));
                if (coding is not null)
                {
                    Assert.True(body.Length * 2 < plain.Length, $"{path} as {coding}: {body.Length} of {plain.Length}");
                }
            }
        }

        // A CSV download is compressed as it streams; a workbook is a zip already and goes as it is.
        foreach (var path in new[] { "api/exports/tracking.csv", "api/exports/influencers.csv" })
        {
            var (plain, plainCoding, _) = await GetAsync(http, path, null, "text/csv");
            Assert.Null(plainCoding);
            foreach (var (accept, expected) in new[] { ("gzip, deflate, br, zstd", "br"), ("gzip", "gzip") })
            {
                var (body, coding, vary) = await GetAsync(http, path, accept, "text/csv");
                Assert.Equal((expected, "Accept-Encoding"), (coding, vary));
                Assert.Equal(plain, Decoded(body, coding));
                Assert.True(body.Length < plain.Length, $"{path} as {coding}: {body.Length} of {plain.Length}");
            }
        }

        var (workbook, workbookCoding, workbookVary) = await GetAsync(http, "api/exports/influencers.xlsx", "br, gzip",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.Equal((null, ""), (workbookCoding, workbookVary));
        Assert.Equal("PK"u8.ToArray(), workbook[..2]);

        // A summary fits in one packet as it is: it goes uncompressed whatever the client accepts.
        var (summary, summaryCoding, _) = await GetAsync(http, "api/analytics/summary", "br, gzip");
        Assert.Null(summaryCoding);
        Assert.True(summary.Length < 1400, $"the summary is {summary.Length} bytes");
    }

    private static async Task<(byte[] Body, string? Coding, string Vary)> GetAsync(HttpClient http, string path,
        string? acceptEncoding, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsByteArrayAsync(),
            response.Content.Headers.ContentEncoding.SingleOrDefault(), string.Join(", ", response.Headers.Vary));
    }

    /// <summary>The body as sent before <paramref name="coding"/> (none, br or gzip) was applied.</summary>
    private static byte[] Decoded(byte[] body, string? coding)
    {
        if (coding is null)
        {
            return body;
        }

        using var decoded = new MemoryStream();
        using (Stream decoder = coding == "br"
            ? new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(body), CompressionMode.Decompress))
        {
            decoder.CopyTo(decoded);
        }

        return decoded.ToArray();
    }
}
