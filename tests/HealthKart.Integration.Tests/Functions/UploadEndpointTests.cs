using System.Text;
using System.Text.Json;
using HealthKart.Core.DataContract;
using HealthKart.Core.Ingestion;
using HealthKart.Core.Problems;
using HealthKart.Functions;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Uploads;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HealthKart.Integration.Tests.Functions;

/// <summary>
/// The upload functions' handlers against a real Azurite. (Routing and auth are checked from functions.metadata;
/// the handlers are called as the worker calls them, with an ASP.NET Core request.)
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class UploadEndpointTests(AzuriteFixture azurite)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task PostedFileIsReceivedThenIngestedAndListed()
    {
        await using var app = TestApp.Create(azurite);
        var uploads = Uploads(app);

        var accepted =
            Assert.IsType<AcceptedResult>(await uploads.Post(Request(SampleFiles.Influencers,
                principal: "priya@healthkart.com"), "influencers.csv", default));
        var received = Json(accepted.Value);
        Assert.Equal("received", received.GetProperty("upload").GetProperty("status").GetString());
        var id = received.GetProperty("upload").GetProperty("id").GetString()!;
        Assert.Equal($"/api/uploads/{id}", accepted.Location);

        await app.Ingestor.IngestAsync("influencers.csv", default);

        var detail = Json(Assert.IsType<OkObjectResult>(await uploads.Get(Request(), id, default)).Value);
        var upload = detail.GetProperty("upload");
        Assert.Equal("ingested", upload.GetProperty("status").GetString());
        Assert.Equal(3, upload.GetProperty("rows").GetInt64());
        Assert.Equal("influencers", upload.GetProperty("dataset").GetString());
        Assert.Equal("priya@healthkart.com", upload.GetProperty("uploadedBy").GetString());
        Assert.Equal(1.0, upload.GetProperty("progress").GetDouble());

        var list = Json(Assert.IsType<OkObjectResult>(await uploads.List(Request(), default)).Value);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetString());
        Assert.Equal(0, item.GetProperty("errors").GetInt64());
    }

    [Fact]
    public async Task ListingAFreshStoreIsAnEmptyListNotAnError()
    {
        await using var app = TestApp.Create(azurite);

        var list = Json(Assert.IsType<OkObjectResult>(await Uploads(app).List(Request(), default)).Value);

        Assert.Empty(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task RejectedUploadShowsItsFirstErrorsAndServesItsIssuesCsv()
    {
        await using var app = TestApp.Create(azurite);
        var uploads = Uploads(app);
        var record = await app.IngestAsync("payouts.csv",
            "influencer_id,basis,rate,orders,total_payout\nINF001,monthly,100,2,200\n");

        var detail = Json(Assert.IsType<OkObjectResult>(await uploads.Get(Request(), record.Id, default)).Value);
        Assert.Equal("rejected", detail.GetProperty("upload").GetProperty("status").GetString());
        var error = Assert.Single(detail.GetProperty("firstErrors").EnumerateArray());
        Assert.Equal(2, error.GetProperty("row").GetInt64());
        Assert.Equal("basis", error.GetProperty("column").GetString());
        Assert.Equal("monthly", error.GetProperty("value").GetString());

        var file = Assert.IsType<FileStreamResult>(await uploads.Report(Request(), record.Id, "csv", default));
        var csv = await new StreamReader(file.FileStream).ReadToEndAsync();
        Assert.Contains("error,2,\"basis\",\"monthly\",\"must be 'post' or 'order'\"", csv);
    }

    [Fact]
    public async Task ARejectedUploadIsDismissedWithItsBlobAndReportWhileAnIngestedOneIsRetracted()
    {
        await using var app = TestApp.Create(azurite);
        var uploads = Uploads(app);
        var rejected = await app.IngestAsync("payouts.csv",
            "influencer_id,basis,rate,orders,total_payout\nINF001,monthly,100,2,200\n");

        var dismissed =
            Json(Assert.IsType<OkObjectResult>(await uploads.Delete(Request(), rejected.Id, default)).Value);

        Assert.StartsWith("Dismissed", dismissed.GetProperty("upload").GetProperty("message").GetString(),
            StringComparison.Ordinal);
        var list = Json(Assert.IsType<OkObjectResult>(await uploads.List(Request(), default)).Value);
        Assert.Empty(list.GetProperty("items").EnumerateArray());
        // else the trigger would reject it again
        Assert.False(await app.Ingestor.Inbox.GetBlobClient("payouts.csv").ExistsAsync());
        Assert.Null(await app.Get<ValidationReportStore>().ReadAsync(rejected.Id, default));
        await Assert.ThrowsAsync<ProblemException>(() => uploads.Delete(Request(), rejected.Id, default)); // gone: 404
    }

    [Theory]
    [InlineData("../influencers.csv")]
    [InlineData("tracking_data/../../x.csv")]
    [InlineData("folder/tracking_data.csv")]
    [InlineData("tracking_data\\evil.csv")]
    [InlineData("tracking_data.exe")]
    [InlineData("sales.csv")]
    [InlineData("tracking_data\r\nX-Evil: 1.csv")]
    [InlineData("")]
    public async Task UnsafeOrUnknownFileNamesAreRefusedWithAProblem(string fileName)
    {
        await using var app = TestApp.Create(azurite);

        var problem = await Assert.ThrowsAsync<ProblemException>(() => Uploads(app).Post(Request("a,b\n"), fileName,
            default));

        Assert.Equal(400, problem.Status);
        Assert.Equal("fileName", problem.Parameter);
        Assert.False(await app.Ingestor.Inbox.ExistsAsync(), "nothing may be written for a refused name");
    }

    [Fact]
    public async Task BodyOverTheLimitIsRefusedEvenWithoutAContentLength()
    {
        await using var app =
            TestApp.Create(azurite, new Dictionary<string, string?> { ["Uploads:MaxHttpBodyBytes"] = "64" });
        var request = Request(SampleFiles.Tracking);
        request.ContentLength = null; // chunked: the limit must hold while streaming, not only from the header

        var problem = await Assert.ThrowsAsync<ProblemException>(() => Uploads(app).Post(request, "tracking_data.csv",
            default));

        Assert.Equal(413, problem.Status);
        Assert.Contains("/sas", problem.Detail);
    }

    [Fact]
    public async Task SasUrlLetsTheBrowserPutOneFileStraightIntoTheInbox()
    {
        await using var app = TestApp.Create(azurite);
        var result = Assert.IsType<OkObjectResult>(await Uploads(app).Sas(Request(principal: "ravi@healthkart.com"),
            "posts_july.csv", default));
        var sas = Json(result.Value);
        var url = sas.GetProperty("url").GetString()!;
        Assert.Contains("sp=cw", url);

        using var http = new HttpClient();
        using var put = new HttpRequestMessage(HttpMethod.Put, url)
        {
            Content = new StringContent(SampleFiles.Posts,
            Encoding.UTF8, "text/csv")
        };
        foreach (var header in sas.GetProperty("headers").EnumerateObject().Where(h => h.Name != "Content-Type"))
        {
            put.Headers.Add(header.Name, header.Value.GetString());
        }

        var response = await http.SendAsync(put);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var record = await app.Ingestor.IngestAsync("posts_july.csv", default);
        Assert.Equal(UploadStatus.Ingested, record!.Status);
        Assert.Equal("ravi@healthkart.com", record.UploadedBy);

        // The URL is for that one blob only.
        using var other = new HttpRequestMessage(HttpMethod.Put,
            url.Replace("posts_july.csv", "influencers.csv"))
        { Content = new StringContent("x") };
        other.Headers.Add("x-ms-blob-type", "BlockBlob");
        var denied = await http.SendAsync(other);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task DeleteRetractsTheSourceEverywhereAndOnlyOnce()
    {
        await using var app = TestApp.Create(azurite);
        var uploads = Uploads(app);
        await app.IngestAsync("tracking_data/2025-07.csv", SampleFiles.Tracking);
        var kept = await app.IngestAsync("tracking_data/2025-08.csv",
            "source,campaign,influencer_id,user_id,product,date,orders,revenue\n" +
            "instagram,MB-Monsoon,INF001,U9,MuscleBlaze Creatine,2025-08-02,1,599\n");
        var july = (await app.Get<UploadLedger>().ListAsync(100, default)).Items.Single(r =>
            r.FileName == "tracking_data/2025-07.csv");
        var versionBefore = (await app.CatalogAsync()).DatasetVersion;

        var result = Json(Assert.IsType<OkObjectResult>(await uploads.Delete(Request(), july.Id, default)).Value);

        Assert.False(result.GetProperty("upload").GetProperty("current").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, result.GetProperty("upload").GetProperty("retractedAt").ValueKind);
        var catalog = await app.CatalogAsync();
        Assert.Equal([kept.Id], catalog.Sources.Select(s => s.UploadId));
        Assert.NotEqual(versionBefore, catalog.DatasetVersion);
        Assert.Single(await app.RawRowsAsync(Dataset.Tracking));
        Assert.False(await app.Ingestor.Inbox.GetBlobClient("tracking_data/2025-07.csv").ExistsAsync());

        var again = await Assert.ThrowsAsync<ProblemException>(() => uploads.Delete(Request(), july.Id, default));
        Assert.Equal(409, again.Status);
        var unknown = await Assert.ThrowsAsync<ProblemException>(() => uploads.Delete(Request(), "nope~0123456789",
            default));
        Assert.Equal(404, unknown.Status);
    }

    [Fact]
    public async Task UnknownQueryParameterAndMalformedIdAreProblemsNamingTheParameter()
    {
        await using var app = TestApp.Create(azurite);
        var uploads = Uploads(app);

        var unknown = await Assert.ThrowsAsync<ProblemException>(() => uploads.List(Request(query: "?status=ingested"),
            default));
        var malformed = await Assert.ThrowsAsync<ProblemException>(() => uploads.Get(Request(), "<script>", default));

        Assert.Equal(("status", 400), (unknown.Parameter, unknown.Status));
        Assert.Equal(("id", 400), (malformed.Parameter, malformed.Status));
        var context = new DefaultHttpContext();
        var problem = Problems.From(malformed, context);
        Assert.Equal(400, problem.Status);
        Assert.Equal("id", problem.Extensions["parameter"]);
    }

    private static Uploads Uploads(TestApp app) =>
        new(app.Get<UploadLedger>(), app.Get<UploadInbox>(), app.Get<SourceRetraction>(),
            app.Get<ValidationReportStore>());

    private static HttpRequest Request(string? body = null, string? principal = null, string query = "")
    {
        var context = new DefaultHttpContext();
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.QueryString = new QueryString(query);
        if (principal is not null)
        {
            context.Request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"] = principal;
        }

        return context.Request;
    }

    private static JsonElement Json(object? value) => JsonSerializer.SerializeToElement(value, Web);
}
