namespace HealthKart.Core.Facts;

/// <summary>
/// Net sales of one day x influencer x campaign x product x brand x source, refunds and cancellations subtracted.
/// Organic (baseline) sales carry no influencer. <see cref="Source"/> is empty when the file left it empty: the
/// analytics then use the influencer's own platform.
/// </summary>
public sealed record SalesFact(
    DateOnly Date, string InfluencerId, string Campaign, string Product, string Brand, string Source, bool Organic,
    long Orders, long RevenuePaise, int Rows);

/// <summary>Posting activity of one day x influencer x platform x campaign x product.</summary>
public sealed record PostFact(
    DateOnly Date, string InfluencerId, string Platform, string Campaign, string Product,
    int Posts, long Reach, long Likes, long Comments);

/// <summary>
/// An order-independent fingerprint of one day's tracking rows in one source. Two sources with the same digest for
/// a day hold the same rows for that day: the same month uploaded twice under two names.
/// </summary>
public sealed record TrackingDayDigest(DateOnly Date, int Rows, ulong Digest);
