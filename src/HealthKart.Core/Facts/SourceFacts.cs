using HealthKart.Core.DataContract;


namespace HealthKart.Core.Facts;

/// <summary>
/// The compact facts one version of one uploaded source contributes to the analytics. Raw rows live in tables for
/// audit and export; analytics load only these, so a dashboard request never scans raw rows.
/// </summary>
public sealed record SourceFacts(
    Dataset Dataset,
    IReadOnlyList<InfluencerRow> Influencers,
    IReadOnlyList<SalesFact> Sales,
    IReadOnlyList<PostFact> Posts,
    IReadOnlyList<PayoutRow> Payouts,
    IReadOnlyList<TrackingDayDigest> TrackingDays)
{
    /// <summary>
    /// Tracking sources only: each identified customer's rows, for new-customer and follow-on figures.
    /// </summary>
    public CustomerRows Customers { get; init; } = CustomerRows.None;
}
