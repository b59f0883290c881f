using HealthKart.Core.Analytics.Planning;

namespace HealthKart.Core.Tests.Analytics.Planning;

public sealed class OrderStatisticsTests
{
    [Fact]
    public void Selects_the_value_at_each_rank_of_a_small_set_worked_by_hand()
    {
        // Sorted: 1 2 2 3 5 8 9, so rank 0 is 1, rank 2 is 2 (a tie), rank 3 is 3 and rank 6 is 9.
        double[] values = [5, 2, 9, 1, 8, 2, 3];
        Assert.Equal(1, OrderStatistics.Select([.. values], 0));
        Assert.Equal(2, OrderStatistics.Select([.. values], 2));
        Assert.Equal(3, OrderStatistics.Select([.. values], 3));
        Assert.Equal(9, OrderStatistics.Select([.. values], 6));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Agrees_with_sorting_at_every_rank_and_leaves_the_array_partitioned_around_it(int seed)
    {
        var random = new Random(seed);

        // Many ties (values 0-49 over 1,000 draws) and a second pick on the already reordered array, as the plan's
        // quantiles do.
        var values = Enumerable.Range(0, 1000).Select(_ => (double)random.Next(50)).ToArray();
        var sorted = values.Order().ToArray();
        foreach (var k in new[] { 0, 25, 500, 974, 999 })
        {
            var picked = OrderStatistics.Select(values, k);
            Assert.Equal(sorted[k], picked);
            Assert.All(values[..k], v => Assert.True(v <= picked));
            Assert.All(values[(k + 1)..], v => Assert.True(v >= picked));
        }
    }

    [Fact]
    public void Refuses_a_rank_outside_the_array()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistics.Select([1, 2], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistics.Select([], 0));
    }
}
