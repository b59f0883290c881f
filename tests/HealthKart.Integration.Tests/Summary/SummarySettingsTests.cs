using HealthKart.Core.Summary;
using HealthKart.Infrastructure.Summary;
using Microsoft.Extensions.Options;

namespace HealthKart.Integration.Tests.Summary;

/// <summary>The SMTP settings as the app binds them, and the ledger's claim and confirm.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class SummarySettingsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RecipientsComeAsAListOrAsOneSettingWithAList()
    {
        await using var listed = TestApp.Create(azurite, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "smtp.example",
            ["Smtp:From"] = "roi@example.com",
            ["Smtp:To:0"] = "a@example.com",
            ["Smtp:To:1"] = "b@example.com",
        });
        await using var single = TestApp.Create(azurite, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "smtp.example",
            ["Smtp:From"] = "roi@example.com",
            ["Smtp:To"] = "a@example.com; b@example.com",
        });
        await using var none = TestApp.Create(azurite);

        Assert.Equal(["a@example.com", "b@example.com"], listed.Get<IOptions<SmtpOptions>>().Value.Recipients);
        Assert.Equal(["a@example.com", "b@example.com"], single.Get<IOptions<SmtpOptions>>().Value.Recipients);
        Assert.False(none.Get<IOptions<SmtpOptions>>().Value.Configured);
    }

    [Fact]
    public async Task RecipientsWithoutARelayAreASettingsError()
    {
        await using var app = TestApp.Create(azurite, new Dictionary<string, string?>
        {
            ["Smtp:To:0"] = "a@example.com",
            ["Smtp:From"] = "not an address"
        });

        var error = Assert.Throws<OptionsValidationException>(() => app.Get<IOptions<SmtpOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("Smtp:Host"));
        Assert.Contains(error.Failures, f => f.Contains("Smtp:From"));
    }

    [Fact]
    public async Task AConfirmOnTheClaimsOwnVersionSucceedsAndOneAfterATakeOverSaysSo()
    {
        await using var app = TestApp.Create(azurite);
        var ledger = app.Get<SummaryLedger>();
        var week = new IsoWeek(2025, 27);
        var start = new DateTimeOffset(2025, 7, 7, 2, 30, 0, TimeSpan.Zero);

        var (_, first) = await ledger.ClaimAsync(week, start, TimeSpan.FromMinutes(15), CancellationToken.None);
        var (taken, second) = await ledger.ClaimAsync(week, start.AddMinutes(20), TimeSpan.FromMinutes(15),
            CancellationToken.None);
        var late = await ledger.ConfirmAsync(first, "weekly-2025-W27@healthkart-roi", 1, "v1", start.AddMinutes(21),
            CancellationToken.None);
        var (again, _) = await ledger.ClaimAsync(week, start.AddHours(2), TimeSpan.FromMinutes(15),
            CancellationToken.None);

        Assert.Equal(ClaimResult.Claimed, taken);
        Assert.Equal(2, second.Attempts);
        Assert.False(late); // the first run's confirm lands on the second run's claim: recorded, and reported
        Assert.Equal(ClaimResult.AlreadySent, again);

        var other = new IsoWeek(2025, 28);
        var (_, claim) = await ledger.ClaimAsync(other, start, TimeSpan.FromMinutes(15), CancellationToken.None);
        Assert.True(await ledger.ConfirmAsync(claim, "weekly-2025-W28@healthkart-roi", 1, "v1", start,
            CancellationToken.None));
        Assert.Equal(SummaryStatus.Sent, (await ledger.FindAsync(other, CancellationToken.None))!.Status);
    }
}
