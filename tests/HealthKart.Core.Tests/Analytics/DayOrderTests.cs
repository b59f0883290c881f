using HealthKart.Core.Analytics;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>Facts in day order (undated spend first) and the day index that turns a date window into a range.</summary>
public sealed class DayOrderTests
{
    private const int Undated = SpendColumns.Undated;

    [Fact]
    public void OrderIsStableWithUndatedFirst()
    {
        // Days by index: 0:12 1:10 2:undated 3:10 4:15 5:12. Undated first (2), then day 10 in index order (1, 3),
        // day 12 (0, 5), day 15 (4).
        Assert.Equal([2, 1, 3, 0, 5, 4], DayOrder.Of([12, 10, Undated, 10, 15, 12], 6)!);
        Assert.Null(DayOrder.Of([Undated, 10, 10, 12], 4));
    }

    [Fact]
    public void MovesInvertTheOrder()
    {
        // order [2, 1, 3, 0, 5, 4]: old 2 went to 0, old 1 to 1, old 3 to 2, old 0 to 3, old 5 to 4, old 4 to 5.
        Assert.Equal([3, 1, 0, 2, 5, 4], DayOrder.Moves([2, 1, 3, 0, 5, 4]));
    }

    [Theory]
    // Sorted days by index: 0:undated 1:10 2:10 3:12 4:12 5:15 (day 11, 13 and 14 have no facts).
    [InlineData(10, 12, 1, 5)] // days 10..12: indices 1..4
    [InlineData(11, 11, 3, 3)] // a day without facts: an empty range where it would be
    [InlineData(13, 20, 5, 6)] // only day 15
    [InlineData(1, 9, 1, 1)] // before the data: empty, never the undated fact
    [InlineData(16, 30, 6, 6)] // after the data
    [InlineData(int.MinValue + 1, 10, 1, 3)] // open start: everything dated up to day 10
    [InlineData(12, int.MaxValue, 3, 6)] // open end
    [InlineData(12, 10, 1, 1)] // from after to
    public void ADateWindowIsTwoLookups(int from, int to, int start, int end)
    {
        var index = DayIndex.Of([Undated, 10, 10, 12, 12, 15], 6)!;
        Assert.Equal((start, end), index.Range(from, to));
    }

    [Fact]
    public void AnUnsortedColumnHasNoIndex() => Assert.Null(DayIndex.Of([10, 12, 11], 3));

    [Fact]
    public void TheBuiltSnapshotIsInDayOrderAndCustomersFollowTheirAcquiringFacts()
    {
        var snapshot = HandWorkedDataset.Snapshot;
        Assert.True(DayOrder.IsSorted(snapshot.Sales.Day, snapshot.Sales.Count));
        Assert.True(DayOrder.IsSorted(snapshot.OrganicSales.Day, snapshot.OrganicSales.Count));
        Assert.True(DayOrder.IsSorted(snapshot.Posts.Day, snapshot.Posts.Count));
        Assert.True(DayOrder.IsSorted(snapshot.Spend.Day, snapshot.Spend.Count));

        var sample = SnapshotBuilder.Build("sample", SimulatedSources.Read(SelectionReferenceTests.DataFolder()),
            new AnalyticsOptions());
        var c = sample.Customers;
        Assert.True(c.Count > 100);
        for (var i = 0; i < c.Count; i++)
        {
            // A customer's first day is its acquiring fact's day: it
            // holds only if the indices were moved with the facts.
            var sale = c.Sale[i];
            Assert.Equal(c.FirstDay[i], sale >= 0 ? sample.Sales.Day[sale] : sample.OrganicSales.Day[~sale]);
        }
    }
}
