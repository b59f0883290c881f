using HealthKart.Core.Analytics.Customers;

namespace HealthKart.Core.Analytics;

/// <summary>The headline KPIs of the filtered selection, with the context a reader needs to trust them.</summary>
public sealed record SummaryView : Kpis
{
    public required string DatasetVersion { get; init; }
    public required IncrementalityInfo Incrementality { get; init; }
    public int InfluencerCount { get; init; }
    public int PaidInfluencerCount { get; init; }
    public int UnpaidInfluencerCount { get; init; }
    public int PoorPerformerCount { get; init; }
    public decimal UndatedSpend { get; init; }
    public required PeriodInfo Period { get; init; }

    /// <summary>
    /// Customers first seen in the period, by who acquired them (<see cref="Kpis.NewCustomers"/> is the influencers'
    /// part).
    /// </summary>
    public required CustomerCounts Customers { get; init; }
}

/// <summary>
/// The dates the figures cover. Orders lag posts, so the last <see cref="MaturityDays"/> days before today are still
/// maturing: <see cref="ImmatureDays"/> says how many of the period's days are among them.
/// </summary>
public sealed record PeriodInfo(DateOnly? From, DateOnly? To, int Days, int ImmatureDays, int MaturityDays);

/// <summary>
/// Every breakdown answers <c>{ items: [...] }</c>, with the dataset version and the incrementality method.
/// </summary>
public sealed record Breakdown<T>(IReadOnlyList<T> Items, string DatasetVersion, IncrementalityInfo Incrementality);

public sealed record CampaignItem(string Campaign) : Kpis;

public sealed record PlatformItem(string Platform) : Kpis;

public sealed record CategoryItem(string Category) : Kpis;

public sealed record PersonaItem(string Category, string Platform) : Kpis;

public sealed record GenderItem(string Gender) : Kpis;

public sealed record TierItem(string Tier) : Kpis;

public sealed record ProductItem(string Product, string Brand) : Kpis;

public sealed record BrandItem(string Brand) : Kpis;

public sealed record PeriodItem(DateOnly Period) : Kpis;

/// <summary>Personas: category x platform, and the same selection by gender and by tier.</summary>
public sealed record PersonaBreakdown(
    IReadOnlyList<PersonaItem> Items, IReadOnlyList<GenderItem> ByGender, IReadOnlyList<TierItem> ByTier,
    string DatasetVersion, IncrementalityInfo Incrementality);

/// <summary>Products, and the same selection by brand.</summary>
public sealed record ProductBreakdown(IReadOnlyList<ProductItem> Items, IReadOnlyList<BrandItem> Brands,
    string DatasetVersion, IncrementalityInfo Incrementality);

/// <summary>
/// A time series; spend with no date (nothing to spread over) cannot sit on a period and is given apart.
/// </summary>
public sealed record TimeSeries(
    IReadOnlyList<PeriodItem> Items, string Granularity, decimal UndatedSpend, string DatasetVersion,
    IncrementalityInfo Incrementality);
