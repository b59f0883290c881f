using Azure.Data.Tables;
using HealthKart.Core.DataContract;
using HealthKart.Core.Privacy;

namespace HealthKart.Infrastructure.Storage;

/// <summary>
/// Maps validated rows to table entities. Money is stored in whole paise; user_id only as its pseudonym.
/// </summary>
public sealed class RowEntities(UserPseudonymizer pseudonymizer)
{
    public TableEntity ToEntity(DatasetRow row, string partitionKey)
    {
        var entity = new TableEntity(partitionKey, TableKeys.RowKey(row.Row));
        switch (row)
        {
            case TrackingRow t:
                entity["Source"] = t.Source;
                entity["Campaign"] = t.Campaign;
                entity["InfluencerId"] = t.InfluencerId;
                entity["UserId"] = pseudonymizer.Pseudonymize(t.UserId);
                entity["Product"] = t.Product;
                entity["Brand"] = t.Brand;
                entity["Date"] = t.Date.ToString("yyyy-MM-dd");
                entity["Orders"] = t.Orders;
                entity["RevenuePaise"] = t.RevenuePaise;
                entity["OrderId"] = t.OrderId;
                entity["Status"] = t.Status.ToString().ToLowerInvariant();
                break;
            case PostRow p:
                entity["InfluencerId"] = p.InfluencerId;
                entity["Platform"] = p.Platform;
                entity["Date"] = p.Date.ToString("yyyy-MM-dd");
                entity["Url"] = p.Url;
                entity["Caption"] = p.Caption;
                entity["Reach"] = p.Reach;
                entity["Likes"] = p.Likes;
                entity["Comments"] = p.Comments;
                entity["PostId"] = p.PostId;
                entity["Campaign"] = p.Campaign;
                entity["Product"] = p.Product;
                break;
            case InfluencerRow i:
                entity["InfluencerId"] = i.Id;
                entity["Name"] = i.Name;
                entity["Category"] = i.Category;
                entity["Gender"] = i.Gender;
                entity["FollowerCount"] = i.FollowerCount;
                entity["Platform"] = i.Platform;
                entity["BrandFit"] = i.BrandFit;
                break;
            case PayoutRow p:
                entity["InfluencerId"] = p.InfluencerId;
                entity["Basis"] = p.Basis.ToString().ToLowerInvariant();
                entity["RatePaise"] = p.RatePaise;
                entity["Orders"] = p.Orders;
                entity["TotalPayoutPaise"] = p.TotalPayoutPaise;
                entity["Date"] = p.Date?.ToString("yyyy-MM-dd") ?? "";
                entity["Campaign"] = p.Campaign;
                break;
        }

        return entity;
    }
}
