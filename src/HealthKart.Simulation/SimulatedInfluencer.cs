namespace HealthKart.Simulation;

/// <summary>
/// One simulated influencer. <see cref="HomeBrand"/> is the brand most of their posts promote; <see cref="Handle"/>
/// appears in their post URLs and coupon codes.
/// </summary>
internal sealed record SimulatedInfluencer(
    string Id,
    string Name,
    string Category,
    string Gender,
    long FollowerCount,
    SocialPlatform Platform,
    double BrandFit,
    Brand HomeBrand,
    string Handle);
