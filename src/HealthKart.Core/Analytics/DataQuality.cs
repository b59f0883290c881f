using HealthKart.Core.DataContract;
using HealthKart.Core.Money;

namespace HealthKart.Core.Analytics;

/// <summary>One kind of cross-file problem, with how often it occurs and a few examples to look at.</summary>
public sealed record DataQualityWarning(string Kind, string Message, long Count, IReadOnlyList<string> Examples);

public sealed record DataQualityView(IReadOnlyList<DataQualityWarning> Items, string DatasetVersion)
{
    /// <summary>This view with a failed snapshot build first: the newest data is not what the figures show.</summary>
    public DataQualityView With(SnapshotFailure? failure) => failure is null ? this : this with
    {
        Items = [new DataQualityWarning("snapshot-build-failed",
            $"Dataset version {failure.DatasetVersion} could not be turned into analytics; the figures are still " +
            $"those of version {DatasetVersion}.",
            1, [failure.Reason]), .. Items],
    };
}

/// <summary>
/// Problems only visible across files, recomputed for every dataset version (so they go away when the data is fixed):
/// unknown influencers, payouts that disagree with the activity they pay for, payouts with nothing to spread over,
/// engagement above reach, reach above followers, influencers listed twice, and the same tracking days in two sources.
/// </summary>
public static class DataQuality
{
    private const int MaxExamples = 5;

    public static DataQualityView Check(Snapshot snapshot)
    {
        var items = new List<DataQualityWarning>();
        void Add(string kind, string message, IReadOnlyCollection<string> examples)
        {
            if (examples.Count > 0)
            {
                items.Add(new DataQualityWarning(kind, message, examples.Count, examples.Take(MaxExamples).ToList()));
            }
        }

        Add("unknown-influencer",
            "Posts, sales or payouts refer to influencers missing from the influencers data; they count without " +
            "name, category or tier.", snapshot.Influencers.Where(i => !i.Known).Select(i => i.Id).ToList());
        Add("payout-mismatch",
            "total_payout differs from rate x activity (orders for order basis, posts in the payout's month and " +
            "campaign for post basis) by more than ₹1; the recorded total counts as spend.",
            PayoutMismatches(snapshot));
        Add("unattributed-spend",
            "Payouts with nothing to spread over (no matching posts or orders): counted in undated views as " +
            "'(unattributed)', left out by date filters.", UnattributedPayouts(snapshot));
        Add("engagement-above-reach", "Likes + comments exceed reach on a day's posts.",
            EngagementAboveReach(snapshot));
        Add("reach-above-followers", "A single post reached more people than the influencer has followers.",
            ReachAboveFollowers(snapshot));
        Add("duplicate-influencer",
            "The same influencer ID is listed in more than one influencers file; the latest upload wins.",
            DuplicateInfluencers(snapshot));
        Add("duplicate-tracking-days",
            "Identical tracking rows for the same day appear in two sources: probably the same month " +
            "uploaded twice under two names.", DuplicateTrackingDays(snapshot));
        return new DataQualityView(items, snapshot.DatasetVersion);
    }

    private static List<string> PayoutMismatches(Snapshot snapshot)
    {
        var posts = snapshot.Posts;
        var (postsOf, start) = CountingSort.By(posts.Count, snapshot.Influencers.Count, i => posts.Influencer[i]);
        var none = snapshot.Campaigns.Find(Snapshot.None) is { } id && snapshot.Campaigns[id] == Snapshot.None
            ? id : -1;
        var mismatches = new List<string>();
        foreach (var (influencer, payout, fileName) in snapshot.Payouts)
        {
            var activity = payout.Orders;
            if (payout.Basis != PayoutBasis.Order)
            {
                // In scope: the payout's month if it has one, and its campaign if it names one (or a post without one).
                var (from, to) = payout.Date is { } month
                    ? (new DateOnly(month.Year, month.Month, 1).DayNumber,
                        new DateOnly(month.Year, month.Month, 1).AddMonths(1).DayNumber - 1)
                    : (int.MinValue, int.MaxValue);
                int? campaign = payout.Campaign.Length == 0 ? null : snapshot.Campaigns.Find(payout.Campaign) ?? -2;
                activity = 0;
                for (var k = start[influencer]; k < start[influencer + 1]; k++)
                {
                    var i = postsOf[k];
                    if (posts.Day[i] >= from && posts.Day[i] <= to
                        && (campaign is not { } c || posts.Campaign[i] == c || posts.Campaign[i] == none))
                    {
                        activity += posts.Posts[i];
                    }
                }
            }

            var expected = payout.RatePaise * activity;
            if (Math.Abs(expected - payout.TotalPayoutPaise) > 100)
            {
                mismatches.Add(
                    $"{fileName} row {payout.Row}: {payout.InfluencerId} " +
                    $"{payout.Basis.ToString().ToLowerInvariant()} basis, "
                    + $"{Inr.Format(payout.RatePaise)} x {activity} = {Inr.Format(expected)}, recorded " +
                        $"{Inr.Format(payout.TotalPayoutPaise)}");
            }
        }

        return mismatches;
    }

    private static List<string> UnattributedPayouts(Snapshot snapshot)
    {
        var spend = snapshot.Spend;
        var examples = new List<string>();
        for (var i = 0; i < spend.Count; i++)
        {
            if (spend.Day[i] == SpendColumns.Undated)
            {
                examples.Add($"{snapshot.Influencers[spend.Influencer[i]].Id}: {Inr.Format(spend.Amount[i])}");
            }
        }

        return examples;
    }

    private static List<string> EngagementAboveReach(Snapshot snapshot)
    {
        var p = snapshot.Posts;
        return Enumerable.Range(0, p.Count).Where(i => p.Engagements[i] > p.Reach[i])
            .Select(i =>
                $"{snapshot.Influencers[p.Influencer[i]].Id} on {IndianText.Date(DateOnly.FromDayNumber(p.Day[i]))}: " +
                $"{IndianText.Count(p.Engagements[i])} > {IndianText.Count(p.Reach[i])}")
            .ToList();
    }

    private static List<string> ReachAboveFollowers(Snapshot snapshot)
    {
        var p = snapshot.Posts;
        return Enumerable.Range(0, p.Count)
            .Where(i => p.Posts[i] == 1 && snapshot.Influencers[p.Influencer[i]] is { Known: true } who
                && p.Reach[i] > who.Followers)
            .Select(i =>
                $"{snapshot.Influencers[p.Influencer[i]].Id} on {IndianText.Date(DateOnly.FromDayNumber(p.Day[i]))}: " +
                $"reach {IndianText.Count(p.Reach[i])} > " +
                $"{IndianText.Count(snapshot.Influencers[p.Influencer[i]].Followers, "follower")}")
            .ToList();
    }

    private static List<string> DuplicateInfluencers(Snapshot snapshot) =>
        snapshot.Sources.SelectMany(s => s.Facts.Influencers.Select(i => (i.Id, s.FileName)))
            .GroupBy(x => x.Id, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Select(x => x.FileName).Distinct().Count() > 1)
            .Select(g => $"{g.Key} in {string.Join(", ", g.Select(x => x.FileName).Distinct())}")
            .ToList();

    private static List<string> DuplicateTrackingDays(Snapshot snapshot) =>
        snapshot.Sources.Where(s => s.Facts.Dataset == Dataset.Tracking)
            .SelectMany(s => s.Facts.TrackingDays.Select(d => (d.Date, d.Rows, d.Digest, s.FileName)))
            .GroupBy(d => (d.Date, d.Rows, d.Digest))
            .Where(g => g.Select(d => d.FileName).Distinct().Count() > 1)
            .OrderBy(g => g.Key.Date)
            .Select(g =>
                $"{IndianText.Date(g.Key.Date)} ({IndianText.Count(g.Key.Rows, "row")}) in " +
                $"{string.Join(" and ", g.Select(d => d.FileName).Distinct())}")
            .ToList();
}
