using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Planning;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Views;

public static partial class ViewCatalog
{
    /// <summary>
    /// The budget plan (docs/planner.md): each influencer's proposed spend, and the totals by tier, platform and
    /// campaign.
    /// </summary>
    private static readonly AnalyticsView Plan = new("plan", "Budget plan", (s, _) => BudgetPlanner.Plan(s),
    [
        ViewSheet.Table<PlanView, PlanAllocation>("Plan", "allocations", PlanFields.Allocation, v => v.Allocations),
        ViewSheet.Table<PlanView, PlanGroup>("Plan by tier", "byTier", PlanFields.Group, v => v.ByTier),
        ViewSheet.Table<PlanView, PlanGroup>("Plan by platform", "byPlatform", PlanFields.Group, v => v.ByPlatform),
        ViewSheet.Table<PlanView, PlanGroup>("Plan by campaign", "byCampaign", PlanFields.Group, v => v.ByCampaign),
    ])
    {
        Parameters = ViewParameters.Plan,
        Notes = PlanFields.Notes,
    };
}
