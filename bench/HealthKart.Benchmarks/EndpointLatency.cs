using System.Diagnostics;
using System.Globalization;
using HealthKart.Cli.Serve;

namespace HealthKart.Benchmarks;

/// <summary>
/// <c>GET /api/analytics/summary</c> on hk serve's <see cref="LocalApp"/> (Kestrel, the real function, the snapshot
/// cache warm) against a static file of exactly the summary's byte size served by the same Kestrel, in the same run:
/// after a warm-up, N sequential requests of each, alternating (S F, F S, ...), one keep-alive HttpClient on loopback,
/// each timed from send to the last byte read. The target holds the summary's p50 to at most 3x the file's.
/// </summary>
public static class EndpointLatency
{
    public const double Target = 3.0;

    private const string Summary = "api/analytics/summary";
    private const string StaticName = "summary-sized.json";

    public sealed record Outcome(TargetCheck Check, Percentiles Summary, Percentiles StaticFile, int Bytes);

    public static async Task<Outcome> RunAsync(IngestedDataset data, int requests)
    {
        // A repository-shaped folder of our own: static-web/ with
        // the one file, so the dashboard's files are not in the way.
        var root = Directory.CreateTempSubdirectory("hk-bench-endpoint-");
        try
        {
            var staticWeb = Directory.CreateDirectory(Path.Combine(root.FullName, "static-web"));
            await using var app = await BenchServe.StartAsync(data, new RepositoryLayout(root.FullName));
            using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };

            var clock = Stopwatch.StartNew();
            var summary = await http.GetByteArrayAsync(Summary);
            Console.WriteLine(
                $"endpoint: {app.BaseAddress}{Summary} is {summary.Length:N0} bytes; first request (cold snapshot " +
                $"load) {clock.Elapsed.TotalMilliseconds:F0} ms");
            await File.WriteAllBytesAsync(Path.Combine(staticWeb.FullName, StaticName), summary);
            var same = await http.GetByteArrayAsync(StaticName);
            if (same.Length != summary.Length)
            {
                throw new InvalidOperationException(
                    $"The static file came back as {same.Length} bytes, not {summary.Length}.");
            }

            var warmup = Math.Max(50, requests / 3);
            await AlternateAsync(http, warmup, summary.Length);
            var (s, f) = await AlternateAsync(http, requests, summary.Length);
            var (ps, pf) = (Percentiles.Of(s), Percentiles.Of(f));
            var ratio = ps.P50 / pf.P50;

            Console.WriteLine();
            Console.WriteLine(
                $"== endpoint: {requests} sequential requests each, alternating, after {warmup} of each " +
                "to warm up (microseconds)");
            Console.WriteLine($"   {"",-38} {"p50",9} {"p95",9} {"mean",9}");
            Console.WriteLine(
                $"   {"GET /" + Summary + " (warm cache)",-38} {ps.P50,9:F0} {ps.P95,9:F0} {ps.Mean,9:F0}");
            Console.WriteLine(
                $"   {"GET /" + StaticName + $" ({summary.Length:N0} B)",-38} {pf.P50,9:F0} " +
                $"{pf.P95,9:F0} {pf.Mean,9:F0}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   p50 ratio summary/static = {ratio:F2} (p95 ratio {ps.P95 / pf.P95:F2}); target <= {Target:F1}  " +
                $"=>  {(ratio <= Target ? "PASS" : "FAIL")}"));
            var check =
                new TargetCheck("summary p50 / static",
                    $"{data.TrackingRows:N0} tracking rows, {summary.Length:N0} B; p50 {ps.P50:F0} vs {pf.P50:F0} us",
                    ratio, Target, "x");
            return new Outcome(check, ps, pf, summary.Length);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>N of each, the order swapped every pair, so neither side always follows the other.</summary>
    private static async Task<(List<double> Summary, List<double> Static)> AlternateAsync(HttpClient http, int requests,
        int bytes)
    {
        var summary = new List<double>(requests);
        var file = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            for (var turn = 0; turn < 2; turn++)
            {
                var isSummary = (i % 2 == 0) == (turn == 0);
                var clock = Stopwatch.StartNew();
                var body = await http.GetByteArrayAsync(isSummary ? Summary : StaticName);
                var elapsed = clock.Elapsed.TotalMicroseconds;
                if (body.Length != bytes && !isSummary)
                {
                    throw new InvalidOperationException($"The static file came back as {body.Length} bytes.");
                }

                (isSummary ? summary : file).Add(elapsed);
            }
        }

        return (summary, file);
    }
}
