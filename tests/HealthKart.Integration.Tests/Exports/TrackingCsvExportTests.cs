using HealthKart.Infrastructure.Exports.Tracking;
using static HealthKart.Integration.Tests.Exports.TrackingExportFiles;

namespace HealthKart.Integration.Tests.Exports;

[Collection(AzuriteFixture.Collection)]
public sealed class TrackingCsvExportTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task UnfilteredExportIsEveryRowOfBothSourcesWithPseudonymisedUsers()
    {
        await using var app = TestApp.Create(azurite);
        await IngestAllAsync(app);

        var (csv, result) = await CsvAsync(app, Query());

        Assert.Equal(Expected.Values, Lines(csv));
        Assert.Equal(8, result.Rows);
        Assert.False(result.Truncated);
        Assert.All(RawUserIds, raw => Assert.DoesNotContain(raw, csv, StringComparison.Ordinal));
    }

    [Theory]
    // Hand-filtered from JulyCsv/AugustCsv: dates inclusive; O-703 has no source and is INF002's YouTube; campaign
    // matching ignores case; Fitness is INF001 only; the organic O-705 has no influencer, so influencer filters drop
    // it.
    [InlineData("from=2025-07-02&to=2025-08-01", "O-702 O-703 O-704 O-705 O-801")]
    [InlineData("platform=YouTube", "O-702 O-703 O-801")]
    [InlineData("campaign=mb-summer-shred", "O-701 O-703 O-704 O-803")]
    [InlineData("category=Fitness", "O-701 O-802")]
    [InlineData("platform=instagram&from=2025-08-01", "O-802 O-803")]
    [InlineData("campaign=(none)", "O-705")]
    [InlineData("campaign=GR-Kids,HKV-Immunity", "O-702 O-801 O-802")]
    [InlineData("brand=Gritzo&to=2025-07-31", "O-705")]
    [InlineData("tier=mega", "O-704 O-803")]
    [InlineData("gender=female&product=hkvitals multivitamin", "O-702 O-801")]
    [InlineData("influencer=INF001&platform=YouTube", "")]
    [InlineData("campaign=No-Such-Campaign", "")]
    [InlineData("from=2025-09-01", "")]
    public async Task FilteredExportIsTheRowsAHandFilterKeeps(string queryString, string orderIds)
    {
        await using var app = TestApp.Create(azurite);
        await IngestAllAsync(app);
        var parameters = queryString.Split('&').Select(p => p.Split('=')).Select(p => (p[0], p[1])).ToArray();

        var (csv, result) = await CsvAsync(app, Query(parameters));

        var expected = orderIds.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id => Expected[id]).ToList();
        Assert.Equal(expected, Lines(csv));
        Assert.Equal(expected.Count, result.Rows);
    }

    [Fact]
    public async Task ReplacingASourceDeletesItsCopyAndTheExportShowsTheNewRowsOnly()
    {
        await using var app = TestApp.Create(azurite);
        await IngestAllAsync(app);
        var copies = app.Get<TrackingCopies>();
        var oldVersion = (await app.CatalogAsync()).Sources.Single(s => s.FileName == July).SourceVersion;
        Assert.True(await copies.Blob(oldVersion).ExistsAsync());

        var replacement =
            "source,campaign,influencer_id,user_id,product,date,orders,revenue,brand,order_id,status\n" +
            "instagram,MB-Monsoon,INF003,U0009,MuscleBlaze Raw Whey,2025-07-15,4,9996,,O-715,completed\n";
        await app.IngestAsync(July, replacement);

        var newVersion = (await app.CatalogAsync()).Sources.Single(s => s.FileName == July).SourceVersion;
        Assert.NotEqual(oldVersion, newVersion);
        Assert.False(await copies.Blob(oldVersion).ExistsAsync());
        Assert.True(await copies.Blob(newVersion).ExistsAsync());
        var (csv, _) = await CsvAsync(app, Query());
        Assert.Equal(
            ["2025-07-15,INF003,Instagram,MB-Monsoon,MuscleBlaze Raw " +
                $"Whey,MuscleBlaze,4,9996.00,completed,O-715,{P("U0009")}",
             Expected["O-801"], Expected["O-802"], Expected["O-803"]],
            Lines(csv));
    }

    [Fact]
    public async Task RetractingASourceDeletesItsCopy()
    {
        await using var app = TestApp.Create(azurite);
        await IngestAllAsync(app);
        var entry = (await app.CatalogAsync()).Sources.Single(s => s.FileName == August);

        await app.Get<Infrastructure.Uploads.SourceRetraction>().RetractAsync(entry.UploadId, CancellationToken.None);

        Assert.False(await app.Get<TrackingCopies>().Blob(entry.SourceVersion).ExistsAsync());
        var (csv, _) = await CsvAsync(app, Query());
        Assert.Equal(Expected.Values.Take(5), Lines(csv));
    }

    [Fact]
    public async Task ARejectedFileLeavesNoCopy()
    {
        await using var app = TestApp.Create(azurite);
        var record = await app.IngestAsync(July, JulyCsv.Replace("5798.00", "-5798.00", StringComparison.Ordinal));

        Assert.Equal(Core.Ingestion.UploadStatus.Rejected, record.Status);
        var copies = app.Get<TrackingCopies>();
        Assert.False(await copies.Container.ExistsAsync() && await copies.Container.GetBlobsAsync().AnyAsync());
    }

    [Fact]
    public async Task AVersionIngestedBeforeCopiesExistedIsCopiedOnceFromItsRows()
    {
        await using var app = TestApp.Create(azurite);
        await IngestAllAsync(app);
        var copies = app.Get<TrackingCopies>();
        var july = (await app.CatalogAsync()).Sources.Single(s => s.FileName == July).SourceVersion;
        await copies.Blob(july).DeleteAsync();

        var (csv, _) = await CsvAsync(app, Query());

        Assert.Equal(Expected.Values, Lines(csv));
        Assert.True(await copies.Blob(july).ExistsAsync());
    }

    [Fact]
    public async Task HostileValuesAreInertAndQuotedValuesRoundTrip()
    {
        await using var app = TestApp.Create(azurite);
        await app.IngestAsync("influencers.csv", Influencers);
        var hostile =
            "source,campaign,influencer_id,user_id,product,date,orders,revenue,brand,order_id,status\n" +
            "instagram,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"," +
            "INF001,U1,+SUM(1),2025-07-01,1,10,@brand,-2+3,completed\n" +
            "instagram,@SUM(A1),INF001,U2,\"line one, \"\"quoted\"\"\",2025-07-02,1,10,,\"\t=1+1\",completed\n" +
            "instagram,-10,INF001,U3,Whey Tab,2025-07-03,1,10,,\"\r\n=cmd\",completed\n";
        var record = await app.IngestAsync("tracking_data/hostile.csv", hostile);
        Assert.Equal(Core.Ingestion.UploadStatus.Ingested, record.Status);

        var (csv, _) = await CsvAsync(app, Query());
        var records = Records(csv);

        Assert.Equal(4, records.Count);
        var rows = records.Skip(1).ToList();
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"x\")", rows[0][TrackingColumn("campaign")]);
        Assert.Equal("'+SUM(1)", rows[0][TrackingColumn("product")]);
        Assert.Equal("'@brand", rows[0][TrackingColumn("brand")]);
        Assert.Equal("'-2+3", rows[0][TrackingColumn("order_id")]);
        Assert.Equal("'@SUM(A1)", rows[1][TrackingColumn("campaign")]);
        Assert.Equal("line one, \"quoted\"", rows[1][TrackingColumn("product")]);
        Assert.Equal("'-10", rows[2][TrackingColumn("campaign")]);
        Assert.Equal("Whey Tab", rows[2][TrackingColumn("product")]);
        Assert.All(rows.SelectMany(row => row), field => Assert.False(
            field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n',
            $"'{field}' starts a formula"));

        // The same rows are inert in the workbook: text cells, no formulas, the same neutralised text.
        var (workbook, _) = await XlsxAsync(app, Query());
        using (workbook)
        {
            var sheet = workbook.Worksheet("tracking");
            Assert.All(sheet.CellsUsed(), cell => Assert.False(cell.HasFormula));
            for (var i = 0; i < rows.Count; i++)
            {
                foreach (var column in new[] { "campaign", "product", "brand", "order_id" })
                {
                    Assert.Equal(rows[i][TrackingColumn(column)],
                        sheet.Cell(i + 2, TrackingColumn(column) + 1).GetString());
                }
            }
        }
    }

    [Fact]
    public async Task SimulatedRowsSurviveBufferBoundaries()
    {
        await using var app = TestApp.Create(azurite);
        var directory = Directory.CreateTempSubdirectory("hk-export-");
        try
        {
            var simulation = Simulation.Simulator.Run(new Simulation.SimulationOptions
            {
                Seed = 7,
                TrackingRows = 6_000
            }, directory.FullName);
            foreach (var file in simulation.Files.Where(f => f.Name is "influencers.csv" or "tracking_data.csv"))
            {
                var ingested = await app.IngestAsync(file.Name, await File.ReadAllBytesAsync(file.Path));
                Assert.Equal(Core.Ingestion.UploadStatus.Ingested, ingested.Status);
            }

            var source =
                Records(await File.ReadAllTextAsync(simulation.Files.Single(f => f.Name == "tracking_data.csv").Path));
            var (csv, result) = await CsvAsync(app, Query());
            var exported = Records(csv);

            // Same rows, same order: order ids and pseudonymised users line up with the uploaded file.
            var orderId = Array.IndexOf(source[0], "order_id");
            var userId = Array.IndexOf(source[0], "user_id");
            Assert.Equal(source.Count - 1, result.Rows);
            Assert.Equal(source.Skip(1).Select(r => r[orderId]),
                exported.Skip(1).Select(r => r[TrackingColumn("order_id")]));
            Assert.Equal(source.Skip(1).Select(r => P(r[userId])),
                exported.Skip(1).Select(r => r[TrackingColumn("user_id")]));

            var (filtered, _) = await CsvAsync(app, Query(("platform", "YouTube")));
            Assert.Equal(
                exported.Skip(1).Where(r => r[TrackingColumn("platform")] == "YouTube")
                    .Select(r => string.Join(',', r)),
                Records(filtered).Skip(1).Select(r => string.Join(',', r)));

            // The workbook, spliced from pre-rendered rows and rendered
            // live (a filter that keeps every row), holds the same rows.
            var spliced = TrackingXlsxExportTests.Cells(await XlsxBytesAsync(app, Query()));
            var platforms = string.Join(',', exported.Skip(1).Select(r => r[TrackingColumn("platform")]).Distinct());
            var live = TrackingXlsxExportTests.Cells(await XlsxBytesAsync(app, Query(("platform", platforms))));
            Assert.Equal(source.Count, spliced.Count);
            Assert.Equal(live, spliced);
            Assert.Equal(
                exported.Skip(1).Select(r => r[TrackingColumn("order_id")]),
                spliced.Skip(1).Select(row => row.Split('|')[TrackingColumn("order_id")].Split(':', 2)[1]));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<byte[]> XlsxBytesAsync(TestApp app, Core.Analytics.AnalyticsQuery query)
    {
        using var output = new MemoryStream();
        await app.Get<TrackingExport>().WriteXlsxAsync(query, new NonSeekableStream(output), CancellationToken.None);
        TrackingXlsxExportTests.AssertZipChecksums(output.ToArray());
        return output.ToArray();
    }

    internal static int TrackingColumn(string name) => Array.IndexOf(Header.Split(','), name);
}
