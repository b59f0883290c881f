using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using HealthKart.Core.Reports;
using HealthKart.Core.Views;

namespace HealthKart.Core.Tests.Reports;

public sealed class CsvReportWriterTests
{
    public static TheoryData<string, string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string, string>();
            foreach (var row in ReportCases.All().Where(c => ReportCatalog.HasCsv((string)c[2])))
            {
                cases.Add((string)row[0], (string)row[1], (string)row[2]);
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryReportParsesBackToTheValuesOfItsJson(string dataset, string query, string name)
    {
        var (selection, today, context) = ReportCases.Resolve(dataset, query);
        var report = ReportCatalog.Build(name, selection, today, context);
        var map = ReportCatalog.Map(name)[0];
        var (header, records) = Parse(await Write(report.Main));

        Assert.Equal(map.Columns.Select(c => c.Header), header);
        var rows = ViewJson.Rows(ViewJson.Of(name, selection, today), map.JsonRows);
        Assert.Equal(rows.Count, records.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < header.Length; c++)
            {
                CellExpectation.Csv(records[r][c], ViewJson.At(rows[r], map.Columns[c].JsonName),
                    report.Main.Columns[c].Kind, $"{name} row {r + 1} {map.Columns[c].JsonName}");
            }
        }
    }

    [Fact]
    public async Task WritesUtf8WithBomCrLfLinesAndQuotesOnlyFieldsThatNeedIt()
    {
        var sheet = new ReportSheet("S", [new("Name", ColumnKind.Text, 10), new("Revenue (₹)", ColumnKind.Money, 10),
            new("Paid", ColumnKind.Boolean, 5), new("Day", ColumnKind.Date, 10), new("ROI %", ColumnKind.Percent, 5)],
        [
            ["Asha, \"the\" coach", 1234567.50m, true, new DateOnly(2025, 7, 1), -25.6453],
            ["two\r\nlines", null, false, null, null],
        ]);

        var bytes = await Write(sheet);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(
            "Name,Revenue (₹),Paid,Day,ROI %\r\n"
            + "\"Asha, \"\"the\"\" coach\",1234567.50,true,2025-07-01,-25.6453\r\n"
            + "\"two\r\nlines\",,false,,\r\n",
            Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public async Task StreamsRowsToTheOutputWhileTheyAreStillBeingProduced()
    {
        var output = new MemoryStream();
        // Set by the iterator below while the writer drains it; IDE0059 cannot see the write happen before the read.
#pragma warning disable IDE0059
        long writtenBeforeTheLastRow = 0;
#pragma warning restore IDE0059
        IEnumerable<object?[]> Rows()
        {
            for (var i = 0; i < 5000; i++)
            {
                yield return [i.ToString(CultureInfo.InvariantCulture), (long)i];
            }

            writtenBeforeTheLastRow = output.Length;
            yield return ["last", 5000L];
        }

        await CsvReportWriter.WriteAsync(new ReportSheet("S",
            [new("Row", ColumnKind.Text, 5), new("N", ColumnKind.Integer, 5)], Rows()), output, default);

        // 5,000 rows are far more than one flush; most must have reached the stream before the producer finished.
        Assert.True(writtenBeforeTheLastRow > output.Length / 2, $"{writtenBeforeTheLastRow} of {output.Length} bytes");
    }

    internal static async Task<byte[]> Write(ReportSheet sheet)
    {
        var output = new MemoryStream();
        await CsvReportWriter.WriteAsync(sheet, output, CancellationToken.None);
        return output.ToArray();
    }

    internal static (string[] Header, List<string[]> Records) Parse(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8,
            detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ",",
            DetectDelimiter = false
        });
        Assert.True(csv.Read());
        Assert.True(csv.ReadHeader());
        var records = new List<string[]>();
        while (csv.Read())
        {
            records.Add(csv.Parser.Record!);
        }

        return (csv.HeaderRecord!, records);
    }
}
