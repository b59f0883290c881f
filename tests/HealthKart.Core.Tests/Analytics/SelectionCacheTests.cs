using HealthKart.Core.Analytics;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>One selection per filter state, shared by every view and request of that state, and bounded.</summary>
public sealed class SelectionCacheTests
{
    [Fact]
    public void RequestsWithTheSameFiltersShareTheirIntermediatesWhateverTheirViewOptions()
    {
        var snapshot = Build();
        var computed = 0;
        object Compute() => ++computed;

        // Same filters in another case and order, with other view options (n, granularity): one computation.
        Selection.For(snapshot, HandWorkedDataset.Parse("platform=Instagram&platform=YouTube&from=2025-07-01"))
            .Memo("x", Compute);
        Selection.For(snapshot,
            HandWorkedDataset.Parse("platform=youtube&platform=INSTAGRAM&from=2025-07-01&n=3&granularity=week"))
                .Memo("x", Compute);
        Assert.Equal(1, computed);

        // Other filters, or a selection of its own: computed again.
        Selection.For(snapshot, HandWorkedDataset.Parse("platform=Instagram&from=2025-07-01")).Memo("x", Compute);
        new Selection(snapshot, HandWorkedDataset.Parse("platform=Instagram&platform=YouTube&from=2025-07-01")).Memo(
            "x", Compute);
        Assert.Equal(3, computed);
    }

    /// <summary>
    /// The summary view, the insights' executive summary and the warm-up take one summary of a filter state, for the
    /// same day and incrementality; another day or method is its own.
    /// </summary>
    [Fact]
    public void AFilterStatesSummaryIsComputedOncePerDayAndIncrementality()
    {
        var snapshot = Build();
        var query = HandWorkedDataset.Parse("platform=Instagram&from=2025-07-01");
        var today = new DateOnly(2025, 8, 1);
        var first = AnalyticsEngine.Summary(Selection.For(snapshot, query), today);

        Assert.Same(first, AnalyticsEngine.Summary(Selection.For(snapshot, query with { N = 3 }), today));
        Assert.NotSame(first, AnalyticsEngine.Summary(Selection.For(snapshot, query), today.AddDays(1)));
        Assert.NotSame(first, AnalyticsEngine.Summary(
            Selection.For(snapshot, query with { Incrementality = Incrementality.PrePost }), today));
    }

    [Fact]
    public void TheLeastRecentlyUsedStateGoesPastTheBound()
    {
        var snapshot = Build();
        var computed = 0;
        object Compute() => ++computed;
        string Day(int d) => $"from=2025-07-01&to=2025-07-{d:00}";

        // States 1..16 fill the cache; touching state 1 again makes state 2 the oldest, so state 17 evicts state 2.
        for (var d = 1; d <= SelectionCache.MaxStates; d++)
        {
            Selection.For(snapshot, HandWorkedDataset.Parse(Day(d))).Memo("x", Compute);
        }

        Selection.For(snapshot, HandWorkedDataset.Parse(Day(1))).Memo("x", Compute);
        Selection.For(snapshot, HandWorkedDataset.Parse(Day(17))).Memo("x", Compute);
        Assert.Equal(17, computed);
        Selection.For(snapshot, HandWorkedDataset.Parse(Day(1))).Memo("x", Compute);
        Assert.Equal(17, computed);
        Selection.For(snapshot, HandWorkedDataset.Parse(Day(2))).Memo("x", Compute);
        Assert.Equal(18, computed);
    }

    [Fact]
    public void AFailedIntermediateIsNotKept()
    {
        var snapshot = Build();
        var selection = Selection.For(snapshot, AnalyticsQuery.All);
        Assert.Throws<InvalidOperationException>(() =>
            selection.Memo<object>("y", () => throw new InvalidOperationException()));
        Assert.Equal("ok", selection.Memo("y", () => "ok"));
    }

    /// <summary>A snapshot of its own per test, so the tests share no cache.</summary>
    private static Snapshot Build() =>
        SnapshotBuilder.Build("cache", SimulatedSources.Read(SelectionReferenceTests.DataFolder()),
            new AnalyticsOptions());
}
