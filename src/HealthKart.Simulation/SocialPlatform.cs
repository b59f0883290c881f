namespace HealthKart.Simulation;

/// <summary>Where an influencer posts. The names are written as-is to the CSVs, tracking <c>source</c> included.</summary>
public enum SocialPlatform
{
    Instagram,
    YouTube,
    Twitter,
    TikTok,
}
