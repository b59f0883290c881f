using HealthKart.Core.Summary;
using MimeKit;

namespace HealthKart.Infrastructure.Summary;

/// <summary>
/// The e-mail itself: text and HTML alternatives, the full-report workbook attached, and a Message-ID derived from the
/// week alone, so the one duplicate that can happen (a crash after the relay accepted, before the confirm) carries
/// the same Message-ID and mail clients file it as the same message.
/// </summary>
public static class WeeklySummaryMessage
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary><c>weekly-2025-W27@healthkart-roi</c> (MimeKit adds the angle brackets).</summary>
    public static string MessageId(IsoWeek week) => $"weekly-{week}@healthkart-roi";

    public static MimeMessage Create(WeeklySummaryContent content, SmtpOptions smtp, DateTimeOffset now)
    {
        var summary = content.Summary;
        var message = new MimeMessage
        {
            Subject = SummaryWording.Subject(summary),
            MessageId = MessageId(summary.Week),
            Date = now,
        };
        message.From.Add(
            MailboxAddress.Parse(smtp.From ?? throw new InvalidOperationException("Smtp:From is not set.")));
        message.To.AddRange(smtp.Recipients.Select(MailboxAddress.Parse));
        // RFC 3834: machine-sent, so auto-responders stay quiet.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html };
        if (content.Workbook is { } workbook && summary.Attachment is { } name)
        {
            body.Attachments.Add(name, workbook, ContentType.Parse(XlsxContentType));
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}
