using HealthKart.Core.Analytics.Customers;
using Kind = HealthKart.Core.Reports.ColumnKind;

namespace HealthKart.Core.Reports;

/// <summary>A monthly acquisition cohort's row (the <c>customers</c> view and the full workbook's sheet).</summary>
internal static class CustomerFields
{
    public static readonly ReportField<CustomerCohort>[] Cohorts =
    [
        new("month", "Month", Kind.Date, 12, c => c.Month),
        new("influencerCustomers", "New customers by influencers", Kind.Integer, 12, c => c.InfluencerCustomers),
        new("organicCustomers", "New customers, organic", Kind.Integer, 12, c => c.OrganicCustomers),
        new("existingOrUnknownCustomers", "Existing or unknown", Kind.Integer, 12, c => c.ExistingOrUnknownCustomers),
        new("influencerRepeat30", "Influencer-acquired, bought again in 30 days %", Kind.Percent, 12,
            c => c.InfluencerRepeat30),
        new("influencerRepeat60", "Influencer-acquired, in 60 days %", Kind.Percent, 12, c => c.InfluencerRepeat60),
        new("influencerRepeat90", "Influencer-acquired, in 90 days %", Kind.Percent, 12, c => c.InfluencerRepeat90),
        new("organicRepeat30", "Organic, bought again in 30 days %", Kind.Percent, 12, c => c.OrganicRepeat30),
        new("organicRepeat60", "Organic, in 60 days %", Kind.Percent, 12, c => c.OrganicRepeat60),
        new("organicRepeat90", "Organic, in 90 days %", Kind.Percent, 12, c => c.OrganicRepeat90),
    ];
}
