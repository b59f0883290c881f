using HealthKart.Core.DataContract;
using HealthKart.Core.Money;
using static HealthKart.Core.DataContract.DatasetSchema;

namespace HealthKart.Core.Validation;

/// <summary>
/// Checks that need more than one field or one row: duplicate IDs and URLs, engagement above reach, payouts that do
/// not match their activity, and IDs unknown to the influencers already ingested.
/// </summary>
internal sealed class RowRules(Dataset dataset, ValidationContext context, IssueLog issues)
{
    /// <summary>A payout may be off by rounding; more than a rupee apart is worth a look.</summary>
    private const long PayoutTolerancePaise = 100;

    private readonly Dictionary<string, long> _seenIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _unknownInfluencers = new(StringComparer.OrdinalIgnoreCase);

    public DateOnly? FirstDate { get; private set; }
    public DateOnly? LastDate { get; private set; }

    public void Check(DatasetRow row)
    {
        switch (row)
        {
            case InfluencerRow influencer when !_seenIds.TryAdd(influencer.Id, influencer.Row):
                issues.Error(row.Row, Influencers.Id.Name, influencer.Id,
                    $"duplicate influencer ID; first seen on row {_seenIds[influencer.Id]}");
                break;
            case PostRow post:
                CheckPost(post);
                break;
            case TrackingRow sale:
                See(sale.Date);
                if (!sale.IsOrganic)
                {
                    CheckKnown(sale.Row, Tracking.InfluencerId.Name, sale.InfluencerId);
                }

                break;
            case PayoutRow payout:
                CheckPayout(payout);
                break;
        }
    }

    public void Finish()
    {
        if (context.InfluencerFollowers is null && dataset != Dataset.Influencers)
        {
            issues.Warning(0, null, null, "no influencers file is ingested yet, so influencer IDs were not checked");
        }
    }

    private void CheckPost(PostRow post)
    {
        See(post.Date);
        if (post.Likes + post.Comments > post.Reach)
        {
            issues.Warning(post.Row, Posts.Reach.Name, post.Reach.ToString(),
                $"likes + comments ({post.Likes + post.Comments}) exceed reach");
        }

        if (!_seenIds.TryAdd(post.Url, post.Row))
        {
            issues.Warning(post.Row, Posts.Url.Name, post.Url,
                $"duplicate post URL; first seen on row {_seenIds[post.Url]}");
        }

        CheckKnown(post.Row, Posts.InfluencerId.Name, post.InfluencerId);
        if (context.InfluencerFollowers?.TryGetValue(post.InfluencerId, out var followers) == true
            && post.Reach > followers)
        {
            issues.Warning(post.Row, Posts.Reach.Name, post.Reach.ToString(),
                $"reach exceeds the influencer's {followers} followers");
        }
    }

    private void CheckPayout(PayoutRow payout)
    {
        if (payout.Date is { } date)
        {
            See(date);
        }

        CheckKnown(payout.Row, Payouts.InfluencerId.Name, payout.InfluencerId);
        var expected = payout.RatePaise * payout.Orders;
        if (payout.Basis == PayoutBasis.Order && Math.Abs(expected - payout.TotalPayoutPaise) > PayoutTolerancePaise)
        {
            issues.Warning(payout.Row, Payouts.TotalPayout.Name, Inr.Format(payout.TotalPayoutPaise),
                $"differs from rate x orders = {Inr.Format(expected)}; the recorded total_payout " +
                "is what counts as spend");
        }
    }

    /// <summary>
    /// Warns once per unknown ID, not once per row: a missing influencer would otherwise flood the report.
    /// </summary>
    private void CheckKnown(long row, string column, string influencerId)
    {
        if (context.InfluencerFollowers is { } known && !known.ContainsKey(influencerId)
            && _unknownInfluencers.Add(influencerId))
        {
            issues.Warning(row, column, influencerId,
                "influencer is not in the ingested influencers data; its rows count, but " +
                "without name, category or tier");
        }
    }

    private void See(DateOnly date)
    {
        if (FirstDate is null || date < FirstDate)
        {
            FirstDate = date;
        }

        if (LastDate is null || date > LastDate)
        {
            LastDate = date;
        }
    }
}
