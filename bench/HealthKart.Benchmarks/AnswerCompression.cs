using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HealthKart.Core;
using HealthKart.Core.Analytics;
using HealthKart.Core.Views;
using HealthKart.Functions;

namespace HealthKart.Benchmarks;

/// <summary>
/// What compression does to the answers the dashboard asks for (not a target: figures for docs/api.md, "Compressed
/// answers"): a simulated year at the design scale's roster, each answer serialised as the API does, then compressed
/// by <see cref="ContentCoding.Compress"/> as Brotli and as gzip (mean of 5 after one untimed), with the time each form
/// would take on a 50 Mbit/s link.
///   dotnet run -c Release --project bench/HealthKart.Benchmarks -- answers [--rows N]
/// </summary>
public static class AnswerCompression
{
    private const double LinkBytesPerSecond = 50e6 / 8;

    public static int Run(string[] args)
    {
        var rows = args is ["--rows", var value] ? long.Parse(value.Replace("_", ""), CultureInfo.InvariantCulture)
            : 1_000_000;
        var directory = Directory.CreateTempSubdirectory("hk-bench-answers-");
        try
        {
            AnalyticsData.Simulate(rows, 42, directory.FullName);
            var snapshot = AnalyticsData.Build(AnalyticsData.Sources(directory.FullName));
            var today = new DateOnly(2026, 1, 1);
            var bubble = "name,tier,followers,paid,spend,incrementalRevenue";
            // static-web/js: the Influencers tab's columns (tables.js), then what main.js adds to them.
            var table = "rank,name,tier,followers,revenue,spend,roi,roas,incrementalRoas,incrementalVerdict," +
                "newCustomers,costPerNewCustomer,followOnRevenue,returningOrderShare,efficiencyScore,influencerId," +
                "platform,category,paid";
            (string Name, string View, string? Fields)[] answers =
            [
                ("insights", "insights", null), ("summary", "summary", null), ("timeseries", "timeseries", null),
                ("tiers", "tiers", null), ("influencers, bubble chart", "influencers", bubble),
                ("influencers, Influencers tab", "influencers", table),
                ("influencers, every field", "influencers", null),
                ("plan", "plan", null),
            ];
            Console.WriteLine($"== answers at {rows:N0} tracking rows, unfiltered: bytes, compressed bytes and time " +
                "(ms), and the time on a 50 Mbit/s link (ms)");
            foreach (var (name, viewName, fields) in answers)
            {
                var view = ViewCatalog.All.First(v => v.Name == viewName);
                var options = fields is null || view.ItemType is null ? ApiJson.Options
                    : ItemFields.For(view.ItemType, ItemFields.Parse(view.ItemType, [fields]));
                var json = JsonSerializer.SerializeToUtf8Bytes(
                    view.Compute(new Selection(snapshot, AnalyticsQuery.All), today), options);
                var line = $"   {name,-30} {json.Length,10:N0} B {Wire(json.Length),7:F1} ms";
                foreach (var coding in new[] { "br", "gzip" })
                {
                    var packed = ContentCoding.Compress(json, coding);
                    var clock = Stopwatch.StartNew();
                    for (var i = 0; i < 5; i++)
                    {
                        packed = ContentCoding.Compress(json, coding);
                    }

                    line += $" | {coding,-4} {packed.Length,9:N0} B in {clock.Elapsed.TotalMilliseconds / 5,5:F1} ms " +
                        $"{Wire(packed.Length),6:F1} ms";
                }

                Console.WriteLine(line);
            }

            // The raw tracking export streams the file's rows as CSV, nearly the simulated file itself.
            var csv = File.ReadAllBytes(Path.Combine(directory.FullName, SimulatedFiles.Tracking));
            var csvLine = $"   {"tracking rows as CSV",-30} {csv.Length,10:N0} B {Wire(csv.Length),7:F0} ms";
            foreach (var coding in new[] { "br", "gzip" })
            {
                var clock = Stopwatch.StartNew();
                var packed = ContentCoding.Compress(csv, coding);
                csvLine += $" | {coding,-4} {packed.Length,9:N0} B in {clock.Elapsed.TotalMilliseconds,5:F0} ms " +
                    $"{Wire(packed.Length),6:F0} ms";
            }

            Console.WriteLine(csvLine);
            return 0;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static double Wire(int bytes) => bytes / LinkBytesPerSecond * 1000;
}
