using HealthKart.Core.Analytics;
using Kind = HealthKart.Core.Reports.ColumnKind;

namespace HealthKart.Core.Reports;

/// <summary>
/// An influencer's row in the rankings (influencers, top, poor, and the executive summary's top and bottom five).
/// </summary>
internal static class InfluencerFields
{
    public static readonly ReportField<InfluencerItem>[] All =
    [
        new("rank", "Rank", Kind.Integer, 7, i => i.Rank),
        new("influencerId", "Influencer ID", Kind.Text, 14, i => i.InfluencerId),
        new("name", "Name", Kind.Text, 24, i => i.Name),
        new("category", "Category", Kind.Text, 14, i => i.Category),
        new("gender", "Gender", Kind.Text, 9, i => i.Gender),
        new("platform", "Platform", Kind.Text, 12, i => i.Platform),
        new("followers", "Followers", Kind.Integer, 13, i => i.Followers),
        new("tier", "Tier", Kind.Text, 9, i => i.Tier),
        new("known", "Known", Kind.Boolean, 8, i => i.Known),
        new("paid", "Paid", Kind.Boolean, 7, i => i.Paid),
        new("poor", "Poor performer", Kind.Boolean, 10, i => i.Poor),
        new("efficiencyScore", "Efficiency score", Kind.Ratio, 10, i => i.EfficiencyScore),
        .. KpiFields.For<InfluencerItem>(),
        new("revenuePerFollower", "Revenue per follower (₹)", Kind.Ratio, 12, i => i.RevenuePerFollower),
    ];
}
