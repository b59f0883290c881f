using HealthKart.Core.Analytics;
using HealthKart.Core.Problems;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>
/// The query string of every analytics view (docs/filters.md#matching-and-multi-select): what parses, and which 400
/// names which parameter.
/// </summary>
public sealed class AnalyticsQueryParserTests
{
    private static AnalyticsQuery Parse(params (string Name, string?[] Values)[] parameters) =>
        AnalyticsQueryParser.Parse(parameters.Select(p => KeyValuePair.Create(p.Name, p.Values)), ViewParameters.Count,
            ViewParameters.Granularity);

    private static ProblemException RejectsOn(ViewParameter[] viewParameters,
        params (string Name, string?[] Values)[] parameters) =>
        Assert.Throws<ProblemException>(() =>
            AnalyticsQueryParser.Parse(parameters.Select(p => KeyValuePair.Create(p.Name, p.Values)), viewParameters));

    private static ProblemException Rejects(params (string Name, string?[] Values)[] parameters) =>
        RejectsOn([ViewParameters.Count, ViewParameters.Granularity], parameters);

    [Fact]
    public void NoParametersMeanNoFiltersAndTheDefaults()
    {
        var query = Parse();

        Assert.Equal((0, 0, 0, null, null),
            (query.Platforms.Count, query.Tiers.Count, query.Genders.Count, query.From, query.To));
        Assert.Equal(("flat", 10, Granularity.Day), (query.Incrementality, query.N, query.Granularity));
    }

    [Theory]
    [InlineData("prepost", "prepost")]
    [InlineData("PrePost", "prepost")]
    [InlineData("flat", "flat")]
    public void TakesEitherIncrementalityMethodInAnyCase(string value, string method) =>
        Assert.Equal(method, Parse(("incrementality", [value])).Incrementality);

    [Theory]
    [InlineData("colour")]
    [InlineData("platforms")]
    [InlineData("date")]
    public void RejectsAnUnknownParameterNamingIt(string name)
    {
        var problem = Rejects((name, ["x"]));

        Assert.Equal((400, name), (problem.Status, problem.Parameter));
        Assert.Contains("platform", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAViewParameterOnAViewThatDoesNotTakeIt()
    {
        var problem = RejectsOn([], ("n", ["5"]));

        Assert.Equal((400, "n"), (problem.Status, problem.Parameter));
        Assert.Equal("granularity", RejectsOn([ViewParameters.Count], ("granularity", ["week"])).Parameter);
    }

    [Fact]
    public void IgnoresTheFunctionKeyAndCacheBusters()
    {
        var query = Parse(("code", ["secret-key"]), ("_", ["1723456789"]), ("platform", ["YouTube"]));

        Assert.Equal(["YouTube"], query.Platforms);
    }

    [Theory]
    [InlineData("from", "2025-7-1")]
    [InlineData("from", "01/07/2025")]
    [InlineData("to", "2025-02-30")]
    [InlineData("to", "yesterday")]
    public void RejectsAMalformedDate(string name, string value)
    {
        var problem = Rejects((name, [value]));

        Assert.Equal((400, name), (problem.Status, problem.Parameter));
    }

    [Fact]
    public void AnEmptyDateMeansNoBound()
    {
        // A form with a blank date field sends "from=&to=2025-07-31": the blank is no bound, not a malformed date.
        var query = Parse(("from", [""]), ("to", ["2025-07-31"]));

        Assert.Equal((null, (DateOnly?)new DateOnly(2025, 7, 31)), (query.From, query.To));
    }

    [Fact]
    public void RejectsMoreThanOneDateForOneBound()
    {
        Assert.Equal("from", Rejects(("from", ["2025-07-01", "2025-07-02"])).Parameter);
        Assert.Equal("to", Rejects(("to", ["2025-07-01,2025-07-02"])).Parameter);

        // The same bound given twice as separate pairs is just as ambiguous; the last one must not silently win.
        Assert.Equal("from", Rejects(("from", ["2025-07-01"]), ("From", ["2025-07-02"])).Parameter);
    }

    [Fact]
    public void RejectsFromAfterTo()
    {
        var problem = Rejects(("from", ["2025-08-01"]), ("to", ["2025-07-31"]));

        Assert.Equal((400, "from"), (problem.Status, problem.Parameter));
    }

    [Fact]
    public void AcceptsASingleDayRangeInclusive()
    {
        var query = Parse(("from", ["2025-07-31"]), ("to", ["2025-07-31"]));

        Assert.Equal((new DateOnly(2025, 7, 31), new DateOnly(2025, 7, 31)), (query.From!.Value, query.To!.Value));
    }

    [Theory]
    [InlineData("tier", "nano")]
    [InlineData("tier", "1")]
    [InlineData("tier", "+1")] // Enum.TryParse would read this as Mid
    [InlineData("tier", "-1")]
    [InlineData("tier", "micro,giant")]
    [InlineData("gender", "f")]
    [InlineData("gender", "Male,unknown")]
    [InlineData("granularity", "quarter")]
    [InlineData("granularity", "0")]
    [InlineData("granularity", "-1")] // Enum.TryParse would accept an undefined Granularity
    [InlineData("granularity", "+2")]
    [InlineData("incrementality", "magic")]
    public void RejectsAnUnknownEnumeratedValueNamingTheParameter(string name, string value)
    {
        var problem = Rejects((name, [value]));

        Assert.Equal((400, name), (problem.Status, problem.Parameter));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("ten")]
    [InlineData("2.5")]
    public void RejectsNOutOfRangeOrNotAWholeNumber(string value)
    {
        var problem = RejectsOn([ViewParameters.Count], ("n", [value]));

        Assert.Equal((400, "n"), (problem.Status, problem.Parameter));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("1000", 1000)]
    [InlineData("25", 25)]
    public void AcceptsNFromOneToAThousand(string value, int n)
    {
        Assert.Equal(n, Parse(("n", [value])).N);
    }

    [Fact]
    public void MatchesParameterNamesAndEnumeratedValuesInAnyCase()
    {
        var query = Parse(("TIER", ["MACRO"]), ("Gender", ["fEmAlE"]), ("Granularity", ["Week"]),
            ("INCREMENTALITY", ["Flat"]), ("Platform", ["youtube"]));

        Assert.Equal([FollowerTier.Macro], query.Tiers);
        Assert.Equal(["Female"], query.Genders);
        Assert.Equal((Granularity.Week, "flat"), (query.Granularity, query.Incrementality));
        Assert.Equal(["youtube"], query.Platforms); // matched against the data case-insensitively by the selection
    }

    [Fact]
    public void TakesRepeatedAndCommaSeparatedValuesAsMultiSelect()
    {
        var query = Parse(
            ("tier", ["micro", "Mid,mega"]), ("gender", ["Male, Female"]), ("platform", ["Instagram", "YouTube"]),
            ("campaign", ["Summer,Monsoon"]));

        Assert.Equal([FollowerTier.Micro, FollowerTier.Mid, FollowerTier.Mega], query.Tiers);
        Assert.Equal(["Male", "Female"], query.Genders);
        Assert.Equal(["Instagram", "YouTube"], query.Platforms);
        Assert.Equal(["Summer,Monsoon"], query.Campaigns); // split by the selection only when no value is named so
    }

    [Fact]
    public void AddsUpTheValuesOfAParameterGivenAsSeparatePairs()
    {
        var query = Parse(("platform", ["Instagram"]), ("Platform", ["YouTube"]), ("tier", ["micro"]),
            ("tier", ["mega"]));

        Assert.Equal(["Instagram", "YouTube"], query.Platforms);
        Assert.Equal([FollowerTier.Micro, FollowerTier.Mega], query.Tiers);
    }

    [Fact]
    public void IgnoresEmptyValuesOfAMultiSelect()
    {
        var query = Parse(("platform", ["", " ", null]), ("campaign", ["Summer", ""]));

        Assert.Empty(query.Platforms);
        Assert.Equal(["Summer"], query.Campaigns);
    }

    [Fact]
    public void AnUnknownCampaignProductOrInfluencerIsNotAnErrorButMatchesNothing()
    {
        var query = Parse(("campaign", ["No Such Campaign"]), ("product", ["Unobtainium"]), ("influencer", ["INF999"]));
        var selection = new Selection(HandWorkedDataset.Snapshot, query);

        Assert.Equal(["No Such Campaign"], query.Campaigns);
        Assert.Equal((0, 0, 0), (selection.Sales.Length, selection.Posts.Length, selection.Spend.Length));
        Assert.Empty(AnalyticsEngine.Influencers(selection).Items);
    }

    [Fact]
    public void ACommaSeparatedValueIsSplitOnlyWhenItIsNotItselfAKnownValue()
    {
        // "Summer,Monsoon" is no campaign of the hand-worked data,
        // so it is two: 1,210,000 + 1,320,000 = 2,530,000 paise.
        var both = new Selection(HandWorkedDataset.Snapshot, Parse(("campaign", ["summer, MONSOON"])));
        var oneUnknown = new Selection(HandWorkedDataset.Snapshot, Parse(("campaign", ["Summer,Nope"])));

        Assert.Equal(25_300m, AnalyticsEngine.Summary(both, HandWorkedDataset.Today).Revenue);
        Assert.Equal(12_100m, AnalyticsEngine.Summary(oneUnknown, HandWorkedDataset.Today).Revenue);
    }
}
