using HealthKart.Core.DataContract;
using static HealthKart.Core.DataContract.DatasetSchema;

namespace HealthKart.Core.Validation;

/// <summary>
/// Turns the current record into a typed row of its dataset; the row is dropped when any field failed.
/// </summary>
internal static class RowParsers
{
    public static Func<FieldReader, DatasetRow> For(Dataset dataset) => dataset switch
    {
        Dataset.Influencers => Influencer,
        Dataset.Posts => Post,
        Dataset.Tracking => Tracking,
        Dataset.Payouts => Payout,
        _ => throw new ArgumentOutOfRangeException(nameof(dataset)),
    };

    private static InfluencerRow Influencer(FieldReader f)
    {
        var genderText = f.RequiredText(Influencers.Gender);
        var gender = MarketingNames.Gender(genderText);
        if (gender is null && genderText.Length > 0)
        {
            f.Fail(Influencers.Gender, genderText, "must be Male, Female or Other");
        }

        return new InfluencerRow(
            f.Row,
            f.RequiredText(Influencers.Id),
            f.RequiredText(Influencers.Name),
            f.RequiredText(Influencers.Category),
            gender ?? "",
            f.Count(Influencers.FollowerCount),
            MarketingNames.Platform(f.RequiredText(Influencers.Platform)),
            f.Text(Influencers.BrandFit));
    }

    private static PostRow Post(FieldReader f) => new(
        f.Row,
        f.RequiredText(Posts.InfluencerId),
        MarketingNames.Platform(f.RequiredText(Posts.Platform)),
        f.Date(Posts.Date),
        f.RequiredText(Posts.Url),
        f.Text(Posts.Caption),
        f.Count(Posts.Reach),
        f.Count(Posts.Likes),
        f.Count(Posts.Comments),
        f.Text(Posts.PostId),
        f.Text(Posts.Campaign),
        f.Text(Posts.Product));

    private static TrackingRow Tracking(FieldReader f)
    {
        var product = f.RequiredText(DatasetSchema.Tracking.Product);
        var brand = f.Text(DatasetSchema.Tracking.Brand);
        return new TrackingRow(
            f.Row,
            MarketingNames.Source(f.Text(DatasetSchema.Tracking.Source)),
            f.Text(DatasetSchema.Tracking.Campaign),
            f.Text(DatasetSchema.Tracking.InfluencerId),
            f.Text(DatasetSchema.Tracking.UserId),
            product,
            f.Date(DatasetSchema.Tracking.Date),
            f.Count(DatasetSchema.Tracking.Orders),
            f.Money(DatasetSchema.Tracking.Revenue),
            brand.Length > 0 ? MarketingNames.Brand(brand) : MarketingNames.BrandOfProduct(product),
            f.Text(DatasetSchema.Tracking.OrderId),
            Status(f));
    }

    private static SaleStatus Status(FieldReader f)
    {
        var status = f.Text(DatasetSchema.Tracking.Status);
        // The exact spelling first: it is nearly every row, and an ordinal comparison is cheaper than one ignoring
        // case.
        if (status.Length == 0 || status == "completed"
            || status.Equals("completed", StringComparison.OrdinalIgnoreCase))
        {
            return SaleStatus.Completed;
        }

        if (status.Equals("refunded", StringComparison.OrdinalIgnoreCase))
        {
            return SaleStatus.Refunded;
        }

        if (status.Equals("cancelled", StringComparison.OrdinalIgnoreCase)
            || status.Equals("canceled", StringComparison.OrdinalIgnoreCase))
        {
            return SaleStatus.Cancelled;
        }

        f.Fail(DatasetSchema.Tracking.Status, status, "must be completed, refunded or cancelled");
        return SaleStatus.Completed;
    }

    private static PayoutRow Payout(FieldReader f)
    {
        var basisText = f.RequiredText(Payouts.Basis);
        PayoutBasis basis = default;
        if (basisText.Equals("post", StringComparison.OrdinalIgnoreCase))
        {
            basis = PayoutBasis.Post;
        }
        else if (basisText.Equals("order", StringComparison.OrdinalIgnoreCase))
        {
            basis = PayoutBasis.Order;
        }
        else if (basisText.Length > 0)
        {
            f.Fail(Payouts.Basis, basisText, "must be 'post' or 'order'");
        }

        return new PayoutRow(
            f.Row,
            f.RequiredText(Payouts.InfluencerId),
            basis,
            f.Money(Payouts.Rate),
            f.Count(Payouts.Orders),
            f.Money(Payouts.TotalPayout),
            f.OptionalDate(Payouts.Date),
            f.Text(Payouts.Campaign));
    }
}
