using System.Text;
using HealthKart.Core.Analytics;
using static HealthKart.Core.Summary.SummaryHtml;

namespace HealthKart.Core.Summary;

/// <summary>
/// The weekly summary as an HTML e-mail: a fluid card of tables with inline CSS (640 pixels wide at most, down to a
/// 320-pixel phone: the headline cards wrap, wide tables scroll inside their section) that renders without JavaScript,
/// remote images or style sheets. Figures carry <c>data-metric</c> / <c>data-figure</c> attributes (ignored by mail
/// clients) so a test can read each one back.
/// </summary>
public static class WeeklySummaryHtml
{
    /// <summary>Metrics where a rise is good news; a change in spend is shown without colour.</summary>
    private static readonly HashSet<string> HigherIsBetter = ["revenue", "roi", "roas", "incrementalRoas", "orders"];

    /// <param name="s">The summary.</param>
    /// <param name="weekLink">
    /// Where a week's own summary opens (the preview passes <c>?week=2025-W35</c>); null in a sent e-mail, which names
    /// the week without a link (the preview needs a key a reader of the mail may not hold).
    /// </param>
    public static string Render(WeeklySummary s, Func<IsoWeek, string>? weekLink = null)
    {
        var html = new StringBuilder(16 * 1024);
        html.Append(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" " +
            "content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(SummaryWording.Subject(s))).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#eef2f6;\">")
            .Append("<div style=\"display:none;max-height:0;overflow:hidden;\">").Append(E(SummaryWording.Subject(s)))
            .Append("</div>")
            .Append(
                "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" " +
                "style=\"background:#eef2f6;\"><tr><td align=\"center\" style=\"padding:16px 8px;\">")
            .Append(
                "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" " +
                "style=\"width:100%;max-width:640px;table-layout:fixed;overflow-wrap:break-word;background:#ffffff;" +
                "border:1px solid ")
            .Append(Line).Append(';').Append(Font).Append("color:").Append(Ink).Append(";\">");
        Header(html, s);
        if (SummaryWording.Maturity(s) is { } maturity)
        {
            html.Append(
                "<tr><td style=\"padding:16px 24px 0 24px;\"><div style=\"background:#fff7e6;border-left:4px solid " +
                "#f0b429;padding:10px 12px;font-size:13px;line-height:1.5;\">")
                .Append(E(maturity)).Append("</div></td></tr>");
        }

        if (s.HasActivity)
        {
            Section(html, "Headline figures", h => Headlines(h, s));
            Section(html, "This week against the week before", h => Comparison(h, s));
            Section(html, SummaryWording.TopHeading(s), h => Influencers(h, s.Top, s, "top"));
            Section(html, SummaryWording.BottomHeading(s), h => Influencers(h, s.Bottom, s, "bottom"));
            Section(html, SummaryWording.ActionsHeading(s), h => Actions(h, s.Actions, s.BudgetAdvice));
            Section(html, "Customer observations", h => Observations(h, s.Observations));
        }
        else
        {
            Section(html, "No influencer activity this week", h =>
            {
                Paragraph(h, SummaryWording.NoActivity(s));
                Paragraph(h, SummaryWording.DataRange(s), Muted);
                if (SummaryWording.LatestActiveWeek(s) is { } latest)
                {
                    Paragraph(h, latest);
                    if (weekLink is not null && s.LatestActiveWeek is { } week)
                    {
                        h.Append("<p style=\"margin:0 0 8px 0;font-size:13px;\"><a data-week=\"").Append(week)
                            .Append("\" href=\"").Append(E(weekLink(week)))
                            .Append("\" style=\"color:").Append(Bar).Append(";font-weight:bold;\">")
                            .Append(E($"Open the summary of {week}")).Append("</a></p>");
                    }
                }
            });
        }

        Section(html, "Data-quality warnings", h => Warnings(h, s.DataQuality));
        Section(html, "Uploads this week", h => Uploads(h, s.Uploads));
        if (s.HasActivity)
        {
            Section(html, "Reports for this week", h => Links(h, s));
        }

        html.Append("<tr><td style=\"padding:18px 24px 20px 24px;font-size:11px;line-height:1.5;color:")
            .Append(Muted).Append(";\">")
            .Append(E(SummaryWording.Incrementality(s))).Append("<br>").Append(E(SummaryWording.Footer(s)))
            .Append("</td></tr>")
            .Append("</table></td></tr></table></body></html>");
        return html.ToString();
    }

    private static void Header(StringBuilder html, WeeklySummary s) =>
        html.Append("<tr><td style=\"background:").Append(Navy).Append(";padding:20px 24px;color:#ffffff;\">")
            .Append(
                "<div style=\"font-size:11px;letter-spacing:1px;text-transform:uppercase;color:#9fb8d1;\">HealthKart " +
                "influencer ROI</div>")
            .Append("<div style=\"font-size:22px;font-weight:bold;margin-top:4px;\">").Append(E(SummaryWording.Title))
            .Append("</div>")
            .Append("<div style=\"font-size:13px;color:#d6e2ee;margin-top:6px;\">").Append(E(SummaryWording.Week(s)))
            .Append("</div>")
            .Append("<div style=\"font-size:13px;color:#d6e2ee;\">")
            .Append(s.HasActivity ? E(SummaryWording.ComparedWith(s)) : "").Append("</div></td></tr>");

    /// <summary>Six cards of up to 188 pixels that sit three to a row on a wide screen and wrap on a phone.</summary>
    private static void Headlines(StringBuilder html, WeeklySummary s)
    {
        html.Append("<div style=\"font-size:0;\">");
        foreach (var figure in s.Headlines)
        {
            var (arrow, color) = Trend(figure);
            html.Append("<div data-metric=\"").Append(figure.Metric)
                .Append("\" style=\"display:inline-block;vertical-align:top;width:100%;max-width:188px;padding:4px;")
                .Append("box-sizing:border-box;\">")
                .Append("<div style=\"border:1px solid ").Append(Line).Append(";padding:10px 12px;\">")
                .Append("<div style=\"font-size:11px;text-transform:uppercase;letter-spacing:.5px;color:").Append(Muted)
                .Append(";\">").Append(E(figure.Label)).Append("</div>")
                .Append("<div data-figure=\"current\" style=\"font-size:21px;font-weight:bold;margin:4px 0 2px 0;\">")
                .Append(E(SummaryFigures.Current(figure))).Append("</div>")
                .Append("<div style=\"font-size:12px;font-weight:bold;color:").Append(color)
                .Append(";\">").Append(arrow)
                .Append("<span data-figure=\"change\">").Append(E(SummaryFigures.Change(figure)))
                .Append("</span></div>")
                .Append("<div style=\"font-size:11px;color:").Append(Muted)
                .Append(";\">Week before: <span data-figure=\"previous\">")
                .Append(E(SummaryFigures.Previous(figure))).Append("</span></div></div></div>");
        }

        html.Append("</div>");
    }

    private static (string Arrow, string Color) Trend(HeadlineFigure figure) => figure.ChangePercent switch
    {
        null or 0 => ("", Muted),
        > 0 => ("&#9650; ", HigherIsBetter.Contains(figure.Metric) ? Good : Muted),
        _ => ("&#9660; ", HigherIsBetter.Contains(figure.Metric) ? Bad : Muted),
    };

    /// <summary>Revenue and spend, this week and last, as bars on one scale.</summary>
    private static void Comparison(StringBuilder html, WeeklySummary s)
    {
        var bars = s.Headlines.Where(h => h.Metric is "revenue" or "spend")
            .SelectMany(h => new[] { (h.Label + ", this week", h.Current ?? 0, Bar),
                (h.Label + ", week before", h.Previous ?? 0, BarMuted) }).ToList();
        var scale = bars.Max(b => b.Item2);
        html.Append(
            "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" " +
            "style=\"font-size:12px;\">");
        foreach (var (label, value, color) in bars)
        {
            html.Append("<tr><td width=\"32%\" style=\"padding:3px 8px 3px 0;color:").Append(Muted).Append(";\">")
                .Append(E(label)).Append("</td>")
                .Append("<td width=\"38%\" style=\"padding:3px 0;\">")
                .Append(HorizontalBar(scale == 0 ? 0 : (double)(value / scale), color, 12)).Append("</td>")
                .Append("<td width=\"30%\" style=\"padding:3px 0 3px 8px;text-align:right;font-weight:bold;\">")
                .Append(E(SummaryFigures.Money(value))).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static void Influencers(StringBuilder html, IReadOnlyList<InfluencerItem> items, WeeklySummary s,
        string list)
    {
        if (items.Count == 0)
        {
            Paragraph(html, SummaryWording.NoneRanked(s, list), Muted);
            return;
        }

        var scale = s.Top.Concat(s.Bottom).Max(i => i.Revenue);
        TableHead(html, ["#", "Influencer", "Revenue", "Spend", "ROAS", "ROI", "Score"],
            [false, false, true, true, true, true, true]);
        foreach (var i in items)
        {
            var bar = HorizontalBar(scale <= 0 ? 0 : (double)(i.Revenue / scale), Bar, 5);
            var revenue = $"<span data-figure=\"revenue\">{E(SummaryFigures.Money(i.Revenue))}</span>" +
                $"<div style=\"margin-top:3px;\">{bar}</div>";
            html.Append("<tr data-list=\"").Append(list).Append("\" data-influencer=\"")
                .Append(E(i.InfluencerId)).Append("\">")
                .Append(Cell(i.Rank?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", figure: "rank"))
                .Append(
                    Cell($"<b>{E(i.Name)}</b><br><span " +
                        $"style=\"color:{Muted};\">{E($"{i.InfluencerId} · {i.Platform} · {i.Tier}")}</span>",
                        encoded: true))
                .Append("<td width=\"22%\" style=\"text-align:right;padding:6px;border-bottom:1px solid ").Append(Line)
                .Append(";vertical-align:top;\">")
                .Append(revenue).Append("</td>")
                .Append(Cell(SummaryFigures.Money(i.Spend), right: true, figure: "spend"))
                .Append(Cell(SummaryFigures.Ratio(i.Roas), right: true, figure: "roas"))
                .Append(Cell(SummaryFigures.Percent(i.Roi), right: true, figure: "roi"))
                .Append(Cell(SummaryFigures.Score(i.EfficiencyScore), right: true, figure: "score"))
                .Append("</tr>");
        }

        TableEnd(html);
    }

    private static void Observations(StringBuilder html, IReadOnlyList<Insight> observations)
    {
        if (observations.Count == 0)
        {
            Paragraph(html, SummaryWording.NoObservations, Muted);
            return;
        }

        foreach (var o in observations)
        {
            html.Append("<div data-observation=\"").Append(E(o.Kind))
                .Append("\" style=\"padding:4px 0 10px 0;font-size:13px;line-height:1.45;\">")
                .Append("<div style=\"font-weight:bold;\">").Append(E(o.Title)).Append("</div>")
                .Append("<div style=\"color:").Append(Muted).Append(";\">").Append(E(o.Reason)).Append("</div></div>");
        }
    }

    private static void Actions(StringBuilder html, IReadOnlyList<Insight> actions, string? budgetAdvice)
    {
        if (actions.Count == 0)
        {
            Paragraph(html, "No action with a rupee value stands out this week.", Muted);
            if (budgetAdvice is not null)
            {
                Paragraph(html, "Budget plan: " + budgetAdvice, Muted);
            }

            return;
        }

        html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">");
        for (var n = 0; n < actions.Count; n++)
        {
            var a = actions[n];
            html.Append("<tr data-action=\"").Append(n + 1)
                .Append("\"><td width=\"30\" valign=\"top\" style=\"padding:4px 8px 10px 0;\">")
                .Append("<div style=\"width:24px;height:24px;line-height:24px;text-align:center;background:")
                .Append(Navy).Append(";color:#fff;font-weight:bold;font-size:12px;\">")
                .Append(n + 1)
                .Append(
                    "</div></td><td valign=\"top\" style=\"padding:4px 0 10px 0;font-size:13px;line-height:1.45;\">")
                .Append("<div style=\"font-weight:bold;\">").Append(E(a.Title)).Append("</div>")
                .Append("<div style=\"color:").Append(Muted).Append(";\">").Append(E(a.Reason)).Append("</div>")
                .Append("<div data-figure=\"value\" style=\"color:").Append(Good).Append(";font-weight:bold;\">")
                .Append(E(SummaryWording.ActionValue(a))).Append("</div></td></tr>");
        }

        html.Append("</table>");
    }

    private static void Warnings(StringBuilder html, IReadOnlyList<DataQualityWarning> warnings)
    {
        if (warnings.Count == 0)
        {
            Paragraph(html, SummaryWording.NoWarnings, Muted);
            return;
        }

        foreach (var w in warnings)
        {
            html.Append("<div data-warning=\"").Append(E(w.Kind))
                .Append("\" style=\"font-size:12px;line-height:1.45;margin-bottom:8px;\">")
                .Append("<span style=\"display:inline-block;background:#fde8e8;color:").Append(Bad)
                .Append(";font-weight:bold;padding:1px 6px;\">")
                .Append(E(SummaryFigures.Count(w.Count))).Append("</span> ").Append(E(w.Message));
            if (w.Examples.Count > 0)
            {
                html.Append("<br><span style=\"color:").Append(Muted).Append(";\">For example: ")
                    .Append(E(string.Join("; ", w.Examples.Take(2)))).Append("</span>");
            }

            html.Append("</div>");
        }
    }

    private static void Uploads(StringBuilder html, IReadOnlyList<WeekUpload> uploads)
    {
        if (uploads.Count == 0)
        {
            Paragraph(html, SummaryWording.NoUploads, Muted);
            return;
        }

        TableHead(html, ["File", "Status", "Rows", "Errors", "Warnings", "Received"],
            [false, false, true, true, true, false]);
        foreach (var u in uploads)
        {
            var status = u.Status is "rejected" or "failed"
                ? $"<span style=\"color:{Bad};font-weight:bold;\">{E(u.Status)}</span>" : E(u.Status);
            html.Append("<tr data-upload=\"").Append(E(u.Id)).Append("\">")
                .Append(Cell(u.FileName)).Append(Cell(status, encoded: true))
                .Append(Cell(SummaryFigures.Count(u.Rows), right: true))
                .Append(Cell(SummaryFigures.Count(u.Errors), right: true))
                .Append(Cell(SummaryFigures.Count(u.Warnings), right: true))
                .Append(Cell(IndianText.IndiaClock(u.ReceivedAt)))
                .Append("</tr>");
        }

        TableEnd(html);
    }

    private static void Links(StringBuilder html, WeeklySummary s)
    {
        if (s.Links.Count == 0)
        {
            Paragraph(html, SummaryWording.NoLinks, Muted);
        }
        else
        {
            html.Append("<div style=\"font-size:0;\">");
            foreach (var link in s.Links)
            {
                html.Append("<a data-report=\"").Append(E(link.Report)).Append("\" href=\"").Append(E(link.Url))
                    .Append("\" style=\"display:inline-block;margin:0 8px 8px 0;padding:7px 12px;background:")
                    .Append(Navy)
                    .Append(";color:#ffffff;text-decoration:none;font-size:12px;font-weight:bold;\">")
                    .Append(E($"{link.Title} ({link.Format.ToUpperInvariant()})")).Append("</a>");
            }

            html.Append("</div>");
            Paragraph(html,
                $"The links open without signing in until {IndianText.IndiaClock(s.Links.Min(l => l.ExpiresAt))}.",
                Muted);
        }

        if (s.Attachment is { } attachment)
        {
            Paragraph(html, $"Attached: {attachment}, the full report for the week.", Muted);
        }
    }
}
