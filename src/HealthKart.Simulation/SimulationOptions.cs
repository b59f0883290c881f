namespace HealthKart.Simulation;

/// <summary>
/// The knobs of <see cref="Simulator"/>. The defaults reproduce the committed sample in <c>data/</c>: 50 influencers,
/// about 200 posts over 90 days from 2025-06-01 (to 2025-08-29), about 2,800 tracking rows and about 60 payouts.
/// <c>hk simulate</c> and <c>hk serve</c> move the period to end yesterday in India (<see cref="EndingOn"/>).
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>
    /// Seed of every random draw; the same seed and options give byte-identical files on the same .NET version.
    /// </summary>
    public int Seed { get; init; } = 42;

    public int Influencers { get; init; } = 50;

    public int Days { get; init; } = 90;

    public DateOnly StartDate { get; init; } = new(2025, 6, 1);

    /// <summary>Average number of posts per influencer over the whole period.</summary>
    public double PostsPerInfluencer { get; init; } = 4;

    /// <summary>
    /// Expected organic order rows per day over the whole catalogue in the counterfactual world without posts.
    /// Ignored when <see cref="TrackingRows"/> is set.
    /// </summary>
    public double OrganicOrdersPerDay { get; init; } = 25;

    /// <summary>
    /// Approximate number of tracking rows wanted. When set, the organic volume is solved so that baseline plus
    /// post-driven rows land near this number.
    /// </summary>
    public long? TrackingRows { get; init; }

    /// <summary>
    /// True lift of posts: post-driven extra revenue as a fraction of the counterfactual revenue of the product-days
    /// the posts reach (a post reaches its product for 8 days from its date). 0 means posts drive no extra sales.
    /// </summary>
    public double TrueLift { get; init; } = 0.3;

    /// <summary>
    /// Share of counterfactual sales on post-reached product-days that carry an influencer's attribution although they
    /// would have happened without the post (coupon codes used by customers who were buying anyway). This is what
    /// makes last-touch attribution overstate the true lift.
    /// </summary>
    public double AttributedBaselineShare { get; init; } = 0.1;

    public DateOnly EndDate => StartDate.AddDays(Days - 1);

    /// <summary>The same options, the period moved to end on <paramref name="end"/> (its length unchanged).</summary>
    public SimulationOptions EndingOn(DateOnly end) => this with { StartDate = end.AddDays(1 - Days) };

    /// <summary>
    /// Throws <see cref="InvalidSimulationOption"/> for the first option outside its range. The one home of the
    /// ranges: <c>hk simulate</c> reports them under its option names.
    /// </summary>
    public void Validate()
    {
        Require(Influencers is >= 1 and <= 100_000, nameof(Influencers), "between 1 and 1,00,000");
        Require(Days is >= 1 and <= 3_660, nameof(Days), "between 1 and 3,660");
        Require(PostsPerInfluencer is >= 0 and <= 1_000, nameof(PostsPerInfluencer), "between 0 and 1,000");
        Require(OrganicOrdersPerDay is > 0 and <= 10_000_000, nameof(OrganicOrdersPerDay),
            "above 0 and at most 1,00,00,000");
        Require(TrackingRows is null or (>= 1 and <= 2_000_000_000), nameof(TrackingRows),
            "between 1 and 2,00,00,00,000");
        Require(TrueLift is >= 0 and <= 10, nameof(TrueLift), "between 0 and 10");
        Require(AttributedBaselineShare is >= 0 and <= 0.9, nameof(AttributedBaselineShare), "between 0 and 0.9");
    }

    private static void Require(bool condition, string name, string range)
    {
        if (!condition)
        {
            throw new InvalidSimulationOption(name, $"must be {range}");
        }
    }
}

/// <summary>
/// An option outside its range: <see cref="Option"/> names the property, <see cref="Reason"/> the range.
/// </summary>
public sealed class InvalidSimulationOption(string option, string reason)
    : ArgumentOutOfRangeException(option, $"{option} {reason}.")
{
    public string Option => ParamName!;

    public string Reason { get; } = reason;
}
