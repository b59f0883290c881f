using HealthKart.Core.Analytics;
using HealthKart.Core.Analytics.Customers;
using HealthKart.Core.Analytics.Planning;
using Kind = HealthKart.Core.Reports.ColumnKind;

namespace HealthKart.Core.Reports;

/// <summary>
/// One report per analytics view, computed by the same engine call as <c>GET /api/analytics/{view}</c> (and
/// <c>GET /api/data-quality</c>), with one sheet per array of the view's JSON; the first sheet is the <c>items</c>
/// table.
/// </summary>
internal static class ViewReports
{
    public static readonly IReadOnlyList<ViewReport> All =
    [
        new("summary", "Summary", (s, today) => AnalyticsEngine.Summary(s, today),
            [ViewSheet.Table<SummaryView, SummaryView>("Summary", "", SummaryFields.All, v => [v])]),
        new("influencers", "Influencers", (s, _) => AnalyticsEngine.Influencers(s), [Influencers("Influencers")]),
        new("top", "Top performers", (s, _) => AnalyticsEngine.Top(s), [Influencers("Top performers")]) { Parameters =
            ["n"] },
        new("poor", "Poor performers", (s, _) => AnalyticsEngine.Poor(s),
            [Influencers("Poor performers")]) { Parameters = ["n"] },
        new("campaigns", "Campaigns", (s, _) => AnalyticsEngine.Campaigns(s),
            [Items("Campaigns", Key<CampaignItem>("campaign", "Campaign", 24, i => i.Campaign))]),
        new("platforms", "Platforms", (s, _) => AnalyticsEngine.Platforms(s),
            [Items("Platforms", Key<PlatformItem>("platform", "Platform", 14, i => i.Platform))]),
        new("categories", "Categories", (s, _) => AnalyticsEngine.Categories(s),
            [Items("Categories", Key<CategoryItem>("category", "Category", 16, i => i.Category))]),
        new("personas", "Personas", (s, _) => AnalyticsEngine.Personas(s),
        [
            ViewSheet.Table<PersonaBreakdown, PersonaItem>("Personas", "items", KpiFields.After(
                Key<PersonaItem>("category", "Category", 16, i => i.Category),
                Key<PersonaItem>("platform", "Platform", 14, i => i.Platform)), v => v.Items),
            ViewSheet.Table<PersonaBreakdown, GenderItem>("Personas by gender", "byGender",
                KpiFields.After(Key<GenderItem>("gender", "Gender", 10, i => i.Gender)), v => v.ByGender),
            ViewSheet.Table<PersonaBreakdown, TierItem>("Personas by tier", "byTier",
                KpiFields.After(Key<TierItem>("tier", "Tier", 10, i => i.Tier)), v => v.ByTier),
        ]),
        new("products", "Products", (s, _) => AnalyticsEngine.Products(s),
        [
            ViewSheet.Table<ProductBreakdown, ProductItem>("Products", "items", KpiFields.After(
                Key<ProductItem>("product", "Product", 28, i => i.Product),
                Key<ProductItem>("brand", "Brand", 14, i => i.Brand)), v => v.Items),
            ViewSheet.Table<ProductBreakdown, BrandItem>("Brands", "brands",
                KpiFields.After(Key<BrandItem>("brand", "Brand", 14, i => i.Brand)), v => v.Brands),
        ]),
        new("brands", "Brands", (s, _) => AnalyticsEngine.Brands(s),
            [Items("Brands", Key<BrandItem>("brand", "Brand", 14, i => i.Brand))]),
        new("genders", "Genders", (s, _) => AnalyticsEngine.Genders(s),
            [Items("Genders", Key<GenderItem>("gender", "Gender", 10, i => i.Gender))]),
        new("tiers", "Follower tiers", (s, _) => AnalyticsEngine.Tiers(s),
            [Items("Tiers", Key<TierItem>("tier", "Tier", 10, i => i.Tier))]),
        new("timeseries", "Time series", (s, _) => AnalyticsEngine.TimeSeries(s),
            [ViewSheet.Table<TimeSeries, PeriodItem>("Time series", "items",
                KpiFields.After(new ReportField<PeriodItem>("period", "Period", Kind.Date, 12, i => i.Period)),
                v => v.Items)])
        {
            Parameters = ["granularity"],
            Notes = view => view is TimeSeries series
                ? [new("Periods", series.Granularity), new("Undated spend (₹), on no period", series.UndatedSpend,
                    Kind.Money)]
                : [],
        },
        new("customers", "Customer cohorts", (s, _) => CustomerCohorts.View(s),
            [ViewSheet.Table<CustomersView, CustomerCohort>("Customer cohorts", "items", CustomerFields.Cohorts,
                v => v.Items)])
        {
            Notes = view => view is CustomersView customers
                ?
                [
                    new("Customers first seen", customers.Totals.FirstSeen, Kind.Integer),
                    new("New customers by influencers", customers.Totals.ByInfluencers, Kind.Integer),
                    new("New customers, organic", customers.Totals.Organic, Kind.Integer),
                    new("Existing or unknown customers", customers.Totals.ExistingOrUnknown, Kind.Integer),
                    new("History window (days): first seen this close to the data's start = existing or unknown",
                        customers.HistoryDays, Kind.Integer),
                    new("Follow-on window (days)", customers.FollowOnDays, Kind.Integer),
                ]
                : [],
        },
        new("insights", "Insights and recommendations", (s, today) => InsightEngine.Insights(s, today),
        [
            ViewSheet.Table<InsightsView, Insight>("Insights", "items", InsightFields.All, v => v.Items),
            ExecutiveSummarySheet.Sheet,
            ViewSheet.Table<InsightsView, InfluencerItem>("Top 5", "executiveSummary.top", InfluencerFields.All,
                v => v.ExecutiveSummary.Top),
            ViewSheet.Table<InsightsView, InfluencerItem>("Bottom 5", "executiveSummary.bottom", InfluencerFields.All,
                v => v.ExecutiveSummary.Bottom),
            ViewSheet.Table<InsightsView, Insight>("Actions", "executiveSummary.actions", InsightFields.All,
                v => v.ExecutiveSummary.Actions),
        ]),
        new("plan", "Budget plan", (s, _) => BudgetPlanner.Plan(s),
        [
            ViewSheet.Table<PlanView, PlanAllocation>("Plan", "allocations", PlanFields.Allocation, v => v.Allocations),
            ViewSheet.Table<PlanView, PlanGroup>("Plan by tier", "byTier", PlanFields.Group, v => v.ByTier),
            ViewSheet.Table<PlanView, PlanGroup>("Plan by platform", "byPlatform", PlanFields.Group, v => v.ByPlatform),
            ViewSheet.Table<PlanView, PlanGroup>("Plan by campaign", "byCampaign", PlanFields.Group, v => v.ByCampaign),
        ])
        {
            Parameters = PlanFields.Parameters,
            Notes = PlanFields.Notes,
        },
        new(ReportCatalog.DataQualityView, "Data quality", (s, _) => DataQuality.Check(s.Snapshot),
            [ViewSheet.Table<DataQualityView, DataQualityWarning>("Data quality", "items", DataQualityFields.All,
                v => v.Items)]),
    ];

    private static ViewSheet Influencers(string name) =>
        ViewSheet.Table<Breakdown<InfluencerItem>, InfluencerItem>(name, "items", InfluencerFields.All, v => v.Items);

    private static ViewSheet Items<T>(string name, ReportField<T> key) where T : Kpis =>
        ViewSheet.Table<Breakdown<T>, T>(name, "items", KpiFields.After(key), v => v.Items);

    private static ReportField<T> Key<T>(string jsonName, string header, double width, Func<T, string> value) =>
        new(jsonName, header, Kind.Text, width, i => value(i));
}
