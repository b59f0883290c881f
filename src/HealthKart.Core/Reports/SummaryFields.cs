using HealthKart.Core.Analytics;
using Kind = HealthKart.Core.Reports.ColumnKind;

namespace HealthKart.Core.Reports;

/// <summary>The summary as one row: the headline metrics, the influencer counts, and the period they cover.</summary>
internal static class SummaryFields
{
    public static readonly ReportField<SummaryView>[] All =
    [
        .. KpiFields.For<SummaryView>(),
        new("influencerCount", "Influencers", Kind.Integer, 11, s => s.InfluencerCount),
        new("paidInfluencerCount", "Paid influencers", Kind.Integer, 11, s => s.PaidInfluencerCount),
        new("unpaidInfluencerCount", "Unpaid influencers", Kind.Integer, 11, s => s.UnpaidInfluencerCount),
        new("poorPerformerCount", "Poor performers", Kind.Integer, 11, s => s.PoorPerformerCount),
        new("undatedSpend", "Undated spend (₹)", Kind.Money, 16, s => s.UndatedSpend),
        new("customers.firstSeen", "Customers first seen", Kind.Integer, 11, s => s.Customers.FirstSeen),
        new("customers.byInfluencers", "New customers by influencers", Kind.Integer, 11,
            s => s.Customers.ByInfluencers),
        new("customers.organic", "New customers, organic", Kind.Integer, 11, s => s.Customers.Organic),
        new("customers.existingOrUnknown", "Existing or unknown customers", Kind.Integer, 11,
            s => s.Customers.ExistingOrUnknown),
        new("period.from", "From", Kind.Date, 12, s => s.Period.From),
        new("period.to", "To", Kind.Date, 12, s => s.Period.To),
        new("period.days", "Days", Kind.Integer, 8, s => s.Period.Days),
        new("period.immatureDays", "Days still maturing", Kind.Integer, 10, s => s.Period.ImmatureDays),
        new("period.maturityDays", "Maturity window (days)", Kind.Integer, 10, s => s.Period.MaturityDays),
        new("incrementality.method", "Incrementality method", Kind.Text, 14, s => s.Incrementality.Method),
        new("incrementality.baselineRate", "Baseline rate", Kind.Ratio, 10, s => s.Incrementality.BaselineRate),
        new("datasetVersion", "Dataset version", Kind.Text, 24, s => s.DatasetVersion),
    ];
}
