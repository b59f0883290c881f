using System.Text.Json.Serialization;
using HealthKart.Core.Summary;

namespace HealthKart.Infrastructure.Summary;

[JsonConverter(typeof(JsonStringEnumConverter<SummaryDelivery>))]
public enum SummaryDelivery
{
    [JsonStringEnumMemberName("sent")]
    Sent,

    [JsonStringEnumMemberName("already-sent")]
    AlreadySent,

    [JsonStringEnumMemberName("in-progress")]
    InProgress,

    [JsonStringEnumMemberName("skipped")]
    Skipped,

    [JsonStringEnumMemberName("not-configured")]
    NotConfigured,
}

/// <summary>
/// What a send run did for a week; <see cref="SentAt"/> and <see cref="MessageId"/> are the ledger's.
/// </summary>
public sealed record SummaryOutcome(IsoWeek Week, SummaryDelivery Delivery, string? MessageId = null, int Recipients =
    0, DateTimeOffset? SentAt = null);

/// <summary>The relay could not be reached or refused the message; the week stays unsent for the next run.</summary>
public sealed class SummaryNotSentException(IsoWeek week, Exception inner)
    : Exception($"The weekly summary for {week} was not sent: {inner.Message}", inner)
{
    public IsoWeek Week => week;
}
