using HealthKart.Core.Analytics;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>
/// The best and the weakest segment by ROAS, among those with at least 2 % of the spend, named only when they differ
/// at the paise their titles show (docs/metrics.md#insights-and-the-budget-planner).
/// </summary>
public sealed class SegmentInsightTests
{
    /// <summary>A segment with <paramref name="spend"/> rupees of spend and ROAS <paramref name="roas"/>.</summary>
    private static (string, Kpis) Segment(string name, double? roas, decimal spend = 1000) =>
        (name, new Kpis { Roas = roas, Spend = roas is null ? 0 : spend, Revenue = (decimal)(roas ?? 0) * spend });

    [Fact]
    public void NamesTheHighestAndTheLowestReturnOfTheSegmentsWithSpend()
    {
        var insights = InsightEngine.Segments("platform",
            [Segment("YouTube", 0.5), Segment("Instagram", 1.2), Segment("Twitter", null), Segment("TikTok", 0.8)])
            .ToList();

        Assert.Equal(["best-segment", "worst-segment"], insights.Select(i => i.Kind));
        Assert.Equal("Best platform: Instagram returns ₹1.20 per ₹1 spent", insights[0].Title);
        Assert.Equal("Weakest platform: YouTube returns ₹0.50 per ₹1 spent", insights[1].Title);
        Assert.Equal("Highest ROAS of the 3 platforms with spend: ₹1,200 of revenue on ₹1,000 of spend.",
            insights[0].Reason);
        Assert.Equal("Lowest ROAS of the 3 platforms with spend: ₹500 of revenue on ₹1,000 of spend.",
            insights[1].Reason);
    }

    [Fact]
    public void ASegmentWithLessThanTwoPercentOfTheSpendIsNotRanked()
    {
        // Spend 1,350 + 76,300 + 1,24,800 + 40,000 + 4,800 = 2,47,250; 2 % of it is 4,945. Yoga on Instagram (₹1,350,
        // ROAS 13.28) and Health on Instagram (₹4,800) fall under it; Fitness on Twitter (₹40,000) does not.
        var insights = InsightEngine.Segments("persona",
            [Segment("Yoga on Instagram", 13.28, 1350), Segment("Health on YouTube", 0.15, 76300),
                Segment("Bodybuilding on Twitter", 0.2, 124800), Segment("Fitness on Twitter", 1.5, 40000),
                Segment("Health on Instagram", 0.01, 4800)]).ToList();

        Assert.Equal("Best persona: Fitness on Twitter returns ₹1.50 per ₹1 spent", insights[0].Title);
        Assert.Equal("Weakest persona: Health on YouTube returns ₹0.15 per ₹1 spent", insights[1].Title);
        Assert.Equal("Highest ROAS of the 3 personas with at least 2 % of the spend (2 with less left out): ₹60,000 " +
            "of revenue on ₹40,000 of spend.", insights[0].Reason);
    }

    [Fact]
    public void ASegmentWithExactlyTwoPercentIsRanked() =>
        // 200 + 9,800 = 10,000: 2 % of it is 200.
        Assert.Equal("Best campaign: A returns ₹3.00 per ₹1 spent",
            InsightEngine.Segments("campaign", [Segment("A", 3.0, 200), Segment("B", 1.0, 9800)]).First().Title);

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
    public void NamesNoneWhenOnlyOneSegmentCarriesEnoughOfTheSpend() =>
        // 100 + 10,000 = 10,100: 2 % of it is 202, which only B reaches.
        Assert.Empty(InsightEngine.Segments("platform", [Segment("A", 9.0, 100), Segment("B", 1.0, 10000)]));

    [Fact]
    public void ANegativeReturnReadsAsNegativeRupees() =>
        Assert.Equal("Weakest platform: YouTube returns -₹0.30 per ₹1 spent",
            InsightEngine.Segments("platform", [Segment("Instagram", 0.17), Segment("YouTube", -0.3)]).Last().Title);

    [Fact]
    public void NamesBothWhenTheyDifferByAPaisa() =>
        Assert.Equal(2, InsightEngine.Segments("campaign", [Segment("A", 1.15), Segment("B", 1.14)]).Count());
}
