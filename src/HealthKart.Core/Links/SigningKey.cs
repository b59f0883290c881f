namespace HealthKart.Core.Links;

/// <summary>A link-signing key: its public id (carried in the link) and its secret (only in settings).</summary>
public sealed record SigningKey(string Id, string Secret);
