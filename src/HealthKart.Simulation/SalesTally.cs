namespace HealthKart.Simulation;

/// <summary>
/// What the tracking rows add up to, split by how each row came about. Revenue is net, as the analytics define it: a
/// refunded or cancelled row subtracts its revenue (docs/data-contract.md#columns), so the truth is in the same units as every estimate.
/// Units are of completed orders (what order-basis payouts pay for). Fed row by row while <c>tracking_data.csv</c>
/// streams out.
/// </summary>
internal sealed class SalesTally(int products, int influencers, int campaigns)
{
    public long Rows { get; private set; }

    public long OrganicRows { get; private set; }

    public long AttributedRows { get; private set; }

    /// <summary>Net revenue of the baseline orders: the whole counterfactual world without posts.</summary>
    public long[] CounterfactualRevenue { get; } = new long[products];

    /// <summary>Net revenue of the baseline orders on product-days some post reached.</summary>
    public long CounterfactualRevenueOnReachedDays { get; private set; }

    public long[] IncrementalRevenue { get; } = new long[products];

    public long[] IncrementalOrders { get; } = new long[products];

    public long[] AttributedRevenue { get; } = new long[products];

    public long[] InfluencerAttributedRevenue { get; } = new long[influencers];

    public long[] InfluencerIncrementalRevenue { get; } = new long[influencers];

    /// <summary>Completed attributed units per influencer x campaign, indexed <c>influencer * campaigns + campaign</c>.</summary>
    public long[] AttributedOrders { get; } = new long[influencers * campaigns];

    public int Campaigns => campaigns;

    /// <param name="influencer">The credited influencer, or -1 for an organic row.</param>
    /// <param name="incremental">True when the order exists only because of a post.</param>
    public void Add(int product, bool reached, int influencer, int campaign, bool incremental, int units, long revenue, bool completed)
    {
        Rows++;
        if (influencer < 0)
        {
            OrganicRows++;
        }
        else
        {
            AttributedRows++;
        }

        var net = completed ? revenue : -revenue;
        if (incremental)
        {
            IncrementalRevenue[product] += net;
            InfluencerIncrementalRevenue[influencer] += net;
        }
        else
        {
            CounterfactualRevenue[product] += net;
            CounterfactualRevenueOnReachedDays += reached ? net : 0;
        }

        if (influencer >= 0)
        {
            AttributedRevenue[product] += net;
            InfluencerAttributedRevenue[influencer] += net;
        }

        if (!completed)
        {
            return;
        }

        if (incremental)
        {
            IncrementalOrders[product] += units;
        }

        if (influencer >= 0)
        {
            AttributedOrders[influencer * campaigns + campaign] += units;
        }
    }
}
