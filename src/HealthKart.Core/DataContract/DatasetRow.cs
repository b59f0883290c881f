namespace HealthKart.Core.DataContract;

/// <summary>
/// A validated row of an uploaded file; <see cref="Row"/> is its spreadsheet row number (header = 1).
/// </summary>
public abstract record DatasetRow(long Row);

public sealed record InfluencerRow(
    long Row, string Id, string Name, string Category, string Gender, long FollowerCount, string Platform,
    string BrandFit)
    : DatasetRow(Row);

public sealed record PostRow(
    long Row, string InfluencerId, string Platform, DateOnly Date, string Url, string Caption,
    long Reach, long Likes, long Comments, string PostId, string Campaign, string Product)
    : DatasetRow(Row);

public enum SaleStatus
{
    Completed,
    Refunded,
    Cancelled,
}

public sealed record TrackingRow(
    long Row, string Source, string Campaign, string InfluencerId, string UserId, string Product, DateOnly Date,
    long Orders, long RevenuePaise, string Brand, string OrderId, SaleStatus Status)
    : DatasetRow(Row)
{
    /// <summary>Organic rows (or rows with no influencer) are the baseline sales nobody was paid for.</summary>
    public bool IsOrganic => InfluencerId.Length == 0
        || Source.Equals(MarketingNames.Organic, StringComparison.OrdinalIgnoreCase);

    /// <summary>Refunded and cancelled rows reverse their orders and revenue.</summary>
    public int Sign => Status == SaleStatus.Completed ? 1 : -1;
}

public enum PayoutBasis
{
    Post,
    Order,
}

public sealed record PayoutRow(
    long Row, string InfluencerId, PayoutBasis Basis, long RatePaise, long Orders, long TotalPayoutPaise,
    DateOnly? Date, string Campaign)
    : DatasetRow(Row);
