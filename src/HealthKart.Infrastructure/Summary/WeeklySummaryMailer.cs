using HealthKart.Core;
using HealthKart.Core.Summary;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Summary;

/// <summary>
/// Sends a week's summary at most once (docs/README.md#exports-and-the-weekly-e-mail): claim the week in the <see cref="SummaryLedger"/>, compose, send
/// with the week's Message-ID, confirm. A failed send is recorded as failed and thrown, so the run fails loudly and the
/// next run (a retry, the next schedule, or <c>POST /api/summary/weekly/send</c>) sends it; a confirmed week is never
/// sent again.
/// </summary>
public sealed partial class WeeklySummaryMailer(
    WeeklySummaryComposer composer,
    SummaryLedger ledger,
    SmtpMailSender sender,
    IOptions<SmtpOptions> smtp,
    IOptions<WeeklySummaryOptions> options,
    TimeProvider clock,
    ILogger<WeeklySummaryMailer> logger)
{
    public bool Configured => smtp.Value.Configured;

    /// <summary>The last complete week (Monday to Sunday, IST): what the timer sends.</summary>
    public IsoWeek LastCompleteWeek => IsoWeek.LastComplete(IndiaTime.Today(clock));

    public async Task<SummaryOutcome> SendAsync(IsoWeek week, CancellationToken cancellationToken)
    {
        if (!Configured)
        {
            LogNotConfigured(week);
            return new SummaryOutcome(week, SummaryDelivery.NotConfigured);
        }

        var timeout = TimeSpan.FromMinutes(options.Value.ClaimTimeoutMinutes);
        var (result, claim) = await ledger.ClaimAsync(week, clock.GetUtcNow(), timeout, cancellationToken);
        if (result != ClaimResult.Claimed)
        {
            LogNotClaimed(week, claim.Status, claim.MessageId);
            return new SummaryOutcome(week, result == ClaimResult.AlreadySent ? SummaryDelivery.AlreadySent : SummaryDelivery.InProgress,
                claim.MessageId, claim.Recipients, claim.SentAt);
        }

        WeeklySummaryContent content;
        try
        {
            content = await composer.ComposeAsync(week, withWorkbook: true, cancellationToken);
            if (!content.Summary.HasActivity && options.Value.SkipEmptyWeeks)
            {
                await ledger.ReleaseAsync(claim, SummaryStatus.Skipped, "No influencer activity; WeeklySummary:SkipEmptyWeeks is set.", CancellationToken.None);
                LogSkipped(week);
                return new SummaryOutcome(week, SummaryDelivery.Skipped);
            }

            await sender.SendAsync(WeeklySummaryMessage.Create(content, smtp.Value, clock.GetUtcNow()), cancellationToken);
        }
        catch (Exception exception)
        {
            // Recorded even when the run is being cancelled, so the week is free for the next run at once.
            await ledger.ReleaseAsync(claim, SummaryStatus.Failed, exception.Message, CancellationToken.None);
            LogFailed(exception, week, claim.Attempts);
            throw exception is OperationCanceledException ? exception : new SummaryNotSentException(week, exception);
        }

        var messageId = WeeklySummaryMessage.MessageId(week);
        var recipients = smtp.Value.Recipients.Count;
        var sentAt = clock.GetUtcNow();
        if (!await ledger.ConfirmAsync(claim, messageId, recipients, content.Summary.DatasetVersion, sentAt, CancellationToken.None))
        {
            LogContended(week, messageId);
        }

        LogSent(week, recipients, messageId);
        return new SummaryOutcome(week, SummaryDelivery.Sent, messageId, recipients, sentAt);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly summary {Week}: no recipients configured (Smtp:To), nothing sent")]
    private partial void LogNotConfigured(IsoWeek week);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly summary {Week} not sent by this run: the ledger says {Status} (Message-ID {MessageId})")]
    private partial void LogNotClaimed(IsoWeek week, SummaryStatus status, string? messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly summary {Week} skipped: no influencer activity and WeeklySummary:SkipEmptyWeeks is set")]
    private partial void LogSkipped(IsoWeek week);

    [LoggerMessage(Level = LogLevel.Error, Message = "Weekly summary {Week} was not sent (attempt {Attempt}); it stays unconfirmed for the next run")]
    private partial void LogFailed(Exception exception, IsoWeek week, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Weekly summary {Week}: another run re-claimed the week while this one was sending; any duplicate carries the same Message-ID {MessageId}")]
    private partial void LogContended(IsoWeek week, string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly summary {Week} sent to {Recipients} recipient(s) as {MessageId}")]
    private partial void LogSent(IsoWeek week, int recipients, string messageId);
}
