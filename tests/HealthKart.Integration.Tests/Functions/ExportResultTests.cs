using System.IO.Compression;
using System.Text;
using HealthKart.Core.Problems;
using HealthKart.Functions;
using HealthKart.Infrastructure.Exports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace HealthKart.Integration.Tests.Functions;

/// <summary>
/// A CSV download compressed for the client decompresses to the bytes written; one that fails before anything was sent
/// leaves the response free for a plain problem answer: no attachment, no Content-Encoding, and not one byte written
/// (finishing the compressor would write its end and start the response; that mutation fails here).
/// </summary>
public sealed class ExportResultTests
{
    private static readonly byte[] Csv = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2_000)
        .Select(i => $"2025-08-{i % 28 + 1:D2},INF{i % 50:D3},Instagram,{i * 7 % 1000}\r\n")));

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task ACompressedCsvDecompressesToTheBytesWritten(string coding)
    {
        var (context, body) = Context(coding);
        await Result((stream, token) => stream.WriteAsync(Csv, token).AsTask()).ExecuteResultAsync(context);

        Assert.Equal(coding, context.HttpContext.Response.Headers.ContentEncoding.ToString());
        using var decoded = new MemoryStream();
        using (Stream decoder = coding == "br"
            ? new BrotliStream(new MemoryStream(body.ToArray()), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(body.ToArray()), CompressionMode.Decompress))
        {
            decoder.CopyTo(decoded);
        }

        Assert.Equal(Csv, decoded.ToArray());
        Assert.True(body.Length * 2 < Csv.Length, $"{body.Length} of {Csv.Length} bytes");
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    [InlineData(null)]
    public async Task AnExportThatFailsBeforeItsFirstByteLeavesTheResponseForAPlainProblem(string? coding)
    {
        var (context, body) = Context(coding);
        var failure = ProblemException.Conflict("A tracking file was replaced while the export ran; export again.");

        var thrown = await Assert.ThrowsAsync<ProblemException>(() =>
            Result((_, _) => throw failure).ExecuteResultAsync(context));

        var response = context.HttpContext.Response;
        Assert.Same(failure, thrown);
        Assert.Equal(0, body.Length);
        Assert.Equal((0, 0), (response.Headers.ContentEncoding.Count, response.Headers.ContentDisposition.Count));
    }

    private static ExportResult Result(Func<Stream, CancellationToken, Task> write) =>
        new(new ExportDownload("text/csv; charset=utf-8", "healthkart-tracking.csv", [], write));

    private static (ActionContext Context, MemoryStream Body) Context(string? acceptEncoding)
    {
        var http = new DefaultHttpContext();
        var body = new MemoryStream();
        http.Response.Body = body;
        if (acceptEncoding is not null)
        {
            http.Request.Headers.AcceptEncoding = acceptEncoding;
        }

        return (new ActionContext(http, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()),
            body);
    }
}
