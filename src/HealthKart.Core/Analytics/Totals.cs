namespace HealthKart.Core.Analytics;

/// <summary>Additive sums of one group: what every metric is computed from. Money in paise.</summary>
public struct Totals
{
    public long Orders;
    public long Revenue;
    public long Spend;
    public long Posts;
    public long Reach;
    public long Engagements;

    public void Add(in Totals other)
    {
        Orders += other.Orders;
        Revenue += other.Revenue;
        Spend += other.Spend;
        Posts += other.Posts;
        Reach += other.Reach;
        Engagements += other.Engagements;
    }
}
