using ClosedXML.Excel;
using HealthKart.Core.Links;
using HealthKart.Core.Summary;
using Microsoft.AspNetCore.WebUtilities;
using MimeKit;

namespace HealthKart.Integration.Tests.Summary;

/// <summary>
/// The weekly e-mail end to end: the timer function over the app's real wiring and Azurite, delivered to a real SMTP
/// server in the test process. Week 2025-W27 (30 June to 6 July) holds the sample files' sales; the week before holds
/// one June sale, so every change has something to compare with.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class WeeklySummaryMailTests(AzuriteFixture azurite)
{
    private const string HostileName = "Kabir <script>alert('x')</script> & Co";
    private static readonly IsoWeek Week27 = new(2025, 27);

    [Fact]
    public async Task TheWeekArrivesWithTheAnalyticsApisFiguresInHtmlAndText()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = SummaryApp.Create(azurite, smtp.Port, SummaryApp.MondayMorning);
        await app.IngestSampleWeeksAsync(SampleFiles.Influencers.Replace("Kabir Lifts", HostileName));

        await app.RunTimerAsync();

        var mail = await smtp.SingleMessageAsync();
        // the message as received, to open in a mail client
        await mail.Message.WriteToAsync(HeadlessChromium.ArtifactPath("weekly-summary.eml"));
        var (html, text) = (mail.Message.HtmlBody, mail.Message.TextBody);
        Assert.NotNull(html);
        Assert.NotNull(text);
        Assert.Equal(SummaryApp.Recipients.Order(), mail.Recipients.Order());
        Assert.Equal("weekly-2025-W27@healthkart-roi", mail.Message.MessageId);
        Assert.Equal(
            "HealthKart influencer ROI 2025-W27 (30 Jun – 6 Jul 2025): revenue ₹15,094, +420.7 % on the week before",
            mail.Message.Subject);

        await ApiFigures.AssertShownAsync(app, Week27, html, text);

        // By hand: revenue 5,798 + 599 + 8,697 = 15,094 against the June sale's 2,899: (15,094 - 2,899) / 2,899 =
        // +420.7 %. Spend: INF001's ₹300 order fee splits 2:1 over its orders (1 July, 25 June), ₹200 in the week, plus
        // INF003's ₹20,000 post fee on its 3 July post: ₹20,200; the week before, ₹100. Orders 2 + 1 + 3 = 6.
        Assert.Equal(("₹15,094", "₹2,899", "+420.7 %"),
            (MailHtml.Headline(html, "revenue", "current"), MailHtml.Headline(html, "revenue", "previous"),
                MailHtml.Headline(html, "revenue", "change")));
        Assert.Equal(("₹20,200", "₹100"),
            (MailHtml.Headline(html, "spend", "current"), MailHtml.Headline(html, "spend", "previous")));
        Assert.Equal("6", MailHtml.Headline(html, "orders", "current"));

        // Only two paid influencers: both are in the top five, so the bottom list names none again, and the headings
        // say so rather than promise five.
        Assert.Equal(["INF001", "INF003"], MailHtml.Rows(html, "top"));
        Assert.Empty(MailHtml.Rows(html, "bottom"));
        Assert.Contains(">Top 2 influencers (by efficiency score)<", html);
        Assert.Contains(">Bottom influencers<", html);
        Assert.Contains("TOP 2 INFLUENCERS (BY EFFICIENCY SCORE)", text);
        Assert.DoesNotContain("5 influencers", html + text);
        Assert.Contains("All 2 paid influencers of the week are listed above.", text);

        // Orders lag posts: on Monday 7 July the six days from 1 July are within the 7-day maturity window.
        Assert.Contains("The last 6 days of this week are still maturing", html);
        Assert.Contains("The last 6 days of this week are still maturing", text);

        // The influencer's name is data: encoded in the HTML, as written in the text.
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("Kabir &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co", html);
        Assert.Contains(HostileName, text);
    }

    [Fact]
    public async Task EveryFigureOfABusyWeekEqualsTheAnalyticsApis()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app =
            SummaryApp.Create(azurite, smtp.Port, new DateTimeOffset(2025, 8, 4, 2, 30, 0, TimeSpan.Zero));
        await app.IngestRepositoryDataAsync();

        await app.RunTimerAsync();

        var message = (await smtp.SingleMessageAsync()).Message;
        Assert.Equal("weekly-2025-W31@healthkart-roi", message.MessageId);
        Assert.Equal(5, MailHtml.Rows(message.HtmlBody, "top").Count);
        Assert.Equal(5, MailHtml.Rows(message.HtmlBody, "bottom").Count);
        // a week past the data's first 30 days has new customers
        Assert.Contains("data-observation=\"new-customers\"", message.HtmlBody);
        await ApiFigures.AssertShownAsync(app, new IsoWeek(2025, 31), message.HtmlBody, message.TextBody);
    }

    [Fact]
    public async Task TheAttachmentIsTheFullReportWorkbookOfTheWeek()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = SummaryApp.Create(azurite, smtp.Port, SummaryApp.MondayMorning);
        await app.IngestSampleWeeksAsync();

        await app.RunTimerAsync();

        var attachment = Assert.IsType<MimePart>(Assert.Single((await smtp.SingleMessageAsync()).Message.Attachments));
        Assert.Equal("healthkart-full-2025-06-30_2025-07-06.xlsx", attachment.FileName);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        content.Position = 0;
        using var workbook = new XLWorkbook(content);

        Assert.Equal(["About", "Summary", "Influencers", "Campaigns", "Platforms", "Personas", "Personas by gender",
            "Products", "Brands", "Tiers", "Time series", "Customer cohorts", "Insights", "Data quality"],
            workbook.Worksheets.Select(w => w.Name));
        var about = workbook.Worksheet("About");
        Assert.Equal("full", about.Cell(3, 2).GetString());
        Assert.Equal(new DateTime(2025, 6, 30), about.Cell(6, 2).GetDateTime());
        Assert.Equal(new DateTime(2025, 7, 6), about.Cell(7, 2).GetDateTime());
        var summary = workbook.Worksheet("Summary");
        var headers = summary.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Equal(15_094,
            summary.Cell(2, headers.FindIndex(h => h.StartsWith("Revenue", StringComparison.Ordinal)) + 1).GetDouble());
        Assert.Equal(20_200,
            summary.Cell(2, headers.FindIndex(h => h.StartsWith("Spend", StringComparison.Ordinal)) + 1).GetDouble());
    }

    [Fact]
    public async Task TheLinksAreSignedForTheWeekAndOpenForSevenDays()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = SummaryApp.Create(azurite, smtp.Port, SummaryApp.MondayMorning);
        await app.IngestSampleWeeksAsync();

        await app.RunTimerAsync();

        var message = (await smtp.SingleMessageAsync()).Message;
        var links = MailHtml.Links(message.HtmlBody);
        var signer = app.App.Get<LinkSigner>();
        Assert.Equal(["full.xlsx", "influencers.csv", "campaigns.csv", "platforms.csv", "products.csv"],
            links.Select(l => new Uri(l).AbsolutePath["/api/shared/".Length..]));
        foreach (var link in links)
        {
            Assert.StartsWith($"{SummaryApp.PublicBaseUrl}/api/shared/", link);
            Assert.Contains(link, message.TextBody);
            var uri = new Uri(link);
            var query = QueryHelpers.ParseQuery(uri.Query)
                .Select(p => KeyValuePair.Create(p.Key, p.Value.Select(v => v!).ToArray())).ToList();

            var check = signer.Verify(uri.AbsolutePath, query, app.Clock.Now.AddDays(7).AddSeconds(-1));
            Assert.True(check.Valid, check.Reason);
            Assert.Equal(["2025-06-30"], check.Filters.Single(f => f.Key == "from").Value);
            Assert.Equal(["2025-07-06"], check.Filters.Single(f => f.Key == "to").Value);
            Assert.False(signer.Verify(uri.AbsolutePath, query, app.Clock.Now.AddDays(7)).Valid);
            Assert.False(signer.Verify(uri.AbsolutePath.Replace("/api/shared/", "/api/shared/x"), query,
                app.Clock.Now).Valid);
        }
    }
}
