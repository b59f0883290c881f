using HealthKart.Core;
using HealthKart.Core.Ingestion;
using HealthKart.Core.Summary;
using HealthKart.Infrastructure.Ingestion;
using HealthKart.Infrastructure.Summary;

namespace HealthKart.Integration.Tests.Summary;

/// <summary>
/// A week without influencer activity gets an honest "no activity" e-mail (the default), not zeros dressed as results;
/// with <c>WeeklySummary:SkipEmptyWeeks</c> it is skipped. Either way the week's uploads and warnings are what they
/// are.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class NoActivityWeekTests(AzuriteFixture azurite)
{
    /// <summary>
    /// Monday 28 July 2025, 08:00 IST: the run for 2025-W30 (21 to 27 July), weeks after the sample data ends.
    /// </summary>
    private static readonly DateTimeOffset AfterTheData = new(2025, 7, 28, 2, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task AWeekWithoutActivityGetsAnHonestNoActivityMail()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = SummaryApp.Create(azurite, smtp.Port, AfterTheData);
        await app.IngestSampleWeeksAsync();

        await app.RunTimerAsync();

        var message = (await smtp.SingleMessageAsync()).Message;
        Assert.Equal("HealthKart influencer ROI 2025-W30 (21 – 27 Jul 2025): no influencer activity", message.Subject);
        Assert.Equal("weekly-2025-W30@healthkart-roi", message.MessageId);
        Assert.Empty(message.Attachments);
        foreach (var part in new[] { message.HtmlBody, message.TextBody })
        {
            Assert.Contains("No influencer activity was recorded this week", part);
            Assert.Contains(
                "The data runs from 25 Jun 2025 to 4 Jul 2025: nothing dated in this week has been ingested yet.",
                part);
            Assert.Contains("The latest week with influencer activity is 2025-W27 (30 Jun – 6 Jul 2025).", part);
            Assert.DoesNotContain("₹0", part);
        }

        // No headline cards, rankings, actions or links: there is nothing to show them for.
        Assert.DoesNotContain("data-metric", message.HtmlBody);
        Assert.DoesNotContain("data-influencer", message.HtmlBody);
        Assert.Empty(MailHtml.Links(message.HtmlBody)); // the week is named, not linked: the preview needs a key
        Assert.DoesNotContain("data-week", message.HtmlBody);
        Assert.Equal(SummaryStatus.Sent, (await app.LedgerAsync(new IsoWeek(2025, 30)))!.Status);
    }

    [Fact]
    public async Task SkipEmptyWeeksSkipsTheWeekButNotAWeekWithActivity()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = SummaryApp.Create(azurite, smtp.Port, AfterTheData,
            new Dictionary<string, string?> { ["WeeklySummary:SkipEmptyWeeks"] = "true" });
        await app.IngestSampleWeeksAsync();

        var empty = await app.Mailer.SendAsync(new IsoWeek(2025, 30), CancellationToken.None);
        var active = await app.Mailer.SendAsync(new IsoWeek(2025, 27), CancellationToken.None);

        Assert.Equal(SummaryDelivery.Skipped, empty.Delivery);
        Assert.Equal(SummaryStatus.Skipped, (await app.LedgerAsync(new IsoWeek(2025, 30)))!.Status);
        Assert.Equal(SummaryDelivery.Sent, active.Delivery);
        Assert.Equal("weekly-2025-W27@healthkart-roi", (await smtp.SingleMessageAsync()).Message.MessageId);
    }

    [Fact]
    public async Task TheWeeksUploadsAreListedWithTheirOutcome()
    {
        // The ledger dates uploads by the blob's own clock, so this test's week is the real current one.
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = SummaryApp.Create(azurite, smtp.Port, DateTimeOffset.UtcNow);
        await app.IngestSampleWeeksAsync();
        await app.App.Get<UploadLedger>().SaveAsync(new UploadRecord
        {
            Id = "payouts-bad~0001",
            FileName = "payouts <img src=x onerror=alert(1)>.csv",
            SourceKey = "payouts-bad",
            Status = UploadStatus.Rejected,
            Errors = 3,
            ReceivedAt = app.Clock.Now,
        }, CancellationToken.None);

        var content = await app.Composer.ComposeAsync(IsoWeek.Of(IndiaTime.Today(app.Clock)), withWorkbook: false,
            CancellationToken.None);

        Assert.Equal(6, content.Summary.Uploads.Count);
        var tracking = content.Summary.Uploads.Single(u => u.FileName == "tracking_data.csv");
        Assert.Equal(("ingested", "tracking_data", 4L, 0L), (tracking.Status, tracking.Dataset, tracking.Rows,
            tracking.Errors));
        Assert.Contains("tracking_data.csv", content.Html);
        Assert.Contains("payouts &lt;img src=x onerror=alert(1)&gt;.csv", content.Html);
        Assert.DoesNotContain("<img", content.Html);
        Assert.Contains("- payouts <img src=x onerror=alert(1)>.csv: rejected, 0 rows, 3 errors, 0 warnings",
            content.Text);
    }
}
