using HealthKart.Core.Money;

namespace HealthKart.Core.Analytics.Customers;

/// <summary>
/// Two observations about customers (docs/customers.md), stated with their rule and figures, never as causes: the
/// paid influencers who brought the most new customers per rupee, and those whose attributed orders came mostly from
/// customers who had bought before (their code may be used by people who were buying anyway).
/// </summary>
public static class CustomerObservations
{
    public const string NewCustomersKind = "new-customers";
    public const string ReturningCustomersKind = "returning-customers";
    public static readonly string[] Kinds = [NewCustomersKind, ReturningCustomersKind];

    /// <summary>At most this many influencers are named in each observation.</summary>
    private const int Named = 3;

    /// <summary>Fewer attributed net orders than this are too few for a share to mean anything.</summary>
    public const int MinOrders = 10;

    /// <summary>"Mostly": more than this percent of the orders.</summary>
    public const double MostlyReturning = 50;

    public static IEnumerable<Insight> Of(IReadOnlyList<InfluencerItem> influencers, CustomerOptions options)
    {
        var cheapest = influencers.Where(i => i.Paid && i.NewCustomers > 0)
            .OrderBy(i => i.CostPerNewCustomer).ThenByDescending(i => i.NewCustomers).ThenBy(i => i.InfluencerId,
                StringComparer.Ordinal)
            .Take(Named).ToList();
        if (cheapest.Count > 0)
        {
            yield return new Insight(NewCustomersKind,
                "Most new customers per rupee: " + string.Join("; ", cheapest.Select(i =>
                    $"{i.Name} ({i.InfluencerId}) {IndianText.Count(i.NewCustomers)} at " +
                    $"{Inr.Format(i.CostPerNewCustomer!.Value)} each")),
                "An observation, not a cause. A new customer's first purchase in the data (outside its first " +
                $"{options.HistoryDays} days, when anyone may be an old customer) was this influencer's row; ranked " +
                "by allocated spend per new customer, " +
                "paid influencers only. Follow-on revenue counts their purchases in the " +
                $"{options.FollowOnDays} days after.",
                new Dictionary<string, object?>
                {
                    ["influencerIds"] = cheapest.Select(i => i.InfluencerId).ToList(),
                    ["newCustomers"] = cheapest.Select(i => i.NewCustomers).ToList(),
                    ["costPerNewCustomer"] = cheapest.Select(i => i.CostPerNewCustomer).ToList(),
                    ["newCustomerRevenue"] = cheapest.Select(i => i.NewCustomerRevenue).ToList(),
                    ["followOnRevenue"] = cheapest.Select(i => i.FollowOnRevenue).ToList(),
                    ["immatureShare"] = cheapest.Select(i => i.ImmatureShare).ToList(),
                    ["historyDays"] = options.HistoryDays,
                    ["followOnDays"] = options.FollowOnDays,
                });
        }

        var returning = influencers.Where(i => i.Orders >= MinOrders && i.ReturningOrderShare > MostlyReturning)
            .OrderByDescending(i => i.ReturningOrderShare).ThenBy(i => i.InfluencerId, StringComparer.Ordinal)
            .Take(Named).ToList();
        if (returning.Count > 0)
        {
            yield return new Insight(ReturningCustomersKind,
                "Orders mostly from returning customers: " + string.Join("; ", returning.Select(i =>
                    $"{i.Name} ({i.InfluencerId}) {i.ReturningOrderShare:0.#} % of " +
                    $"{IndianText.Count(i.Orders)} orders")),
                $"An observation, not a cause. More than {MostlyReturning:0} % of these influencers' attributed net " +
                $"orders (at least {MinOrders}) " +
                "came from customers who had already bought on an earlier day, through any channel: their codes " +
                "may be used by people who " +
                "were buying anyway. Set it beside their new customers before paying for more.",
                new Dictionary<string, object?>
                {
                    ["influencerIds"] = returning.Select(i => i.InfluencerId).ToList(),
                    ["orders"] = returning.Select(i => i.Orders).ToList(),
                    ["returningOrderShare"] = returning.Select(i => i.ReturningOrderShare).ToList(),
                    ["newCustomers"] = returning.Select(i => i.NewCustomers).ToList(),
                });
        }
    }
}
