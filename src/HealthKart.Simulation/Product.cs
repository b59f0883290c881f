namespace HealthKart.Simulation;

/// <summary>
/// A catalogue product. <see cref="UnitPrice"/> is in whole rupees; <see cref="OrganicShare"/> is its share of the
/// organic order volume (the shares of the catalogue add up to 1).
/// </summary>
public sealed record Product(string Name, Brand Brand, decimal UnitPrice, double OrganicShare)
{
    public long UnitPricePaise => (long)(UnitPrice * 100);
}
