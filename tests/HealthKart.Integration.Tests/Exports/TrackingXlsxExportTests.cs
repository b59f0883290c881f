using System.Globalization;
using ClosedXML.Excel;
using HealthKart.Infrastructure.Exports.Tracking;
using static HealthKart.Integration.Tests.Exports.TrackingExportFiles;

namespace HealthKart.Integration.Tests.Exports;

[Collection(AzuriteFixture.Collection)]
public sealed class TrackingXlsxExportTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task WorkbookHasTheSameRowsAsTheCsvWithTypedCells()
    {
        await using var app = TestApp.Create(azurite);
        await IngestAllAsync(app);

        var (workbook, result) = await XlsxAsync(app, Query());

        using (workbook)
        {
            var sheet = workbook.Worksheet("tracking");
            Assert.Equal(9, sheet.LastRowUsed().RowNumber());
            Assert.Equal(Header.Split(','), sheet.Row(1).Cells(1, 11).Select(c => c.GetString()));
            Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
            Assert.Equal(Expected.Values, Enumerable.Range(2, 8).Select(row => CsvLine(sheet.Row(row))));

            // O-701: a real date, whole orders, revenue in rupees, all numbers Excel can sum.
            var date = sheet.Cell(2, 1);
            Assert.Equal(XLDataType.DateTime, date.DataType);
            Assert.Equal(new DateTime(2025, 7, 1), date.GetDateTime());
            Assert.Equal(XLDataType.Number, sheet.Cell(2, 7).DataType);
            Assert.Equal(2, sheet.Cell(2, 7).GetDouble());
            Assert.Equal(XLDataType.Number, sheet.Cell(2, 8).DataType);
            Assert.Equal(5798.00, sheet.Cell(2, 8).GetDouble());
            Assert.Equal(XLDataType.Text, sheet.Cell(2, 10).DataType);
            Assert.Equal(8, result.Rows);
            Assert.False(result.Truncated);
        }
    }

    [Fact]
    public async Task FilteredWorkbookKeepsTheFilteredRows()
    {
        await using var app = TestApp.Create(azurite);
        await IngestAllAsync(app);

        var (workbook, result) = await XlsxAsync(app, Query(("platform", "YouTube")));

        using (workbook)
        {
            var sheet = workbook.Worksheet("tracking");
            Assert.Equal([Expected["O-702"], Expected["O-703"], Expected["O-801"]],
                Enumerable.Range(2, 3).Select(row => CsvLine(sheet.Row(row))));
            Assert.Equal(4, sheet.LastRowUsed().RowNumber());
            Assert.Equal(3, result.Rows);
        }
    }

    [Theory]
    // Eight rows match. A limit of L sheet rows holds the header and L - 1 rows; with more to come, the last sheet row
    // is the note instead, so L - 2 rows are shown.
    [InlineData(5, 3, true)]
    [InlineData(8, 6, true)]
    [InlineData(9, 8, false)]
    [InlineData(10, 8, false)]
    public async Task TheRowLimitEndsTheSheetWithANote(int limit, int shown, bool truncated)
    {
        await using var app =
            TestApp.Create(azurite, new Dictionary<string, string?> { ["TrackingExport:XlsxRowLimit"] = $"{limit}" });
        await IngestAllAsync(app);

        var (workbook, result) = await XlsxAsync(app, Query());

        using (workbook)
        {
            var sheet = workbook.Worksheet("tracking");
            Assert.Equal(shown, result.Rows);
            Assert.Equal(truncated, result.Truncated);
            Assert.Equal(Expected.Values.Take(shown),
                Enumerable.Range(2, shown).Select(row => CsvLine(sheet.Row(row))));
            var last = sheet.LastRowUsed().RowNumber();
            if (truncated)
            {
                Assert.Equal(limit, last);
                Assert.StartsWith($"Truncated at the {limit:N0}-row limit of an Excel sheet",
                    sheet.Cell(last, 1).GetString());
                Assert.Contains("CSV", sheet.Cell(last, 1).GetString());
            }
            else
            {
                Assert.Equal(shown + 1, last);
            }
        }
    }

    [Fact]
    public async Task RowsPreRenderedAtIngestionGiveTheSameWorkbookAsRenderingThemLive()
    {
        await using var app = TestApp.Create(azurite);
        await app.IngestAsync("influencers.csv", Influencers);
        await app.IngestAsync(August, AugustCsv);
        await app.IngestAsync("tracking_data/2025-09.csv",
            "source,campaign,influencer_id,user_id,product,date,orders,revenue\n" +
            "youtube,HKV-Immunity,INF002,U0007,HKVitals Multivitamin,2025-09-01,1,599\n" +
            "instagram,\"Big \"\"Sale\"\", now\",INF003,U0008,MuscleBlaze Raw Whey,2025-09-02,2,5798\n");
        var copies = app.Get<TrackingCopies>();
        var versions = (await app.CatalogAsync()).Sources.Where(s => s.Dataset == Core.DataContract.Dataset.Tracking)
            .Select(s => s.SourceVersion).ToList();
        Assert.All(versions, version => Assert.True(copies.SheetBlob(version).Exists().Value));

        // Unfiltered: spliced from the pre-rendered rows. A filter that keeps every row: rendered live.
        var spliced = await XlsxBytesAsync(app, Query());
        var live = await XlsxBytesAsync(app, Query(("platform", "Instagram,YouTube")));

        Assert.Equal(Cells(live), Cells(spliced));
        Assert.Equal(6, Cells(spliced).Count);
        Assert.Contains(Cells(spliced), row => row.Contains("|Text:Big \"Sale\", now|", StringComparison.Ordinal));
        AssertZipChecksums(spliced);
        AssertZipChecksums(live);

        // A version whose pre-rendered rows are missing (ingested before they existed) gets them on its first export.
        await copies.SheetBlob(versions[0]).DeleteAsync();
        Assert.Equal(Cells(spliced), Cells(await XlsxBytesAsync(app, Query())));
        Assert.True(await copies.SheetBlob(versions[0]).ExistsAsync());
    }

    [Fact]
    public async Task AVersionWithPlatformsToResolveHasNoPreRenderedRows()
    {
        await using var app = TestApp.Create(azurite);
        await IngestAllAsync(app);

        var july = (await app.CatalogAsync()).Sources.Single(s => s.FileName == July).SourceVersion;

        Assert.False(await app.Get<TrackingCopies>().SheetBlob(july).ExistsAsync());
    }

    [Fact]
    public async Task WithoutTrackingDataBothFormatsHoldOnlyTheHeader()
    {
        await using var app = TestApp.Create(azurite);
        await app.IngestAsync("influencers.csv", Influencers);

        var (csv, csvResult) = await CsvAsync(app, Query());
        var xlsx = await XlsxBytesAsync(app, Query());

        Assert.Empty(Lines(csv));
        Assert.Equal(0, csvResult.Rows);
        AssertZipChecksums(xlsx);
        Assert.Single(Cells(xlsx));
    }

    private static async Task<byte[]> XlsxBytesAsync(TestApp app, Core.Analytics.AnalyticsQuery query)
    {
        using var output = new MemoryStream();
        await app.Get<TrackingExport>().WriteXlsxAsync(query, new NonSeekableStream(output), CancellationToken.None);
        return output.ToArray();
    }

    /// <summary>Every used cell as "type:value", row by row, from ClosedXML's reading of the workbook.</summary>
    internal static List<string> Cells(byte[] xlsx)
    {
        using var workbook = new XLWorkbook(new MemoryStream(xlsx));
        return workbook.Worksheet("tracking").RowsUsed()
            .Select(row => string.Join('|', row.Cells(1, 11).Select(c => $"{c.DataType}:{c.GetString()}")))
            .ToList();
    }

    /// <summary>
    /// Each zip entry's stored CRC-32 and size match its content: the spliced chunks and the combined CRC are right.
    /// </summary>
    internal static void AssertZipChecksums(byte[] xlsx)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx),
            System.IO.Compression.ZipArchiveMode.Read);
        Assert.Equal(6, zip.Entries.Count);
        foreach (var entry in zip.Entries)
        {
            using var content = new MemoryStream();
            using (var stream = entry.Open())
            {
                stream.CopyTo(content);
            }

            Assert.Equal(entry.Length, content.Length);
            Assert.Equal(entry.Crc32, System.IO.Hashing.Crc32.HashToUInt32(content.ToArray()));
        }
    }

    /// <summary>
    /// A sheet row written back in the CSV's layout, so the workbook is compared with the same expected lines.
    /// </summary>
    private static string CsvLine(IXLRow row) => string.Join(',', Enumerable.Range(1, 11).Select(column =>
    {
        var cell = row.Cell(column);
        return column switch
        {
            1 => cell.GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            7 => cell.GetDouble().ToString("0", CultureInfo.InvariantCulture),
            8 => cell.GetDouble().ToString("0.00", CultureInfo.InvariantCulture),
            _ => cell.GetString(),
        };
    }));
}
