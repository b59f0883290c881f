namespace HealthKart.Simulation;

/// <summary>One product's share of the <see cref="GroundTruth"/>; revenue in rupees, orders in units.</summary>
public sealed record ProductTruth(
    string Product,
    string Brand,
    decimal UnitPrice,
    decimal CounterfactualRevenue,
    decimal TrueIncrementalRevenue,
    long TrueIncrementalOrders,
    decimal AttributedRevenue);
