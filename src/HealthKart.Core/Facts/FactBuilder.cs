using System.Runtime.InteropServices;
using HealthKart.Core.DataContract;

namespace HealthKart.Core.Facts;

/// <summary>
/// Folds a source's validated rows into its <see cref="SourceFacts"/>, one row at a time. <paramref
/// name="customerKey"/> turns a raw <c>user_id</c> into what may be stored (the keyed pseudonym); it runs once per
/// distinct customer. Sums are checked: a fact whose orders or posts pass what the snapshot's 32-bit columns hold, or
/// whose amounts pass 64 bits, makes <see cref="Add"/> return the reason, and the file is rejected on that row instead
/// of breaking every view.
/// </summary>
public sealed class FactBuilder(Dataset dataset, Func<string, string>? customerKey = null)
{
    private readonly List<InfluencerRow> _influencers = [];
    private readonly List<PayoutRow> _payouts = [];
    private readonly Dictionary<SalesKey, (long Orders, long Revenue, int Rows, int Id)> _sales = [];
    private readonly CustomerRowLog _customerRows = new(customerKey);
    private readonly Dictionary<PostKey, (int Posts, long Reach, long Likes, long Comments)> _posts = [];
    private readonly Dictionary<DateOnly, (int Rows, ulong Digest)> _days = [];

    /// <summary>Adds the row; returns why it cannot be added (a sum left its domain), or null.</summary>
    public string? Add(DatasetRow row)
    {
        switch (row)
        {
            case InfluencerRow influencer:
                _influencers.Add(influencer);
                return null;
            case PayoutRow payout:
                _payouts.Add(payout);
                return null;
            case PostRow post:
                return AddPost(post);
            case TrackingRow sale:
                return AddSale(sale);
            default:
                return null;
        }
    }

    private string? AddPost(PostRow post)
    {
        var key = new PostKey(post.Date, post.InfluencerId, post.Platform, post.Campaign, post.Product);
        ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(_posts, key, out _);
        if (sum.Posts == int.MaxValue)
        {
            return TooMany("posts", post.Date, post.InfluencerId);
        }

        try
        {
            sum = (sum.Posts + 1, checked(sum.Reach + post.Reach), checked(sum.Likes + post.Likes),
                checked(sum.Comments + post.Comments));
            return null;
        }
        catch (OverflowException)
        {
            return TooMany("reach or engagement", post.Date, post.InfluencerId);
        }
    }

    private string? AddSale(TrackingRow sale)
    {
        var organic = sale.IsOrganic;
        var key = new SalesKey(sale.Date, organic ? "" : sale.InfluencerId, sale.Campaign, sale.Product, sale.Brand,
            sale.Source, organic);
        // One hash lookup per row and dictionary, not two: this runs for every row of a 20M-row year.
        ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(_sales, key, out var exists);
        var id = exists ? sum.Id : _sales.Count - 1;
        var orders = sum.Orders + sale.Sign * sale.Orders;
        if (orders is > int.MaxValue or < -int.MaxValue)
        {
            return TooMany("orders", sale.Date, sale.InfluencerId);
        }

        // Revenue per row is at most ₹10 crore and a file is at most 2 GiB (tens of millions of rows), so this cannot
        // overflow; checked all the same, because a wrapped sum would be a wrong figure shown with status 200.
        long revenue;
        try
        {
            revenue = checked(sum.Revenue + sale.Sign * sale.RevenuePaise);
        }
        catch (OverflowException)
        {
            return TooMany("revenue", sale.Date, sale.InfluencerId);
        }

        sum = (orders, revenue, sum.Rows + 1, id);
        if (sale.UserId.Length > 0)
        {
            _customerRows.Add(sale.UserId, id, checked((int)(sale.Sign * sale.Orders)), sale.Sign * sale.RevenuePaise);
        }

        ref var day = ref CollectionsMarshal.GetValueRefOrAddDefault(_days, sale.Date, out _);
        day = (day.Rows + 1, unchecked(day.Digest + RowFingerprint.Of(sale)));
        return null;
    }

    private static string TooMany(string what, DateOnly date, string influencerId) =>
        $"the rows of {IndianText.Date(date)}{(influencerId.Length > 0 ? $" for {influencerId}" : "")} add up to " +
        $"more {what} than one day can hold " +
        $"({IndianText.Count(what is "orders" or "posts" ? int.MaxValue : long.MaxValue)}); check the file";

    public SourceFacts Build()
    {
        var sales = _sales.OrderBy(s => s.Key.Date).ToList();
        return new SourceFacts(
            dataset,
            _influencers,
            sales.Select(s => new SalesFact(s.Key.Date, s.Key.InfluencerId, s.Key.Campaign, s.Key.Product, s.Key.Brand,
                s.Key.Source, s.Key.Organic, s.Value.Orders, s.Value.Revenue, s.Value.Rows))
                .ToList(),
            _posts.Select(p => new PostFact(p.Key.Date, p.Key.InfluencerId, p.Key.Platform, p.Key.Campaign,
                p.Key.Product, p.Value.Posts, p.Value.Reach, p.Value.Likes, p.Value.Comments))
                .OrderBy(p => p.Date).ToList(),
            _payouts,
            _days.Select(d => new TrackingDayDigest(d.Key, d.Value.Rows, d.Value.Digest)).OrderBy(d => d.Date).ToList())
        {
            Customers = BuildCustomers(sales),
        };
    }

    /// <summary>The customer rows, pointing at each sales fact's place in the built (date-ordered) list.</summary>
    private CustomerRows BuildCustomers(List<KeyValuePair<SalesKey, (long Orders, long Revenue, int Rows,
        int Id)>> sales)
    {
        var position = new int[sales.Count];
        for (var i = 0; i < sales.Count; i++)
        {
            position[sales[i].Value.Id] = i;
        }

        return _customerRows.Build(position);
    }

    private readonly record struct SalesKey(DateOnly Date, string InfluencerId, string Campaign, string Product,
        string Brand, string Source, bool Organic);

    private readonly record struct PostKey(DateOnly Date, string InfluencerId, string Platform, string Campaign,
        string Product);
}
