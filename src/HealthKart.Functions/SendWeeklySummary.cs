using HealthKart.Infrastructure.Summary;
using Microsoft.Azure.Functions.Worker;

namespace HealthKart.Functions;

/// <summary>
/// Sends the last complete week's summary on the schedule in <c>WeeklySummary:Schedule</c> (default Monday 08:00 IST).
/// Idempotent per week, so a retry or a duplicated run never sends a confirmed week again; a failed send throws, and
/// the retry policy runs it again (hk serve honours the same policy).
/// </summary>
public sealed class SendWeeklySummary(WeeklySummaryMailer mailer)
{
    [Function(nameof(SendWeeklySummary))]
    [FixedDelayRetry(5, "00:10:00")]
    public async Task Run([TimerTrigger("%WeeklySummary:Schedule%")] TimerInfo timer,
        CancellationToken cancellationToken) =>
        await mailer.SendAsync(mailer.LastCompleteWeek, cancellationToken);
}
