using HealthKart.Core.Analytics.Customers;
using HealthKart.Core.Reports;

namespace HealthKart.Core.Views;

public static partial class ViewCatalog
{
    /// <summary>Customers first seen each month, by who acquired them, and how many bought again.</summary>
    private static readonly AnalyticsView Customers =
        new("customers", "Customer cohorts", (s, _) => CustomerCohorts.View(s),
        [ViewSheet.Table<CustomersView, CustomerCohort>("Customer cohorts", "items", CustomerFields.Cohorts,
            v => v.Items)])
        {
            Notes = view => view is CustomersView customers
                ?
                [
                    new("Customers first seen", customers.Totals.FirstSeen, ColumnKind.Integer),
                new("New customers by influencers", customers.Totals.ByInfluencers, ColumnKind.Integer),
                new("New customers, organic", customers.Totals.Organic, ColumnKind.Integer),
                new("Existing or unknown customers", customers.Totals.ExistingOrUnknown, ColumnKind.Integer),
                new("History window (days): first seen this close to the data's start = existing or unknown",
                    customers.HistoryDays, ColumnKind.Integer),
                new("Follow-on window (days)", customers.FollowOnDays, ColumnKind.Integer),
                ]
                : [],
        };
}
