using System.Text.Json;
using HealthKart.Core.Analytics;
using HealthKart.Core.Problems;
using HealthKart.Core.Tests.Analytics;
using HealthKart.Core.Views;

namespace HealthKart.Core.Tests.Views;

/// <summary>The <c>fields</c> of the views that list items (docs/api.md#fewer-fields-per-item).</summary>
public sealed class ItemFieldsTests
{
    [Fact]
    public void EveryViewButTheSummaryAndThePlanListsItems()
    {
        Assert.Equal(["summary", "plan"], ViewCatalog.Routed.Where(v => v.ItemType is null).Select(v => v.Name));
        Assert.Equal(typeof(InfluencerItem), ViewCatalog.Get("influencers").ItemType);
        Assert.Equal(typeof(PersonaItem), ViewCatalog.Get("personas").ItemType);
        Assert.Equal(typeof(Insight), ViewCatalog.Get("insights").ItemType);
    }

    [Fact]
    public void FieldsAreReadInAnyCaseRepeatedOrCommaSeparatedAndKeptInTheItemsOrder()
    {
        Assert.Equal(["influencerId", "spend", "incrementalRevenue"], ItemFields.Parse(typeof(InfluencerItem),
            ["INCREMENTALREVENUE, spend", null, "influencerId,,Spend"]));
        Assert.Empty(ItemFields.Parse(typeof(InfluencerItem), ["", " "]));
    }

    [Fact]
    public void AnUnknownFieldIsABadRequestThatListsTheItemsFields()
    {
        var problem = Assert.Throws<ProblemException>(() =>
            ItemFields.Parse(typeof(CampaignItem), ["campaign,revenue,influencerId"]));

        Assert.Equal(("fields", 400), (problem.Parameter, problem.Status));
        Assert.StartsWith("Unknown field 'influencerId'. Each item has: campaign, revenue, orders, spend,",
            problem.Detail);
    }

    [Fact]
    public void OnlyTheItemsShedFieldsAndWhatIsSentIsTheFullAnswersValues()
    {
        var answer = AnalyticsEngine.Influencers(HandWorkedDataset.Select());
        var fields = ItemFields.Parse(typeof(InfluencerItem), ["name,followers,paid,spend,incrementalRevenue"]);

        using var full = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(answer, ApiJson.Options));
        using var some = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(answer,
            ItemFields.For(typeof(InfluencerItem), fields)));

        var items = some.RootElement.GetProperty("items").EnumerateArray().ToList();
        var wholes = full.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, items.Count); // INF001 to INF004
        Assert.All(items.Zip(wholes), pair =>
        {
            Assert.Equal(fields, pair.First.EnumerateObject().Select(p => p.Name));
            Assert.All(pair.First.EnumerateObject(), p =>
                Assert.Equal(pair.Second.GetProperty(p.Name).GetRawText(), p.Value.GetRawText()));
        });
        Assert.Equal(full.RootElement.GetProperty("incrementality").GetRawText(),
            some.RootElement.GetProperty("incrementality").GetRawText());
        // The options are the caller's only: the shared ones still write every field.
        Assert.Equal(wholes[0].EnumerateObject().Count(), ItemFields.Names(typeof(InfluencerItem)).Count);
        Assert.Same(ApiJson.Options, ItemFields.For(typeof(InfluencerItem), []));
    }
}
