using HealthKart.Core;
using HealthKart.Core.Problems;
using HealthKart.Core.Summary;
using HealthKart.Core.Validation;
using HealthKart.Infrastructure.Summary;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace HealthKart.Functions;

/// <summary>
/// The weekly summary on demand: preview it (HTML, or JSON with <c>Accept: application/json</c>), or send it now.
/// </summary>
public sealed class WeeklySummaryEndpoints(WeeklySummaryComposer composer, WeeklySummaryMailer mailer,
    IOptions<DateWindow> dates, TimeProvider clock)
{
    [Function("GetWeeklySummary")]
    public async Task<IActionResult> Preview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "summary/weekly")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        RequestParameters.RejectUnknown(request, "week");
        // A week without activity links the latest week with some
        // (relative, so it stays on this route; a key is never echoed).
        var content = await composer.ComposeAsync(Week(request), withWorkbook: false, cancellationToken,
            week => $"?week={week}");
        var json = request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json",
            StringComparison.OrdinalIgnoreCase));
        return json
            ? new OkObjectResult(content.Summary)
            : new ContentResult
            {
                Content = content.Html,
                ContentType = "text/html; charset=utf-8",
                StatusCode = StatusCodes.Status200OK
            };
    }

    /// <summary>
    /// Sends a week (default: the last complete one) unless it was already sent; admin key only, as it mails people.
    /// </summary>
    [Function("SendWeeklySummaryNow")]
    public async Task<IActionResult> Send(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "summary/weekly/send")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        RequestParameters.RejectUnknown(request, "week");
        var week = Week(request);
        if (week.Sunday >= IndiaTime.Today(clock))
        {
            throw ProblemException.BadRequest("week",
                $"{week} has not ended yet (IST); a week is sent once it is complete.");
        }

        if (!mailer.Configured)
        {
            throw new ProblemException(StatusCodes.Status503ServiceUnavailable, "E-mail is not configured",
                "Set Smtp:Host, Smtp:From and Smtp:To (a list) to send the weekly summary; GET " +
                "/api/summary/weekly previews it.");
        }

        try
        {
            var outcome = await mailer.SendAsync(week, cancellationToken);
            return outcome.Delivery == SummaryDelivery.InProgress
                ? throw ProblemException.Conflict(
                    $"Another run is sending {week} right now; ask again in a few minutes.")
                : new OkObjectResult(outcome);
        }
        catch (SummaryNotSentException)
        {
            throw new ProblemException(StatusCodes.Status502BadGateway, "E-mail not sent",
                $"The SMTP relay could not be reached or refused the message, so {week} stays unsent; " +
                "the log has the details.");
        }
    }

    private IsoWeek Week(HttpRequest request)
    {
        var values = request.Query["week"];
        if (values.Count == 0)
        {
            return mailer.LastCompleteWeek;
        }

        if (values.Count != 1 || !IsoWeek.TryParse(values[0], out var week))
        {
            throw ProblemException.BadRequest("week",
                $"'{values}' is not an ISO week; give one week as YYYY-Www, for example 2025-W27.");
        }

        return dates.Value.Contains(week.Monday) && dates.Value.Contains(week.Sunday)
            ? week
            : throw ProblemException.BadRequest("week", $"{week} is {dates.Value.OutsideReason}.");
    }
}
