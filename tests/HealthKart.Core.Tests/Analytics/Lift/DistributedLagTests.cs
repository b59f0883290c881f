using HealthKart.Core.Analytics.Lift;

namespace HealthKart.Core.Tests.Analytics.Lift;

/// <summary>
/// Dense posting, worked by hand: INF1 posts Whey every day for 84 days, so no day is quiet and the regression is used.
/// Day t's post reaches s(t)^2 people, with s(t) = 100 + (37 t mod 400): activity is the square root of reach, s(t).
/// A post sells 2.00 per unit of activity on its day and 1.00 the day after, all of it credited to INF1, on top of an
/// organic baseline of 5,000.00 on weekdays and 6,000.00 at weekends. Daily revenue is exactly baseline + 2 s(t) +
/// s(t-1), which the distributed lag fits without residual, so incremental = the sum of 2 s(t) + s(t-1) over the days.
/// </summary>
public sealed class DistributedLagTests
{
    private const string Whey = "MuscleBlaze Whey";

    private static int Activity(int day) => 100 + 37 * day % 400;

    [Fact]
    public void The_regression_measures_the_effect_of_each_day_after_a_post()
    {
        var data = new LiftDataset();
        decimal expected = 0;
        for (var day = 0; day < 84; day++)
        {
            var lift = 2m * Activity(day) + (day > 0 ? Activity(day - 1) : 0);
            expected += lift;
            data.Organic(day, Whey, day % 7 >= 5 ? 6_000m : 5_000m).Sale(day, "INF1", "Summer", Whey, lift)
                .Post(day, "INF1", "Summer", Whey, (long)Activity(day) * Activity(day));
        }

        var whey = LiftModel.Of(data.Build()).Products.Single();

        Assert.Equal((LiftMethods.Regression, 84, 0), (whey.Method, whey.ActiveDays, whey.QuietDays));
        Assert.Equal((double)expected, (double)whey.IncrementalRevenue!.Value, 2);
        Assert.Equal((double)expected, (double)whey.Low!.Value, 0);
        Assert.Equal((double)expected, (double)whey.High!.Value, 0);
        Assert.Equal(Verdicts.Incremental, whey.Verdict);
    }

    [Fact]
    public void Too_short_a_history_is_insufficient_data()
    {
        var data = new LiftDataset();
        for (var day = 0; day < 40; day++)
        {
            data.Organic(day, Whey, 5_000m).Sale(day, "INF1", "Summer", Whey, 300m).Post(day, "INF1", "Summer", Whey,
                10_000);
        }

        var whey = LiftModel.Of(data.Build()).Products.Single();

        Assert.Equal((Verdicts.InsufficientData, null), (whey.Verdict, whey.IncrementalRevenue));
        Assert.Contains("40 days", whey.Reason, StringComparison.Ordinal);
    }
}
