using System.Buffers;
using System.Text;
using HealthKart.Core.DataContract;
using HealthKart.Core.Reports;

namespace HealthKart.Infrastructure.Exports.Tracking;

/// <summary>
/// The layout of an export-ready tracking copy, which is byte for byte the body of the CSV export: RFC 4180, UTF-8
/// without a BOM (the export writes one), CRLF line ends, one header row. Text is neutralised against formula injection
/// (<see cref="SpreadsheetText.Neutralize"/>) and quoted only when it holds a comma, quote, CR or LF; numbers are plain
/// (orders, revenue in rupees with 2 decimals), the date is yyyy-MM-dd and user_id is only ever the keyed pseudonym.
/// Because the copy is already in the export's format, an export that keeps every row of a source is a byte copy.
/// </summary>
internal static class TrackingCopyFormat
{
    /// <summary>Stored as blob metadata; a reader refuses a copy written in another layout.</summary>
    public const string Version = "1";

    public const int Date = 0;
    public const int InfluencerId = 1;
    public const int Platform = 2;
    public const int Campaign = 3;
    public const int Product = 4;
    public const int Brand = 5;
    public const int Orders = 6;
    public const int Revenue = 7;
    public const int Status = 8;
    public const int OrderId = 9;
    public const int UserId = 10;

    public static readonly string[] Columns =
        ["date", "influencer_id", "platform", "campaign", "product", "brand", "orders", "revenue", "status", "order_id",
            "user_id"];

    public static int ColumnCount => Columns.Length;

    public static ReadOnlySpan<byte> HeaderLine =>
        "date,influencer_id,platform,campaign,product,brand,orders,revenue,status,order_id,user_id\r\n"u8;

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    /// <summary>
    /// The platform a sale is reported under, as the analytics resolve it (docs/filters.md#parameters): the tracking
    /// source; for an organic row its channel (<c>organic</c> when the source is blank). An influencer sale with a
    /// blank source takes the influencer's own platform, which depends on the influencers data current at export time,
    /// so it is stored blank and resolved by the export (the copy's metadata counts such rows).
    /// </summary>
    public static string PlatformOf(TrackingRow row) =>
        row.Source.Length > 0 ? row.Source : row.IsOrganic ? MarketingNames.Organic : "";

    /// <summary>
    /// Writes one row, CRLF included; returns whether its platform is left for the export to resolve.
    /// </summary>
    public static bool WriteRow(IBufferWriter<byte> output, TrackingRow row, string userPseudonym)
    {
        var platform = PlatformOf(row);
        var span = output.GetSpan(10);
        row.Date.TryFormat(span, out var written, "yyyy-MM-dd");
        output.Advance(written);
        Comma(output);
        WriteText(output, row.InfluencerId);
        Comma(output);
        WriteText(output, platform);
        Comma(output);
        WriteText(output, row.Campaign);
        Comma(output);
        WriteText(output, row.Product);
        Comma(output);
        WriteText(output, row.Brand);
        Comma(output);
        WriteInteger(output, row.Orders);
        Comma(output);
        WriteRupees(output, row.RevenuePaise);
        Comma(output);
        WriteText(output, StatusName(row.Status));
        Comma(output);
        WriteText(output, row.OrderId);
        Comma(output);
        WriteText(output, userPseudonym);
        output.Write("\r\n"u8);
        return platform.Length == 0;
    }

    /// <summary>One text field: neutralised, then quoted (quotes doubled) only when RFC 4180 needs it.</summary>
    public static void WriteText(IBufferWriter<byte> output, string? value)
    {
        var text = SpreadsheetText.Neutralize(value);
        if (text.AsSpan().IndexOfAny(NeedsQuotes) >= 0)
        {
            text = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    public static string StatusName(SaleStatus status) => status switch
    {
        SaleStatus.Completed => "completed",
        SaleStatus.Refunded => "refunded",
        SaleStatus.Cancelled => "cancelled",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static void Comma(IBufferWriter<byte> output) => output.Write(","u8);

    private static void WriteInteger(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        value.TryFormat(span, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    /// <summary>Paise as rupees with exactly two decimals ("2899.00"), exact: no floating point on the way.</summary>
    private static void WriteRupees(IBufferWriter<byte> output, long paise)
    {
        if (paise < 0)
        {
            output.Write("-"u8);
        }

        var magnitude = (ulong)(paise < 0 ? -(paise + 1) : paise) + (paise < 0 ? 1UL : 0UL);
        var span = output.GetSpan(24);
        (magnitude / 100).TryFormat(span, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        span[written++] = (byte)'.';
        var cents = (int)(magnitude % 100);
        span[written++] = (byte)('0' + cents / 10);
        span[written++] = (byte)('0' + cents % 10);
        output.Advance(written);
    }
}
