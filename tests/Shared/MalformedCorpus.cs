using System.IO.Compression;
using System.Text;
using HealthKart.Core.Validation;

namespace HealthKart.Tests.Shared;

/// <summary>
/// One file that must be rejected. <see cref="FileName"/> is the upload's blob name (it decides the dataset);
/// <see cref="ExpectedRow"/> is the spreadsheet row of the first error (header = 1, 0 = the file as a whole);
/// <see cref="ExpectedReasonFragment"/> is a case-insensitive part of that error's reason.
/// </summary>
public sealed record MalformedFile(
    string Name, string FileName, byte[] Content, long ExpectedRow, string? ExpectedColumn,
    string ExpectedReasonFragment)
{
    public override string ToString() => Name;
}

/// <summary>
/// Files marketing could plausibly upload, each broken in exactly one way. Every one is a small edit of a valid file in
/// <see cref="ValidFiles"/>, so a rejection can only come from the defect. Shared by the unit tests (validator) and the
/// integration tests (upload endpoint and blob trigger).
/// </summary>
public static class MalformedCorpus
{
    public const string InfluencersHeader = "ID,name,category,gender,follower_count,platform";
    public const string PostsHeader = "influencer_id,platform,date,URL,caption,reach,likes,comments";
    public const string TrackingHeader = "source,campaign,influencer_id,user_id,product,date,orders,revenue";
    public const string PayoutsHeader = "influencer_id,basis,rate,orders,total_payout";

    private const string Influencer2 = "INF001,Asha Rao,Fitness,Female,120000,Instagram";
    private const string Influencer3 = "INF002,Vikram Shah,Nutrition,Male,45000,YouTube";
    private const string Post2 =
        "INF001,Instagram,2025-07-01,https://instagram.com/p/a1,Morning whey shake,50000,2400,130";
    private const string Post3 =
        "INF002,YouTube,2025-07-02,https://youtube.com/watch?v=b2,Protein review,30000,1500,90";
    private const string Sale2 = "Instagram,Monsoon Muscle,INF001,U1001,MuscleBlaze Whey Protein,2025-07-01,2,4998.00";
    private const string Sale3 = "YouTube,Monsoon Muscle,INF002,U1002,HKVitals Multivitamin,2025-07-02,1,699.00";
    private const string Payout2 = "INF001,post,15000,0,15000";
    private const string Payout3 = "INF002,order,120,25,3000";

    /// <summary>The valid files the corpus is cut from; each must be accepted, or the corpus proves nothing.</summary>
    public static IReadOnlyDictionary<string, string> ValidFiles { get; } = new Dictionary<string, string>
    {
        ["influencers.csv"] = Lines(InfluencersHeader, Influencer2, Influencer3),
        ["posts.csv"] = Lines(PostsHeader, Post2, Post3),
        ["tracking_data.csv"] = Lines(TrackingHeader, Sale2, Sale3),
        ["payouts.csv"] = Lines(PayoutsHeader, Payout2, Payout3),
    };

    public static MalformedFile Named(string name) => All.Single(file => file.Name == name);

    public static IEnumerable<MalformedFile> All
    {
        get
        {
            // Header problems: the first error is on row 1 and names the first required column that is missing.
            yield return Text("missing-column", "tracking_data.csv", 1, "revenue",
                "required column 'revenue' is missing", "source,campaign,influencer_id,user_id,product,date,orders",
                "Instagram,Monsoon Muscle,INF001,U1001,MuscleBlaze Whey Protein,2025-07-01,2");
            yield return Text("renamed-column", "posts.csv", 1, "URL", "required column 'URL' is missing",
                PostsHeader.Replace("URL", "post_link"), Post2);
            yield return Text("column-twice-through-alias", "influencers.csv", 1, "influencer_id",
                "column 'ID' appears twice", InfluencersHeader + ",influencer_id", Influencer2 + ",INF001");
            yield return Text("semicolon-delimiter", "tracking_data.csv", 1, "source", "the delimiter must be ','",
                TrackingHeader.Replace(',', ';'), Sale2.Replace(',', ';'));
            yield return Text("tab-delimiter", "tracking_data.csv", 1, "source", "the delimiter must be ','",
                TrackingHeader.Replace(',', '\t'), Sale2.Replace(',', '\t'));
            yield return Text("html-error-page", "tracking_data.csv", 1, "source",
                "required column 'source' is missing", "<!DOCTYPE html><html><head><title>Sign in</title></head>",
                "<body>Session expired</body></html>");
            yield return Text("too-many-columns", "tracking_data.csv", 0, null,
                $"{DatasetCsvReader.MaxColumns + 1} columns", TrackingHeader
                    + string.Concat(Enumerable.Range(1, DatasetCsvReader.MaxColumns + 1 - 8).Select(i => $",extra{i}")),
                    Sale2);

            // Values: the first error is on the bad row, in the bad column.
            yield return Text("unparsable-number", "posts.csv", 3, "reach", "not a number",
                PostsHeader, Post2, Post3.Replace("30000", "30k"));
            yield return Text("negative-revenue", "tracking_data.csv", 3, "revenue", "negative",
                TrackingHeader, Sale2, Sale3.Replace("699.00", "-699.00"));
            yield return Text("negative-reach", "posts.csv", 2, "reach", "negative",
                PostsHeader, Post2.Replace("50000", "-50000"), Post3);
            yield return Text("negative-payout-rate", "payouts.csv", 3, "rate", "negative",
                PayoutsHeader, Payout2, Payout3.Replace(",120,", ",-120,"));
            yield return Text("words-for-a-date", "tracking_data.csv", 2, "date", "yyyy-MM-dd",
                TrackingHeader, Sale2.Replace("2025-07-01", "yesterday"), Sale3);
            yield return Text("date-dd-MM-yyyy", "tracking_data.csv", 3, "date", "yyyy-MM-dd",
                TrackingHeader, Sale2, Sale3.Replace("2025-07-02", "02/07/2025"));
            yield return Text("impossible-date", "posts.csv", 2, "date", "not a real calendar date",
                PostsHeader, Post2.Replace("2025-07-01", "2025-02-30"), Post3);
            yield return Text("impossible-date-time", "posts.csv", 3, "date", "ISO 8601 date-time",
                PostsHeader, Post2, Post3.Replace("2025-07-02", "2025-07-02T25:00:00"));
            yield return Text("unknown-basis", "payouts.csv", 3, "basis", "must be 'post' or 'order'",
                PayoutsHeader, Payout2, Payout3.Replace("order", "per_click"));
            yield return Text("unknown-status", "tracking_data.csv", 3, "status",
                "must be completed, refunded or cancelled", TrackingHeader + ",status", Sale2 + ",completed", Sale3
                    + ",returned");
            yield return Text("unknown-gender", "influencers.csv", 2, "gender", "must be Male, Female or Other",
                InfluencersHeader, Influencer2.Replace("Female", "F"), Influencer3);
            yield return Text("duplicate-influencer-id", "influencers.csv", 4, "ID",
                "duplicate influencer ID; first seen on row 2", InfluencersHeader, Influencer2, Influencer3,
                Influencer2.Replace("Asha Rao", "Asha R."));
            yield return Text("thousands-separator", "tracking_data.csv", 2, "revenue", "thousands separators",
                TrackingHeader, Sale2.Replace("4998.00", "\"4,998.00\""), Sale3);
            yield return Text("exponent-number", "posts.csv", 2, "reach", "exponent",
                PostsHeader, Post2.Replace("50000", "5e4"), Post3);
            yield return Text("nan-revenue", "tracking_data.csv", 2, "revenue", "not a number",
                TrackingHeader, Sale2.Replace("4998.00", "NaN"), Sale3);
            yield return Text("infinite-revenue", "tracking_data.csv", 3, "revenue", "not a number",
                TrackingHeader, Sale2, Sale3.Replace("699.00", "Infinity"));
            yield return Text("rupee-sign-in-revenue", "tracking_data.csv", 2, "revenue", "not a number",
                TrackingHeader, Sale2.Replace("4998.00", "₹4998"), Sale3);
            yield return Text("fractional-orders", "tracking_data.csv", 2, "orders", "not a whole number",
                TrackingHeader, Sale2.Replace(",2,", ",1.5,"), Sale3);
            yield return Text("empty-required-value", "posts.csv", 3, "influencer_id", "empty; a value is required",
                PostsHeader, Post2, Post3.Replace("INF002", ""));
            yield return Text("nul-in-value", "posts.csv", 2, "caption", "NUL",
                PostsHeader, Post2.Replace("whey shake", "whey\0shake"), Post3);
            yield return Text("value-too-long", "posts.csv", 3, null, "longer than",
                PostsHeader, Post2,
                Post3.Replace("Protein review", new string('x', DatasetCsvReader.MaxFieldLength + 1)));

            // Record structure.
            yield return Text("too-few-fields", "tracking_data.csv", 3, null, "has 5 fields but the header has 8",
                TrackingHeader, Sale2, "YouTube,Monsoon Muscle,INF002,U1002,HKVitals Multivitamin");
            yield return Text("too-many-fields", "tracking_data.csv", 2, null, "has 9 fields but the header has 8",
                TrackingHeader, Sale2 + ",extra", Sale3);
            yield return Text("unclosed-quote", "posts.csv", 3, null, "malformed quoting",
                PostsHeader, Post2, Post3.Replace("Protein review", "\"Protein review"));
            yield return Text("stray-quote-in-unquoted-field", "posts.csv", 2, null, "malformed quoting",
                PostsHeader, Post2.Replace("Morning whey shake", "Morning 6\" whey shake"), Post3);

            // Not a CSV text file at all.
            yield return new MalformedFile("empty-file", "tracking_data.csv", [], 0, null, "the file is empty");
            yield return Text("header-only", "tracking_data.csv", 0, null, "has a header but no rows", TrackingHeader);
            yield return new MalformedFile("whitespace-only", "tracking_data.csv",
                Encoding.UTF8.GetBytes(" \r\n   \r\n\t \r\n"), 0, null, "blank line");
            yield return new MalformedFile("binary-garbage", "tracking_data.csv", Garbage(), 0, null, "binary file");
            yield return new MalformedFile("zip-renamed-csv", "tracking_data.csv", Workbook(sheets: 40), 0, null,
                "ZIP archive");
            yield return new MalformedFile("utf16-le-with-bom", "tracking_data.csv",
                [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(ValidFiles["tracking_data.csv"])], 0,
                null, "utf-16");
            yield return new MalformedFile("utf16-be-with-bom", "posts.csv",
                [.. Encoding.BigEndianUnicode.GetPreamble(),
                    .. Encoding.BigEndianUnicode.GetBytes(ValidFiles["posts.csv"])], 0, null, "utf-16");
            yield return new MalformedFile("windows-1252-text", "tracking_data.csv",
                Latin1(TrackingHeader, Sale2, Sale3.Replace("HKVitals Multivitamin", "HKVitals Café Blend")), 3,
                "product", "not valid UTF-8");
            yield return new MalformedFile("overlong-utf8-sequence", "posts.csv",
                [.. Utf8(Lines(PostsHeader, Post2)
                    + "INF002,YouTube,2025-07-02,https://youtube.com/watch?v=b2,Protein "),
                    0xC0, 0xAF, // an overlong '/', which UTF-8 forbids
                    .. Utf8(" review,30000,1500,90\n")], 3, "caption", "not valid UTF-8");
            yield return new MalformedFile("invalid-utf8-after-bom", "posts.csv",
                [0xEF, 0xBB, 0xBF, .. Latin1(PostsHeader, Post2.Replace("Morning whey shake", "Crème shake"), Post3)],
                2, "caption", "not valid UTF-8");

            // The blob name does not say which dataset the file is.
            yield return new MalformedFile("unknown-dataset-name", "sales.csv", Utf8(ValidFiles["tracking_data.csv"]),
                0, null, "does not say which dataset");
            yield return new MalformedFile("not-a-csv-name", "tracking_data.xlsx",
                Utf8(ValidFiles["tracking_data.csv"]), 0, null, "is not a .csv file");
            yield return new MalformedFile("folder-not-a-dataset", "misc/tracking.csv",
                Utf8(ValidFiles["tracking_data.csv"]), 0, null, "Folder 'misc' is not a dataset");
        }
    }

    /// <summary>
    /// Hostile files: built to exhaust memory or time, to smuggle another encoding, or to look like something else.
    /// Each is a few MB at most (the 200 MB file is generated as a stream by the test that needs it); built once,
    /// because the theories look files up by name.
    /// </summary>
    public static IReadOnlyList<MalformedFile> Hostile => HostileFiles.Value;

    private static readonly Lazy<IReadOnlyList<MalformedFile>> HostileFiles = new(() => BuildHostile().ToList());

    private static IEnumerable<MalformedFile> BuildHostile()
    {
        const int Megabyte = 1_000_000;
        // Messages group numbers the Indian way: the 32,000-character field limit, and the 1,048,576-character line
        // limit (2^20 = 10 lakh 48 thousand 576) as 10,48,576.
        // One line of 1 MB: no delimiter and no line break, so the first field is the whole file.
        yield return new MalformedFile("one-megabyte-line", "tracking_data.csv", Repeat((byte)'A', Megabyte), 1, null,
            "longer than 32,000 characters");
        // Four million empty columns on the header row; the width alone must reject it, without a string per column.
        yield return new MalformedFile("four-million-commas-in-header", "tracking_data.csv",
            [.. Utf8(TrackingHeader), .. Repeat((byte)',', 4 * Megabyte), .. Utf8("\n" + Sale2 + "\n")], 1, null,
            "longer than 10,48,576 characters");
        // The same on a data row, after a good header and a good row.
        yield return new MalformedFile("four-million-commas-in-a-row", "tracking_data.csv",
            [.. Utf8(Lines(TrackingHeader, Sale2)), .. Repeat((byte)',', 4 * Megabyte), .. Utf8("\n" + Sale3 + "\n")],
            3, null, "longer than 10,48,576 characters");
        // Just under the line limit, but far more columns than any dataset has.
        yield return Text("thousands-of-columns", "tracking_data.csv", 0, null, "a tracking_data file has at most 256",
            TrackingHeader + new string(',', 100_000), Sale2);
        // A CSV bomb: one quoted field of 16 MB of line breaks, every physical line short.
        yield return new MalformedFile("quoted-newline-bomb", "posts.csv",
            [.. Utf8(Lines(PostsHeader, Post2) + "INF002,YouTube,2025-07-02,https://youtube.com/watch?v=b2,\""),
                .. Repeat((byte)'\n', 16 * Megabyte), .. Utf8("\",30000,1500,90\n")], 3, null,
                "longer than 32,000 characters");
        // Text in other encodings, without the byte-order mark that would name them.
        yield return new MalformedFile("utf16-le-without-bom", "tracking_data.csv",
            Encoding.Unicode.GetBytes(ValidFiles["tracking_data.csv"]), 0, null, "UTF-16");
        yield return new MalformedFile("utf16-be-without-bom", "influencers.csv",
            Encoding.BigEndianUnicode.GetBytes(ValidFiles["influencers.csv"]), 0, null, "UTF-16");
        yield return new MalformedFile("utf32-le-with-bom", "payouts.csv",
            [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(ValidFiles["payouts.csv"])], 0, null,
            "utf-32");
        // Invalid UTF-8: continuation bytes with no lead byte in the header, and a truncated sequence at the very end.
        yield return new MalformedFile("invalid-utf8-in-header", "tracking_data.csv",
            [.. Utf8("source,campaign,influencer_id,user_"), 0x80, 0x81,
                .. Utf8("id,product,date,orders,revenue\n" + Sale2 + "\n")], 0, null, "not valid UTF-8");
        yield return new MalformedFile("truncated-utf8-at-end-of-file", "posts.csv",
            [.. Utf8(Lines(PostsHeader, Post2)
                + "INF002,YouTube,2025-07-02,https://youtube.com/watch?v=b2,Protein review,30000,1500,9"), 0xE2, 0x82],
            3, "comments", "not valid UTF-8");
        // NUL bytes: a file of nothing but NULs (a disk image, a sparse file), and NULs after a good header.
        yield return new MalformedFile("nul-bytes-only", "tracking_data.csv", new byte[64 * 1024], 1, null,
            "not a header row: a binary file");
        yield return new MalformedFile("nul-bytes-after-header", "tracking_data.csv",
            [.. Utf8(Lines(TrackingHeader, Sale2)), .. new byte[4096], .. Utf8("\n")], 3, null,
            "has 1 fields but the header has 8");
        // A workbook of realistic size renamed to .csv, and a gzip of the valid file.
        yield return new MalformedFile("large-zip-renamed-csv", "tracking_data.csv", Workbook(sheets: 20_000), 0, null,
            "ZIP archive");
        yield return new MalformedFile("gzip-renamed-csv", "tracking_data.csv", Gzip(ValidFiles["tracking_data.csv"]),
            0, null, "binary file");
    }

    private static byte[] Repeat(byte value, int count)
    {
        var bytes = new byte[count];
        Array.Fill(bytes, value);
        return bytes;
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Utf8(text));
        }

        return buffer.ToArray();
    }

    private static MalformedFile Text(string name, string fileName, long row, string? column, string reason,
        params string[] lines) =>
        new(name, fileName, Utf8(Lines(lines)), row, column, reason);

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>What Excel's "CSV (Comma delimited)" writes on Windows: é is the single byte 0xE9, not UTF-8.</summary>
    private static byte[] Latin1(params string[] lines) => Encoding.Latin1.GetBytes(Lines(lines));

    /// <summary>Random bytes from a fixed seed (the seeded Random sequence is stable across .NET versions).</summary>
    private static byte[] Garbage()
    {
        var bytes = new byte[4096];
        new Random(20250701).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A real (tiny) .xlsx-like ZIP: the signature PK\x03\x04, then deflated, non-UTF-8 bytes.</summary>
    private static byte[] Workbook(int sheets)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("[Content_Types].xml", CompressionLevel.Optimal);
            entry.LastWriteTime = new DateTimeOffset(2025, 7, 1, 9, 30, 0, TimeSpan.Zero);
            using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
            writer.Write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types " +
                "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + string.Concat(Enumerable.Range(0, sheets)
                    .Select(i => $"<Override PartName=\"/xl/worksheets/sheet{i}.xml\"/>")) + "</Types>");
        }

        return buffer.ToArray();
    }
}
