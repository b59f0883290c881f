namespace HealthKart.Simulation;

/// <summary>A HealthKart brand and the influencer campaigns it runs.</summary>
public sealed record Brand(string Name, IReadOnlyList<string> Campaigns);
