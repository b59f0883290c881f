using System.Globalization;
using System.Net;
using System.Text;

namespace HealthKart.Core.Summary;

/// <summary>
/// The building blocks of the e-mail's HTML, made for mail clients: tables for layout, inline styles only, bars drawn
/// as table cells (no images, no scripts, no remote anything), and every piece of text HTML-encoded on the way in.
/// </summary>
internal static class SummaryHtml
{
    public const string Font = "font-family:Arial,Helvetica,sans-serif;";
    public const string Ink = "#1f2933";
    public const string Muted = "#5b6776";
    public const string Line = "#e3e8ef";
    public const string Navy = "#17324d";
    public const string Good = "#15803d";
    public const string Bad = "#b91c1c";
    public const string Bar = "#2f6fab";
    public const string BarMuted = "#a9bfd6";
    public const string Track = "#edf1f5";

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A section of the card: a heading, then its content.</summary>
    public static void Section(StringBuilder html, string heading, Action<StringBuilder> content)
    {
        html.Append("<tr><td style=\"padding:18px 24px 4px 24px;\">")
            .Append("<div style=\"font-size:15px;font-weight:bold;color:").Append(Navy)
            .Append(";border-bottom:2px solid ").Append(Line)
            .Append(";padding-bottom:6px;margin-bottom:10px;\">").Append(E(heading)).Append("</div>");
        content(html);
        html.Append("</td></tr>");
    }

    public static void Paragraph(StringBuilder html, string text, string color = Ink) =>
        html.Append("<p style=\"margin:0 0 8px 0;font-size:13px;line-height:1.5;color:").Append(color).Append(";\">")
        .Append(E(text)).Append("</p>");

    /// <summary>A horizontal bar, <paramref name="share"/> of the full width (0 to 1), as two table cells.</summary>
    public static string HorizontalBar(double share, string color, int height = 8)
    {
        var percent = Math.Clamp((int)Math.Round(share * 100, MidpointRounding.AwayFromZero), 0, 100);
        var bar =
            new StringBuilder(
                "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr>");
        if (percent > 0)
        {
            bar.Append(CultureInfo.InvariantCulture,
                $"<td width=\"{percent}%\" " +
                $"style=\"background:{color};height:{height}px;line-height:{height}px;font-size:0;\">&nbsp;</td>");
        }

        if (percent < 100)
        {
            bar.Append(CultureInfo.InvariantCulture,
                $"<td style=\"background:{Track};height:{height}px;line-height:{height}px;font-size:0;\">&nbsp;</td>");
        }

        return bar.Append("</tr></table>").ToString();
    }

    /// <summary>
    /// A data table's opening and header row; <paramref name="right"/> says which columns are numbers. The table sits
    /// in a box that scrolls sideways when it is wider than a phone, so the card itself never does; close it with <see
    /// cref="TableEnd"/>.
    /// </summary>
    public static void TableHead(StringBuilder html, string[] headers, bool[] right)
    {
        html.Append(
            "<div style=\"overflow-x:auto;max-width:100%;\"><table role=\"presentation\" width=\"100%\" " +
            "cellpadding=\"0\" cellspacing=\"0\" border=\"0\" " +
            "style=\"border-collapse:collapse;font-size:12px;min-width:420px;\"><tr>");
        for (var i = 0; i < headers.Length; i++)
        {
            html.Append("<th style=\"text-align:").Append(right[i] ? "right" : "left")
                .Append(";padding:6px;background:#f4f6f9;color:").Append(Muted)
                .Append(";font-weight:bold;border-bottom:1px solid ").Append(Line).Append(";\">")
                .Append(E(headers[i])).Append("</th>");
        }

        html.Append("</tr>");
    }

    public static void TableEnd(StringBuilder html) => html.Append("</table></div>");

    public static string Cell(string content, bool right = false, string? figure = null, bool encoded = false) =>
        $"<td{(figure is null ? "" : $" data-figure=\"{figure}\"")} " +
        $"style=\"text-align:{(right ? "right" : "left")};padding:6px;border-bottom:1px solid " +
        $"{Line};vertical-align:top;\">{(encoded ? content : E(content))}</td>";
}
