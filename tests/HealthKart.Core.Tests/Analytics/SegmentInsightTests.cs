using HealthKart.Core.Analytics;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>
/// The best and the weakest segment by ROAS are named only when they differ at the paise their titles show
/// (docs/metrics.md#insights-and-the-budget-planner).
/// </summary>
public sealed class SegmentInsightTests
{
    private static (string, Kpis) Segment(string name, double? roas) => (name, new Kpis { Roas = roas });

    [Fact]
    public void NamesTheHighestAndTheLowestReturnOfTheSegmentsWithSpend()
    {
        var insights = InsightEngine.Segments("platform",
            [Segment("YouTube", 0.5), Segment("Instagram", 1.2), Segment("Twitter", null), Segment("TikTok", 0.8)])
            .ToList();

        Assert.Equal(["best-segment", "worst-segment"], insights.Select(i => i.Kind));
        Assert.Equal("Best platform: Instagram returns ₹1.20 per ₹1 spent", insights[0].Title);
        Assert.Equal("Weakest platform: YouTube returns ₹0.50 per ₹1 spent", insights[1].Title);
        Assert.Equal("Highest ROAS of 3 platforms with spend.", insights[0].Reason);
    }

    [Theory]
    [InlineData(0.0, 0.0)] // spend and no sales anywhere: every segment returns ₹0.00
    [InlineData(0.004, -0.004)] // ₹0.00 both: a sign is shown only on a nonzero amount
    [InlineData(1.141, 1.139)] // both read ₹1.14
    [InlineData(2.0, 1.995)] // ₹2.00 both: the title rounds half away from zero
    public void NamesNoneWhenTheBestAndTheWeakestReadTheSame(double high, double low) =>
        Assert.Empty(InsightEngine.Segments("campaign", [Segment("A", high), Segment("B", low)]));

    [Fact]
    public void NamesNoneWithFewerThanTwoSegmentsWithSpend() =>
        Assert.Empty(InsightEngine.Segments("persona",
            [Segment("Fitness on Instagram", 1.5), Segment("Nutrition on YouTube", null),
                Segment(Snapshot.Unattributed, 0.2)]));

    [Fact]
    public void ANegativeReturnReadsAsNegativeRupees() =>
        Assert.Equal("Weakest platform: YouTube returns -₹0.30 per ₹1 spent",
            InsightEngine.Segments("platform", [Segment("Instagram", 0.17), Segment("YouTube", -0.3)]).Last().Title);

    [Fact]
    public void NamesBothWhenTheyDifferByAPaisa() =>
        Assert.Equal(2, InsightEngine.Segments("campaign", [Segment("A", 1.15), Segment("B", 1.14)]).Count());
}
