namespace HealthKart.Integration.Tests.Reliability;

/// <summary>
/// Queries running throughout a stream of uploads (replacements of one monthly file and appended months) only ever see
/// a whole dataset version: every answer's totals are exactly those of the catalog generation it names, computed here
/// from the files themselves.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ConsistencyUnderLoadTests(AzuriteFixture azurite)
{
    private const int QueryLoops = 4;

    [Fact]
    public async Task EverySummaryDuringAStreamOfUploadsIsOneWholeVersion()
    {
        (string Name, TrackingFile File)[] stream =
        [
            ("tracking_data.csv", TrackingFile.Generate(200, 400)),
            ("tracking_data/2025-08.csv", TrackingFile.Generate(100, 600, month: 8)),
            ("tracking_data.csv", TrackingFile.Generate(300, 800)),
            ("tracking_data.csv", TrackingFile.Generate(150, 1_000)),
            ("tracking_data/2025-09.csv", TrackingFile.Generate(80, 1_500, month: 9)),
            ("tracking_data.csv", TrackingFile.Generate(250, 300)),
            ("tracking_data/2025-08.csv", TrackingFile.Generate(120, 700, month: 8)),
        ];

        // Each ingestion changes the catalog once, so after upload
        // k the dataset version is v{k}: the files current then.
        var expected = new Dictionary<string, (decimal Revenue, long Orders)>();
        var current = new Dictionary<string, TrackingFile>();
        for (var k = 0; k < stream.Length; k++)
        {
            current[stream[k].Name] = stream[k].File;
            expected[$"v{k + 1}"] = (current.Values.Sum(f => f.Revenue), current.Values.Sum(f => f.Orders));
        }

        await using var app =
            TestApp.Create(azurite, new Dictionary<string, string?> { ["Snapshot:VersionCheckSeconds"] = "0" });
        await app.IngestAsync(stream[0].Name, stream[0].File.Content);
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, QueryLoops).Select(_ => Task.Run(async () =>
        {
            var seen = new List<(string Version, decimal Revenue, long Orders)>();
            while (!stop.IsCancellationRequested)
            {
                var summary = await StoredData.SummaryAsync(app);
                seen.Add((summary.GetProperty("datasetVersion").GetString()!, summary.GetProperty("revenue")
                    .GetDecimal(), summary.GetProperty("orders").GetInt64()));
            }

            return seen;
        })).ToList();

        foreach (var (name, file) in stream.Skip(1))
        {
            await app.IngestAsync(name, file.Content);
        }

        await Task.Delay(300);
        await stop.CancelAsync();
        var answers = (await Task.WhenAll(loops)).SelectMany(s => s).ToList();

        Assert.All(answers, a => Assert.Equal(expected[a.Version], (a.Revenue, a.Orders)));
        Assert.Contains(answers, a => a.Version == $"v{stream.Length}");
        Assert.True(answers.Select(a => a.Version).Distinct().Count() >= 3,
            $"the queries should span the stream; saw {string.Join(", ", answers.Select(a => a.Version).Distinct())}");
    }
}
