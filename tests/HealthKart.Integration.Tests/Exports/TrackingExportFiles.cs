using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;
using CsvHelper.Configuration;
using HealthKart.Core.Analytics;
using HealthKart.Core.Privacy;
using HealthKart.Infrastructure.Exports.Tracking;

namespace HealthKart.Integration.Tests.Exports;

/// <summary>
/// Two monthly tracking files and the roster they refer to, with every exported row worked out by hand: the platform as
/// the analytics resolve it (O-703 has no source, so it is INF002's YouTube), the brand from the product when blank,
/// revenue in rupees with two decimals, user_id as its pseudonym. Order ids name the rows in the tests.
/// </summary>
internal static class TrackingExportFiles
{
    public const string July = "tracking_data/2025-07.csv";
    public const string August = "tracking_data/2025-08.csv";

    public const string Influencers =
        "ID,name,category,gender,follower_count,platform\n" +
        "INF001,Aarav Fit,Fitness,Male,120000,Instagram\n" +
        "INF002,Diya Eats,Nutrition,Female,45000,YouTube\n" +
        "INF003,Kabir Lifts,Bodybuilding,Male,650000,Instagram\n";

    public const string JulyCsv =
        "source,campaign,influencer_id,user_id,product,date,orders,revenue,brand,order_id,status\n" +
        "instagram,MB-Summer-Shred,INF001,U0001,MuscleBlaze Biozyme Whey " +
        "Protein,2025-07-01,2,5798.00,MuscleBlaze,O-701,completed\n" +
        "youtube,HKV-Immunity,INF002,U0002,HKVitals Multivitamin,2025-07-02,1,599,HKVitals,O-702,completed\n" +
        ",MB-Summer-Shred,INF002,U0003,MuscleBlaze Biozyme Whey Protein,2025-07-03,1,2899,,O-703,refunded\n" +
        "instagram,MB-Summer-Shred,INF003,U0004,MuscleBlaze Biozyme Whey " +
        "Protein,2025-07-04,3,8697,MuscleBlaze,O-704,completed\n" +
        "organic,,,U0005,Gritzo SuperMilk,2025-07-04,1,749,Gritzo,O-705,completed\n";

    public const string AugustCsv =
        "source,campaign,influencer_id,user_id,product,date,orders,revenue,brand,order_id,status\n" +
        "youtube,HKV-Immunity,INF002,U0002,HKVitals Multivitamin,2025-08-01,2,1198,HKVitals,O-801,completed\n" +
        "instagram,GR-Kids,INF001,U0006,Gritzo SuperMilk,2025-08-02,1,749.5,Gritzo,O-802,cancelled\n" +
        "instagram,MB-Summer-Shred,INF003,U0001,MuscleBlaze Biozyme Whey " +
        "Protein,2025-08-03,1,2899,MuscleBlaze,O-803,completed\n";

    public const string Header =
        "date,influencer_id,platform,campaign,product,brand,orders,revenue,status,order_id,user_id";

    private static readonly UserPseudonymizer Pseudonyms = new(TestApp.UserIdKey, enabled: true);

    /// <summary>Every row of both files as the export must write it, in file-name order (July, then August).</summary>
    public static readonly IReadOnlyDictionary<string, string> Expected = new[]
    {
        "2025-07-01,INF001,Instagram,MB-Summer-Shred,MuscleBlaze Biozyme Whey " +
        $"Protein,MuscleBlaze,2,5798.00,completed,O-701,{P("U0001")}",
        $"2025-07-02,INF002,YouTube,HKV-Immunity,HKVitals Multivitamin,HKVitals,1,599.00,completed,O-702,{P("U0002")}",
        "2025-07-03,INF002,YouTube,MB-Summer-Shred,MuscleBlaze Biozyme Whey " +
        $"Protein,MuscleBlaze,1,2899.00,refunded,O-703,{P("U0003")}",
        "2025-07-04,INF003,Instagram,MB-Summer-Shred,MuscleBlaze Biozyme Whey " +
        $"Protein,MuscleBlaze,3,8697.00,completed,O-704,{P("U0004")}",
        $"2025-07-04,,organic,,Gritzo SuperMilk,Gritzo,1,749.00,completed,O-705,{P("U0005")}",
        $"2025-08-01,INF002,YouTube,HKV-Immunity,HKVitals Multivitamin,HKVitals,2,1198.00,completed,O-801,{P("U0002")}",
        $"2025-08-02,INF001,Instagram,GR-Kids,Gritzo SuperMilk,Gritzo,1,749.50,cancelled,O-802,{P("U0006")}",
        "2025-08-03,INF003,Instagram,MB-Summer-Shred,MuscleBlaze Biozyme Whey " +
        $"Protein,MuscleBlaze,1,2899.00,completed,O-803,{P("U0001")}",
    }.ToDictionary(line => line.Split(',')[9]);

    public static readonly string[] RawUserIds = ["U0001", "U0002", "U0003", "U0004", "U0005", "U0006"];

    public static string P(string userId) => Pseudonyms.Pseudonymize(userId);

    public static async Task IngestAllAsync(TestApp app)
    {
        foreach (var (name, csv) in new[] { ("influencers.csv", Influencers), (July, JulyCsv), (August, AugustCsv) })
        {
            var record = await app.IngestAsync(name, csv);
            Assert.True(record.Status == Core.Ingestion.UploadStatus.Ingested,
                $"{name}: {record.Status} {record.Message}");
        }
    }

    public static AnalyticsQuery Query(params (string Name, string Value)[] parameters) =>
        AnalyticsQueryParser.Parse(parameters.GroupBy(p => p.Name)
            .Select(g => KeyValuePair.Create(g.Key, g.Select(p => (string?)p.Value).ToArray())));

    public static async Task<(string Text, TrackingExportResult Result)> CsvAsync(TestApp app, AnalyticsQuery query)
    {
        using var output = new MemoryStream();
        var result = await app.Get<TrackingExport>().WriteCsvAsync(query, new NonSeekableStream(output),
            CancellationToken.None);
        var bytes = output.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return (Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), result);
    }

    /// <summary>
    /// The CSV's records, parsed as RFC 4180 (quoted fields may hold commas, quotes and line breaks).
    /// </summary>
    public static List<string[]> Records(string csv)
    {
        using var parser = new CsvParser(new StringReader(csv), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ",",
            DetectDelimiter = false,
            BadDataFound = context => throw new InvalidDataException($"bad CSV: {context.RawRecord}"),
        });
        var records = new List<string[]>();
        while (parser.Read())
        {
            records.Add(parser.Record!);
        }

        return records;
    }

    /// <summary>The data lines of an export whose values need no quoting, each checked to end with CRLF.</summary>
    public static List<string> Lines(string csv)
    {
        Assert.EndsWith("\r\n", csv);
        var lines = csv[..^2].Split("\r\n");
        Assert.Equal(Header, lines[0]);
        return [.. lines.Skip(1)];
    }

    public static async Task<(XLWorkbook Workbook, TrackingExportResult Result)> XlsxAsync(TestApp app,
        AnalyticsQuery query)
    {
        var output = new MemoryStream();
        var result = await app.Get<TrackingExport>().WriteXlsxAsync(query, new NonSeekableStream(output),
            CancellationToken.None);
        output.Position = 0;
        return (new XLWorkbook(output), result);
    }
}

/// <summary>A write-only stream that cannot seek, like an HTTP response body.</summary>
internal sealed class NonSeekableStream(Stream inner) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position
    {
        get => throw new NotSupportedException(); set =>
        throw new NotSupportedException();
    }
    public override void Flush() => throw new InvalidOperationException("Synchronous flushes are not allowed.");
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// Like ASP.NET Core's response body, refuses synchronous writes: the export must write asynchronously.
    /// </summary>
    public override void Write(byte[] buffer, int offset, int count) =>
        throw new InvalidOperationException("Synchronous writes are not allowed.");

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
}
