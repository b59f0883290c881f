using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HealthKart.Infrastructure.Summary;

/// <summary>
/// Hands a message to the configured SMTP relay with MailKit: connect (none, STARTTLS or implicit TLS), log in if
/// configured, send.
/// </summary>
public sealed partial class SmtpMailSender(IOptions<SmtpOptions> options, ILogger<SmtpMailSender> logger)
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        var host = smtp.Host ?? throw new InvalidOperationException("Smtp:Host is not set.");
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        await client.ConnectAsync(host, smtp.Port, smtp.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        }, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        var response = await client.SendAsync(message, cancellationToken);
        LogAccepted(message.MessageId ?? "", host, smtp.Port, response);
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The relay has accepted the message: a failed QUIT must not make it look unsent (and be sent again).
            LogQuitFailed(exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "SMTP relay {Host}:{Port} accepted message {MessageId}: {Response}")]
    private partial void LogAccepted(string messageId, string host, int port, string response);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Closing the SMTP connection failed after the message was accepted: {Reason}")]
    private partial void LogQuitFailed(string reason);
}
