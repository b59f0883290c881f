namespace HealthKart.Core.DataContract;

/// <summary>Canonical spellings, so "youtube", "YouTube" and " Youtube " are one platform in every breakdown.</summary>
public static class MarketingNames
{
    public const string Organic = "organic";
    public const string UnknownBrand = "(unknown)";

    public static readonly string[] Platforms = ["Instagram", "YouTube", "Twitter", "TikTok"];
    public static readonly string[] Genders = ["Male", "Female", "Other"];
    public static readonly string[] Brands = ["MuscleBlaze", "HKVitals", "Gritzo"];

    public static string Platform(string value) => Canonical(value, Platforms) ?? value;

    /// <summary>A tracking source is a platform, <c>organic</c>, or another channel kept as written.</summary>
    public static string Source(string value) =>
        value.Equals(Organic, StringComparison.OrdinalIgnoreCase) ? Organic : Platform(value);

    public static string? Gender(string value) => Canonical(value, Genders);

    /// <summary>
    /// A product's brand when the file has no brand column: HealthKart product names start with the brand.
    /// </summary>
    public static string BrandOfProduct(string product)
    {
        var compact = product.Replace(" ", "", StringComparison.Ordinal);
        foreach (var brand in Brands)
        {
            if (compact.StartsWith(brand, StringComparison.OrdinalIgnoreCase))
            {
                return brand;
            }
        }

        return product.StartsWith("MB ", StringComparison.OrdinalIgnoreCase) ? "MuscleBlaze" : UnknownBrand;
    }

    public static string Brand(string value) => Canonical(value, Brands) ?? value;

    /// <summary>
    /// The name spelled exactly is looked for first: nearly every row of a file spells it so, and an ordinal comparison
    /// is several times cheaper than one ignoring case (this runs for two fields of every tracking row).
    /// </summary>
    private static string? Canonical(string value, string[] names)
    {
        var exact = Array.IndexOf(names, value);
        if (exact >= 0)
        {
            return names[exact];
        }

        foreach (var name in names)
        {
            if (name.Equals(value, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return null;
    }
}
