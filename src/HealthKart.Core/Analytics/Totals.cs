using System.Diagnostics.CodeAnalysis;

namespace HealthKart.Core.Analytics;

/// <summary>Additive sums of one group: what every metric is computed from. Money in paise.</summary>
[SuppressMessage("Design", "CA1051:Do not declare visible instance fields",
    Justification = "A plain bag of sums that the aggregation loops add to in place, field by field.")]
public struct Totals
{
    public long Orders;
    public long Revenue;
    public long Spend;
    public long Posts;
    public long Reach;
    public long Engagements;

    /// <summary>Net orders from customers who had first bought on an earlier day.</summary>
    public long ReturningOrders;

    /// <summary>
    /// Customers this group's influencer rows acquired (docs/customers.md), their acquiring revenue, and follow-on.
    /// </summary>
    public long NewCustomers;
    public long NewCustomerRevenue;

    /// <summary>
    /// Of <see cref="NewCustomers"/>, those whose follow-on window lies inside the data, and their follow-on revenue.
    /// </summary>
    public long MatureNewCustomers;
    public long FollowOnRevenue;

    public void Add(in Totals other)
    {
        ReturningOrders += other.ReturningOrders;
        NewCustomers += other.NewCustomers;
        NewCustomerRevenue += other.NewCustomerRevenue;
        MatureNewCustomers += other.MatureNewCustomers;
        FollowOnRevenue += other.FollowOnRevenue;
        Orders += other.Orders;
        Revenue += other.Revenue;
        Spend += other.Spend;
        Posts += other.Posts;
        Reach += other.Reach;
        Engagements += other.Engagements;
    }
}
