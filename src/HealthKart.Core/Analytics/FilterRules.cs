using System.Text;

namespace HealthKart.Core.Analytics;

/// <summary>The dimensions a filter matches by value (the influencer-level filters resolve to influencers).</summary>
public enum FilterDimension
{
    Campaign,
    Product,
    Brand,
    Platform,
}

/// <summary>
/// The filters of one query (docs/filters.md) resolved against one snapshot, once: a 0/1 byte per value of each
/// filtered dimension (dictionary codes), a 0/1 byte per influencer for the influencer-level filters, and the date
/// window as day numbers. The one home of the filter rules: <see cref="Selection"/> scans the fact columns through
/// it, and the raw tracking export matches its rows through it.
/// </summary>
public sealed class FilterRules
{
    private readonly Snapshot _snapshot;

    public FilterRules(Snapshot snapshot, AnalyticsQuery query)
    {
        _snapshot = snapshot;
        Campaign = Mask(snapshot.Campaigns, query.Campaigns);
        Product = Mask(snapshot.Products, query.Products);
        Brand = Mask(snapshot.Brands, query.Brands);
        Platform = Mask(snapshot.Platforms, query.Platforms);
        Influencer = InfluencerMask(snapshot, query);
        PostProduct = PostProductMask(snapshot, Product, Brand);
        From = query.From;
        To = query.To;
        FromDay = query.From?.DayNumber ?? int.MinValue + 1;
        ToDay = query.To?.DayNumber ?? int.MaxValue;
    }

    public DateOnly? From { get; }
    public DateOnly? To { get; }

    /// <summary>Whether a date window is set: undated spend (nothing to spread over) then never passes.</summary>
    public bool Dated => From is not null || To is not null;

    /// <summary>Whether anything but the date window filters (a look at each fact's dimensions is needed).</summary>
    public bool FiltersDimensions => Influencer is not null || Campaign is not null || Product is not null
        || Brand is not null || Platform is not null;

    /// <summary>No filter at all: every fact passes.</summary>
    public bool Everything => !FiltersDimensions && !Dated;

    internal int FromDay { get; }
    internal int ToDay { get; }
    internal byte[]? Influencer { get; }
    internal byte[]? Campaign { get; }
    internal byte[]? Product { get; }
    internal byte[]? Brand { get; }
    internal byte[]? Platform { get; }

    /// <summary>
    /// Posts carry no brand: a post passes the brand filter when its product's brand does, so both fold into one mask.
    /// </summary>
    internal byte[]? PostProduct { get; }

    /// <summary>Whether an influencer passes the influencer-level filters (id, category, gender, tier).</summary>
    public bool InfluencerPasses(int influencer) => Influencer is null || Influencer[influencer] != 0;

    /// <summary>
    /// The values of a dimension that pass, as the snapshot spells them; null when the dimension is not filtered.
    /// </summary>
    public IReadOnlyList<string>? Accepted(FilterDimension dimension)
    {
        var (mask, pool) = dimension switch
        {
            FilterDimension.Campaign => (Campaign, _snapshot.Campaigns),
            FilterDimension.Product => (Product, _snapshot.Products),
            FilterDimension.Brand => (Brand, _snapshot.Brands),
            _ => (Platform, _snapshot.Platforms),
        };
        return mask is null ? null : Enumerable.Range(0, mask.Length).Where(id => mask[id] != 0)
            .Select(id => pool[id]).ToList();
    }

    /// <summary>
    /// The IDs of the influencers that pass; null when no influencer-level filter is set (organic rows pass).
    /// </summary>
    public IReadOnlyList<string>? AcceptedInfluencers =>
        Influencer is null ? null : Enumerable.Range(0, Influencer.Length).Where(i => Influencer[i] != 0)
        .Select(i => _snapshot.Influencers[i].Id).ToList();

    /// <summary>
    /// The filter part of a query as a canonical text: two queries with the same key select the same facts. Values are
    /// compared case-insensitively and in any order; each is length-prefixed, so no value can pass for two.
    /// </summary>
    public static string Key(AnalyticsQuery query)
    {
        var key = new StringBuilder();
        foreach (var values in new[] { query.Platforms, query.Categories, query.Campaigns, query.Products, query.Brands,
            query.Influencers, query.Genders })
        {
            foreach (var value in values.Select(v => v.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal))
            {
                key.Append(value.Length).Append(':').Append(value);
            }

            key.Append('|');
        }

        return key.AppendJoin(',', query.Tiers.Distinct().Order()).Append('|').Append(query.From?.DayNumber).Append('|')
            .Append(query.To?.DayNumber).ToString();
    }

    /// <summary>
    /// Values match case-insensitively. A value that is not a known one is split on commas (comma-separated
    /// multi-select); a value still unknown matches nothing, so the selection is empty rather than an error.
    /// </summary>
    private static byte[]? Mask(DimensionPool pool, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var mask = new byte[pool.Count];
        foreach (var value in values)
        {
            var parts = pool.Find(value) is null
                ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [value];
            foreach (var part in parts)
            {
                if (pool.Find(part) is { } id)
                {
                    mask[id] = 1;
                }
            }
        }

        return mask;
    }

    private static byte[]? InfluencerMask(Snapshot snapshot, AnalyticsQuery query)
    {
        if (query.Influencers.Count == 0 && query.Categories.Count == 0 && query.Genders.Count == 0
            && query.Tiers.Count == 0)
        {
            return null;
        }

        var ids = Expand(query.Influencers, v => snapshot.InfluencerIndex.ContainsKey(v));
        var categories = Expand(query.Categories,
            v => snapshot.Influencers.Any(i => i.Category.Equals(v, StringComparison.OrdinalIgnoreCase)));
        var mask = new byte[snapshot.Influencers.Count];
        for (var i = 0; i < mask.Length; i++)
        {
            var profile = snapshot.Influencers[i];
            var passes = (ids.Count == 0 || ids.Contains(profile.Id))
                && (categories.Count == 0 || categories.Contains(profile.Category))
                && (query.Genders.Count == 0
                    || query.Genders.Contains(profile.Gender, StringComparer.OrdinalIgnoreCase))
                && (query.Tiers.Count == 0 || (profile.Known && query.Tiers.Contains(profile.Tier)));
            mask[i] = passes ? (byte)1 : (byte)0;
        }

        return mask;
    }

    private static byte[]? PostProductMask(Snapshot snapshot, byte[]? product, byte[]? brand)
    {
        if (brand is null)
        {
            return product;
        }

        var mask = new byte[snapshot.Products.Count];
        for (var p = 0; p < mask.Length; p++)
        {
            mask[p] = (byte)((product?[p] ?? 1) & brand[snapshot.ProductBrand[p]]);
        }

        return mask;
    }

    private static HashSet<string> Expand(IReadOnlyList<string> values, Func<string, bool> known) =>
        new(values.SelectMany(v => known(v)
            ? [v] : v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
            StringComparer.OrdinalIgnoreCase);
}
