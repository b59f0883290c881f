using HealthKart.Core.Validation;
using static HealthKart.Core.Tests.Validation.Uploads;

namespace HealthKart.Core.Tests.Validation;

public sealed class ValueDomainTests
{
    private const string TrackingHeader = "source,campaign,influencer_id,user_id,product,date,orders,revenue";

    [Fact]
    public void TheDateWindowIsASettingTheValidatorHonours()
    {
        var july = new DateWindow { First = new DateOnly(2025, 7, 1), Last = new DateOnly(2025, 7, 31) };
        var csv = Lines(TrackingHeader, "Instagram,C1,INF001,U1,Whey,2025-07-31,1,100",
            "Instagram,C1,INF001,U2,Whey,2025-08-01,1,100");

        var report = Validate("tracking_data.csv", csv, ValidationContext.None with { Dates = july }).Report;

        var error = Assert.Single(report.Errors);
        Assert.Equal((3L, "date", "2025-08-01"), (error.Row, error.Column, error.Value));
        Assert.Equal("outside the accepted dates 1 Jul 2025 to 31 Jul 2025", error.Reason);
    }

    [Fact]
    public void EveryValueOutsideItsDomainOnARowIsReportedNotOnlyTheFirst()
    {
        var csv = Lines(TrackingHeader, "Instagram,C1,INF001,U1,Whey,1999-01-01,1000001,100.001");

        var errors = Validate("tracking_data.csv", csv).Report.Errors;

        Assert.Equal(["date", "orders", "revenue"], errors.Select(e => e.Column));
    }

    [Fact]
    public void FreeTextMayHoldLineBreaksAndTabsButNotOtherControlCharacters()
    {
        var csv = Lines("ID,name,category,gender,follower_count,platform",
            "INF001,\"Asha\r\nRao\",Fit\tness,Female,1000,Instagram",
            "INF002,Asha\u0007Rao,Fitness,Female,1000,Instagram");

        var errors = Validate("influencers.csv", csv).Report.Errors;

        var bell = Assert.Single(errors);
        Assert.Equal((3L, "name"), (bell.Row, bell.Column));
        Assert.Contains("U+0007", bell.Reason);
    }

    [Fact]
    public void ARequiredValueThatIsOnlyAControlCharacterIsReportedOnce()
    {
        var csv = Lines(TrackingHeader, "Instagram,C1,INF001,U1,\u0002,2025-07-01,1,100");

        var errors = Validate("tracking_data.csv", csv).Report.Errors;

        var error = Assert.Single(errors);
        Assert.Equal("product", error.Column);
        Assert.Contains("control character", error.Reason);
    }
}
