using HealthKart.Core.Summary;
using HealthKart.Infrastructure.Summary;

namespace HealthKart.Integration.Tests.Summary;

/// <summary>
/// Each week goes out once (docs/README.md#exports-and-the-weekly-e-mail): claimed in the ledger, sent with the week's Message-ID, confirmed. A retried
/// or duplicated run never sends a confirmed week again; a failed send stays unconfirmed and the next run delivers.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class WeeklySummaryIdempotencyTests(AzuriteFixture azurite)
{
    private static readonly IsoWeek Week27 = new(2025, 27);

    [Fact]
    public async Task RunningTheTimerAgainForTheSameWeekDeliversOneMessage()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = SummaryApp.Create(azurite, smtp.Port, SummaryApp.MondayMorning);
        await app.IngestSampleWeeksAsync();

        // Two runs at once (a duplicated trigger), then a retry an hour later.
        await Task.WhenAll(app.RunTimerAsync(), app.RunTimerAsync());
        app.Clock.Now += TimeSpan.FromHours(1);
        await app.RunTimerAsync();
        var again = await app.Mailer.SendAsync(Week27, CancellationToken.None);

        await Task.Delay(300);
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal("weekly-2025-W27@healthkart-roi", mail.Message.MessageId);
        Assert.Equal(SummaryDelivery.AlreadySent, again.Delivery);
        Assert.Equal(mail.Message.MessageId, again.MessageId);
        var record = await app.LedgerAsync(Week27);
        Assert.Equal((SummaryStatus.Sent, 1, 2), (record!.Status, record.Attempts, record.Recipients));
        Assert.Equal(SummaryApp.MondayMorning, record.SentAt);
    }

    [Fact]
    public async Task WhenTheRelayIsDownTheRunFailsAndTheNextRunDelivers()
    {
        await using var smtp = SmtpTestServer.Stopped();
        await using var app = SummaryApp.Create(azurite, smtp.Port, SummaryApp.MondayMorning);
        await app.IngestSampleWeeksAsync();

        var failure = await Assert.ThrowsAsync<SummaryNotSentException>(app.RunTimerAsync);

        Assert.Equal(Week27, failure.Week);
        var failed = await app.LedgerAsync(Week27);
        Assert.Equal(SummaryStatus.Failed, failed!.Status);
        Assert.Null(failed.SentAt);
        Assert.Null(failed.MessageId);
        Assert.False(string.IsNullOrEmpty(failed.LastError));

        await smtp.ListenAsync();
        app.Clock.Now += TimeSpan.FromMinutes(10); // the timer's retry policy: 10 minutes later
        await app.RunTimerAsync();

        Assert.Equal("weekly-2025-W27@healthkart-roi", (await smtp.SingleMessageAsync()).Message.MessageId);
        var sent = await app.LedgerAsync(Week27);
        Assert.Equal((SummaryStatus.Sent, 2), (sent!.Status, sent.Attempts));
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task AClaimOfARunThatVanishedIsTakenOverAfterTheTimeout()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = SummaryApp.Create(azurite, smtp.Port, SummaryApp.MondayMorning);
        await app.IngestSampleWeeksAsync();
        var ledger = app.App.Get<SummaryLedger>();

        // A run claims the week and crashes before sending or recording anything.
        var (claimed, _) = await ledger.ClaimAsync(Week27, app.Clock.Now, TimeSpan.FromMinutes(15), CancellationToken.None);
        Assert.Equal(ClaimResult.Claimed, claimed);

        app.Clock.Now += TimeSpan.FromMinutes(14);
        var waiting = await app.Mailer.SendAsync(Week27, CancellationToken.None);
        Assert.Equal(SummaryDelivery.InProgress, waiting.Delivery);
        Assert.Empty(smtp.Messages);

        app.Clock.Now += TimeSpan.FromMinutes(2);
        await app.RunTimerAsync();
        await smtp.SingleMessageAsync();
        Assert.Equal(SummaryStatus.Sent, (await app.LedgerAsync(Week27))!.Status);
    }

    [Fact]
    public async Task WithNoRecipientsTheTimerSendsNothingAndRecordsNothing()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = SummaryApp.Create(azurite, smtp.Port, SummaryApp.MondayMorning,
            new Dictionary<string, string?> { ["Smtp:To:0"] = null, ["Smtp:To:1"] = null, ["Smtp:Host"] = null });
        await app.IngestSampleWeeksAsync();

        await app.RunTimerAsync();

        Assert.Equal(SummaryDelivery.NotConfigured, (await app.Mailer.SendAsync(Week27, CancellationToken.None)).Delivery);
        Assert.Empty(smtp.Messages);
        Assert.Null(await app.LedgerAsync(Week27));
    }
}
