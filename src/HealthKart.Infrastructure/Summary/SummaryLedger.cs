using Azure;
using Azure.Data.Tables;
using HealthKart.Core.Summary;
using HealthKart.Infrastructure.Storage;

namespace HealthKart.Infrastructure.Summary;

/// <summary>
/// One entity per week (table <c>{Prefix}Summaries</c>, row key <c>2025-W27</c>) that makes the weekly e-mail
/// idempotent: a run claims the week (insert if absent, or an ETag-guarded update of a failed or abandoned claim),
/// sends, then confirms. Two runs can never both hold a live claim, and a confirmed week is never claimed again.
/// </summary>
public sealed class SummaryLedger(HealthKartTables tables)
{
    private const string Partition = "weekly";
    private const int MaxErrorLength = 1000;

    public async Task<SummaryRecord?> FindAsync(IsoWeek week, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        var response = await tables.Summaries.GetEntityIfExistsAsync<TableEntity>(Partition, week.ToString(),
            cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? FromEntity(entity) : null;
    }

    public async Task<(ClaimResult Result, SummaryRecord Record)> ClaimAsync(IsoWeek week, DateTimeOffset now,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await FindAsync(week, cancellationToken);
            if (current is { Status: SummaryStatus.Sent })
            {
                return (ClaimResult.AlreadySent, current);
            }

            if (current is { Status: SummaryStatus.Claimed, ClaimedAt: { } claimedAt } && now - claimedAt < timeout)
            {
                return (ClaimResult.InProgress, current);
            }

            var claim = new SummaryRecord(week, SummaryStatus.Claimed, (current?.Attempts ?? 0) + 1, now, null, null, 0,
                current?.DatasetVersion, current?.LastError, default);
            try
            {
                var response = current is null
                    ? await tables.Summaries.AddEntityAsync(ToEntity(claim), cancellationToken)
                    : await tables.Summaries.UpdateEntityAsync(ToEntity(claim), current.ETag, TableUpdateMode.Replace,
                        cancellationToken);
                return (ClaimResult.Claimed, claim with { ETag = response.Headers.ETag ?? default });
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412)
            {
                // Another run got there first: read what it wrote and decide again.
            }
        }
    }

    /// <summary>
    /// Records the week as sent. The relay has accepted the message, so this is written even if another run re-claimed
    /// the week meanwhile (after the claim timeout); returns false in that case, as that run may have delivered too.
    /// </summary>
    public async Task<bool> ConfirmAsync(
        SummaryRecord claim, string messageId, int recipients, string datasetVersion, DateTimeOffset sentAt,
        CancellationToken cancellationToken)
    {
        var sent = claim with
        {
            Status = SummaryStatus.Sent,
            SentAt = sentAt,
            MessageId = messageId,
            Recipients = recipients,
            DatasetVersion = datasetVersion,
            LastError = null,
        };
        try
        {
            await tables.Summaries.UpdateEntityAsync(ToEntity(sent), claim.ETag, TableUpdateMode.Replace,
                cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            await tables.Summaries.UpdateEntityAsync(ToEntity(sent), ETag.All, TableUpdateMode.Replace,
                cancellationToken);
            return false;
        }
    }

    /// <summary>
    /// Gives the claim back as failed (or skipped), so the next run may claim it at once; a newer claim is left alone.
    /// </summary>
    public async Task ReleaseAsync(SummaryRecord claim, SummaryStatus status, string? error,
        CancellationToken cancellationToken)
    {
        var released = claim with
        {
            Status = status,
            LastError = error is { Length: > MaxErrorLength }
            ? error[..MaxErrorLength] : error
        };
        try
        {
            await tables.Summaries.UpdateEntityAsync(ToEntity(released), claim.ETag, TableUpdateMode.Replace,
                cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            // Another run took the week over after our claim timed out: its record stands.
        }
    }

    private static TableEntity ToEntity(SummaryRecord r) => new(Partition, r.Week.ToString())
    {
        ["Status"] = r.Status.ToString().ToLowerInvariant(),
        ["Attempts"] = r.Attempts,
        ["ClaimedAt"] = r.ClaimedAt,
        ["SentAt"] = r.SentAt,
        ["MessageId"] = r.MessageId,
        ["Recipients"] = r.Recipients,
        ["DatasetVersion"] = r.DatasetVersion,
        ["LastError"] = r.LastError,
    };

    private static SummaryRecord FromEntity(TableEntity e)
    {
        // Every row key is written from IsoWeek.ToString() above, so
        // it parses; a hand-edited one reads as the default week.
        _ = IsoWeek.TryParse(e.RowKey, out var week);
        return new SummaryRecord(
            week,
            Enum.Parse<SummaryStatus>(e.GetString("Status") ?? nameof(SummaryStatus.Failed), ignoreCase: true),
            e.GetInt32("Attempts") ?? 0,
            e.GetDateTimeOffset("ClaimedAt"),
            e.GetDateTimeOffset("SentAt"),
            e.GetString("MessageId"),
            e.GetInt32("Recipients") ?? 0,
            e.GetString("DatasetVersion"),
            e.GetString("LastError"),
            e.ETag);
    }
}
