using HealthKart.Core.Validation;

namespace HealthKart.Core.DataContract;

/// <summary>The headers of each dataset, exactly the original's, plus the optional columns it grew.</summary>
public static class DatasetSchema
{
    public static class Influencers
    {
        public static readonly Column Id = new("ID", true, "influencer_id");
        public static readonly Column Name = new("name", true) { FreeText = true };
        public static readonly Column Category = new("category", true) { FreeText = true };
        public static readonly Column Gender = new("gender", true);
        public static readonly Column FollowerCount = new("follower_count", true) { Max = ValueDomains.MaxAudience };
        public static readonly Column Platform = new("platform", true);
        public static readonly Column BrandFit = new("brand_fit", false) { FreeText = true };
        public static readonly Column[] All = [Id, Name, Category, Gender, FollowerCount, Platform, BrandFit];
    }

    public static class Posts
    {
        public static readonly Column InfluencerId = new("influencer_id", true);
        public static readonly Column Platform = new("platform", true);
        public static readonly Column Date = new("date", true);
        public static readonly Column Url = new("URL", true);
        public static readonly Column Caption = new("caption", true) { FreeText = true };
        public static readonly Column Reach = new("reach", true) { Max = ValueDomains.MaxAudience };
        public static readonly Column Likes = new("likes", true) { Max = ValueDomains.MaxAudience };
        public static readonly Column Comments = new("comments", true) { Max = ValueDomains.MaxAudience };
        public static readonly Column PostId = new("post_id", false);
        public static readonly Column Campaign = new("campaign", false);
        public static readonly Column Product = new("product", false);
        public static readonly Column[] All = [InfluencerId, Platform, Date, Url, Caption, Reach, Likes, Comments,
            PostId, Campaign, Product];
    }

    public static class Tracking
    {
        public static readonly Column Source = new("source", true);
        public static readonly Column Campaign = new("campaign", true);
        public static readonly Column InfluencerId = new("influencer_id", true);
        public static readonly Column UserId = new("user_id", true);
        public static readonly Column Product = new("product", true);
        public static readonly Column Date = new("date", true);
        public static readonly Column Orders = new("orders", true) { Max = ValueDomains.MaxOrders };
        public static readonly Column Revenue = new("revenue", true) { Max = ValueDomains.MaxMoneyPaise };
        public static readonly Column Brand = new("brand", false);
        public static readonly Column OrderId = new("order_id", false);
        public static readonly Column Status = new("status", false);
        public static readonly Column[] All = [Source, Campaign, InfluencerId, UserId, Product, Date, Orders, Revenue,
            Brand, OrderId, Status];
    }

    public static class Payouts
    {
        public static readonly Column InfluencerId = new("influencer_id", true);
        public static readonly Column Basis = new("basis", true);
        public static readonly Column Rate = new("rate", true) { Max = ValueDomains.MaxMoneyPaise };
        public static readonly Column Orders = new("orders", true) { Max = ValueDomains.MaxOrders };
        public static readonly Column TotalPayout = new("total_payout", true) { Max = ValueDomains.MaxMoneyPaise };
        public static readonly Column Date = new("date", false);
        public static readonly Column Campaign = new("campaign", false);
        public static readonly Column[] All = [InfluencerId, Basis, Rate, Orders, TotalPayout, Date, Campaign];
    }

    public static IReadOnlyList<Column> ColumnsOf(Dataset dataset) => dataset switch
    {
        Dataset.Influencers => Influencers.All,
        Dataset.Posts => Posts.All,
        Dataset.Tracking => Tracking.All,
        Dataset.Payouts => Payouts.All,
        _ => throw new ArgumentOutOfRangeException(nameof(dataset)),
    };
}
