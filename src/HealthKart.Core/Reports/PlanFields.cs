using HealthKart.Core.Analytics.Planning;
using Kind = HealthKart.Core.Reports.ColumnKind;

namespace HealthKart.Core.Reports;

/// <summary>The budget plan's columns and parameters, with the JSON names of <see cref="PlanView"/>.</summary>
internal static class PlanFields
{
    public static readonly string[] Parameters = ["scenario", "budget", "target", "minShare", "maxShare"];

    public static readonly ReportField<PlanAllocation>[] Allocation =
    [
        new("influencerId", "Influencer ID", Kind.Text, 12, a => a.InfluencerId),
        new("name", "Name", Kind.Text, 22, a => a.Name),
        new("tier", "Tier", Kind.Text, 10, a => a.Tier),
        new("platform", "Platform", Kind.Text, 12, a => a.Platform),
        new("posts", "Posts", Kind.Integer, 8, a => a.Posts),
        new("currentSpend", "Current spend (₹)", Kind.Money, 16, a => a.CurrentSpend),
        new("proposedSpend", "Proposed spend (₹)", Kind.Money, 16, a => a.ProposedSpend),
        new("minSpend", "Lowest allowed (₹)", Kind.Money, 16, a => a.MinSpend),
        new("maxSpend", "Highest allowed (₹)", Kind.Money, 16, a => a.MaxSpend),
        new("currentIncrementalRevenue", "Expected incremental revenue now (₹)", Kind.Money, 20,
            a => a.CurrentIncrementalRevenue),
        new("proposedIncrementalRevenue", "Expected incremental revenue, proposed (₹)", Kind.Money, 20,
            a => a.ProposedIncrementalRevenue),
        new("currentMarginalRoas", "Marginal incremental ROAS now", Kind.Ratio, 14, a => a.CurrentMarginalRoas),
        new("proposedMarginalRoas", "Marginal incremental ROAS, proposed", Kind.Ratio, 14, a => a.ProposedMarginalRoas),
        new("ownDataShare", "Share of own data", Kind.Ratio, 10, a => a.OwnDataShare),
        new("curve", "Curve", Kind.Text, 40, a => a.Curve),
    ];

    public static readonly ReportField<PlanGroup>[] Group =
    [
        new("name", "Group", Kind.Text, 24, g => g.Name),
        new("currentSpend", "Current spend (₹)", Kind.Money, 16, g => g.CurrentSpend),
        new("proposedSpend", "Proposed spend (₹)", Kind.Money, 16, g => g.ProposedSpend),
        new("currentIncrementalRevenue", "Expected incremental revenue now (₹)", Kind.Money, 20,
            g => g.CurrentIncrementalRevenue),
        new("proposedIncrementalRevenue", "Expected incremental revenue, proposed (₹)", Kind.Money, 20,
            g => g.ProposedIncrementalRevenue),
    ];

    public static IReadOnlyList<ReportNote> Notes(object view) => view is PlanView plan
        ?
        [
            new("Scenario", plan.Scenario),
            new("Budget (₹)", plan.Budget, Kind.Money),
            new("Current spend (₹)", plan.CurrentSpend, Kind.Money),
            new("Expected gain (₹)", plan.ExpectedGain.Value, Kind.Money),
            new("Expected gain, interval low (₹)", plan.ExpectedGain.Low, Kind.Money),
            new("Expected gain, interval high (₹)", plan.ExpectedGain.High, Kind.Money),
            new("Advised", plan.Advised, Kind.Boolean),
            new("Next rupee returns (marginal incremental ROAS)", plan.MarginalRoas, Kind.Ratio),
            new("Advice", plan.Advice),
            new("Saturation (posts)", plan.Saturation.Note),
        ]
        : [];
}
