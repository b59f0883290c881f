using System.Globalization;
using HealthKart.Core.Analytics;

namespace HealthKart.Core.Tests.Analytics.Customers;

/// <summary>
/// Rule 4's conservation law: new customers summed over the listed influencers, plus organic, plus existing-or-unknown,
/// equal the distinct customers first seen in the period whose acquiring row passes the other filters, counted here
/// from the rows. Checked on the filter combinations the analytics tests use (one per value of each dimension,
/// multi-select repeated and comma-separated, date ranges and halves, and the hand-worked tests' combinations).
/// </summary>
public sealed class CustomerConservationTests
{
    [Theory]
    [MemberData(nameof(CustomerRecomputationTests.Seeds), MemberType = typeof(CustomerRecomputationTests))]
    public void NewCustomersAddUpToTheCustomersFirstSeenUnderEveryFilter(int seed)
    {
        var reference = new CustomerReference(SimulatedCustomers.For(seed));
        var queries = Queries(reference).ToList();

        foreach (var parameters in queries)
        {
            var selection = new Selection(reference.Data.Snapshot, AnalyticsQueryParser.Parse(
                parameters.Select(p => KeyValuePair.Create(p.Name, p.Values.Select(v => (string?)v).ToArray()))));
            var summary = AnalyticsEngine.Summary(selection, new DateOnly(2030, 1, 1));
            var listed = AnalyticsEngine.Influencers(selection).Items.Sum(i => i.NewCustomers);
            var expected = reference.First.Keys.Count(c => Passes(reference, parameters, c));

            var label = string.Join("&", parameters.Select(p => $"{p.Name}={string.Join("|", p.Values)}"));
            Assert.Equal((label, expected),
                (label, listed + summary.Customers.Organic + summary.Customers.ExistingOrUnknown));
            Assert.Equal((label, expected, listed), (label, summary.Customers.FirstSeen, summary.NewCustomers));
        }

        Assert.True(queries.Count > 60, $"{queries.Count} filter combinations");
    }

    private static IEnumerable<(string Name, string[] Values)[]> Queries(CustomerReference reference)
    {
        var rows = reference.Data.Rows;
        var influencers = reference.Data.Influencers.Values.ToList();
        var (first, last) = (reference.DataFirst, reference.DataLast);
        var middle = DateOnly.FromDayNumber((first.DayNumber + last.DayNumber) / 2);
        var campaigns = rows.Select(r => r.Campaign).Distinct().ToArray();
        var products = rows.Select(r => r.Product).Distinct().ToArray();

        yield return [];
        foreach (var platform in rows.Select(r => r.Platform).Distinct())
        {
            yield return [("platform", [platform])];
        }

        foreach (var category in influencers.Select(i => i.Category).Distinct())
        {
            yield return [("category", [category])];
        }

        foreach (var gender in new[] { "Male", "Female", "Other" })
        {
            yield return [("gender", [gender])];
        }

        foreach (var tier in new[] { "Micro", "Mid", "Macro", "Mega" })
        {
            yield return [("tier", [tier])];
        }

        foreach (var influencer in influencers)
        {
            yield return [("influencer", [influencer.Id])];
        }

        foreach (var campaign in campaigns)
        {
            yield return [("campaign", [campaign])];
        }

        yield return [("campaign", campaigns)];
        yield return [("campaign", [string.Join(",", campaigns)])];
        yield return [("product", products)];
        yield return [("product", [products[0]]), ("platform", ["Instagram"])];
        yield return [("brand", [.. rows.Select(r => r.Brand).Distinct()])];
        yield return [("brand", [rows[0].Brand])];
        yield return [("from", [Iso(first)]), ("to", [Iso(last)])];
        yield return [("from", [Iso(first)]), ("to", [Iso(middle)])];
        yield return [("from", [Iso(middle.AddDays(1))]), ("to", [Iso(last)])];
        yield return [("from", [Iso(first.AddDays(45))])];
        yield return [("to", [Iso(first.AddDays(29))])];
        yield return [("platform", ["Instagram", "YouTube"]), ("campaign", [campaigns[0]])];
        yield return [("platform", ["Instagram,YouTube"]), ("from", [Iso(first.AddDays(60))]),
            ("to", [Iso(first.AddDays(120))])];
        yield return [("tier", ["Mid"]), ("gender", ["Male"])];
        yield return [("category", [string.Join(",", influencers.Select(i => i.Category).Distinct().Take(2))])];
        yield return [("category", [.. influencers.Select(i => i.Category).Distinct().Take(2)]),
            ("tier", ["Micro", "Macro"])];
        yield return [("influencer", [influencers[0].Id, influencers[1].Id]), ("from", [Iso(middle)])];
    }

    /// <summary>
    /// A customer counts when their first purchase date is in the period and their acquiring row passes every other
    /// filter; influencer-level filters (influencer, category, gender, tier) need an influencer, so organic rows fail
    /// them.
    /// </summary>
    private static bool Passes(CustomerReference reference, (string Name, string[] Values)[] parameters,
        string customer)
    {
        var row = reference.Acquiring[customer];
        var profile = row.Organic ? null : reference.Data.Influencers[row.InfluencerId];
        foreach (var (name, given) in parameters)
        {
            var values = given.SelectMany(v => v.Split(',')).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var day = reference.First[customer];
            var passes = name switch
            {
                "from" => day >= DateOnly.ParseExact(given[0], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                "to" => day <= DateOnly.ParseExact(given[0], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                "platform" => values.Contains(row.Platform),
                "campaign" => values.Contains(row.Campaign),
                "product" => values.Contains(row.Product),
                "brand" => values.Contains(row.Brand),
                "influencer" => profile is not null && values.Contains(profile.Id),
                "category" => profile is not null && values.Contains(profile.Category),
                "gender" => profile is not null && values.Contains(profile.Gender),
                "tier" => profile is not null && values.Contains(profile.Tier),
                _ => throw new ArgumentOutOfRangeException(nameof(parameters), name, "not a filter"),
            };
            if (!passes)
            {
                return false;
            }
        }

        return true;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
