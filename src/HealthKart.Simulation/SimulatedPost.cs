namespace HealthKart.Simulation;

/// <summary>
/// One simulated post. <see cref="Day"/> counts from the start date; <see cref="Campaign"/> indexes
/// <see cref="PostCalendar.Campaigns"/>; <see cref="Product"/> indexes <see cref="ProductCatalog.Products"/>.
/// <see cref="Pull"/> is the post's relative power to move sales (reach with diminishing returns, engagement, brand fit).
/// </summary>
internal sealed record SimulatedPost(
    string Id,
    int Influencer,
    int Day,
    string Url,
    string Caption,
    long Reach,
    long Likes,
    long Comments,
    int Campaign,
    int Product,
    double Pull);
