using HealthKart.Core.Links;

namespace HealthKart.Core.Tests.Links;

public sealed class LinkSignerTests
{
    private const string Route = "/api/shared/campaigns.xlsx";
    private static readonly SigningKey Current = new("k2026", new string('c', 40));
    private static readonly SigningKey Previous = new("k2025", new string('p', 40));
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ASignedLinkVerifiesAndCarriesItsFilters()
    {
        var signer = new LinkSigner([Current]);
        var query = signer.Sign(Route, Filters(("platform", "Instagram"), ("platform", "YouTube"),
            ("from", "2025-07-01")), Now.AddDays(7));

        var check = signer.Verify(Route, Parse(query), Now);

        Assert.True(check.Valid, check.Reason);
        Assert.Equal(["Instagram", "YouTube"], check.Filters.Where(f => f.Key == "platform")
            .SelectMany(f => f.Value).Order());
        Assert.DoesNotContain(check.Filters, f => f.Key is "sig" or "exp" or "kid");
    }

    [Fact]
    public void TheSameFiltersInAnotherOrderOrCaseSignAlike()
    {
        var signer = new LinkSigner([Current]);
        var a = signer.Sign(Route, Filters(("platform", "YouTube"), ("Platform", "Instagram"), ("from", "2025-07-01")),
            Now.AddDays(1));
        var b = signer.Sign(Route, Filters(("from", "2025-07-01"), ("platform", "Instagram"), ("platform", "YouTube")),
            Now.AddDays(1));

        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("platform=Instagram", "platform=TikTok")] // a changed filter
    [InlineData("from=2025-07-01", "from=2025-06-01")]
    [InlineData("&exp=", "&exp=9")] // a changed expiry (prefix a digit: a later date)
    public void ATamperedLinkFails(string original, string tampered)
    {
        var signer = new LinkSigner([Current]);
        var query = signer.Sign(Route, Filters(("platform", "Instagram"), ("from", "2025-07-01")), Now.AddDays(7));
        Assert.Contains(original, query);

        var check = signer.Verify(Route, Parse(query.Replace(original, tampered)), Now);

        Assert.False(check.Valid);
        Assert.Contains("signature does not match", check.Reason);
    }

    [Fact]
    public void AddingOrRemovingAFilterOrChangingTheReportFails()
    {
        var signer = new LinkSigner([Current]);
        var query = signer.Sign(Route, Filters(("platform", "Instagram")), Now.AddDays(7));

        Assert.False(signer.Verify(Route, Parse(query + "&campaign=MB-Summer"), Now).Valid);
        Assert.False(signer.Verify(Route, Parse(query.Replace("platform=Instagram&", "")), Now).Valid);
        Assert.False(signer.Verify("/api/shared/tracking.csv", Parse(query), Now).Valid);
    }

    [Fact]
    public void AnExpiredLinkFailsEvenWithAGoodSignature()
    {
        var signer = new LinkSigner([Current]);
        var query = signer.Sign(Route, Filters(), Now.AddHours(1));

        Assert.True(signer.Verify(Route, Parse(query), Now.AddMinutes(59)).Valid);
        var late = signer.Verify(Route, Parse(query), Now.AddHours(1));
        Assert.False(late.Valid);
        Assert.Contains("expired", late.Reason);
    }

    [Fact]
    public void BothConfiguredKeysAreAcceptedSoAKeyCanBeRotated()
    {
        var before = new LinkSigner([Previous]).Sign(Route, Filters(("tier", "mega")), Now.AddDays(3));
        var rotating = new LinkSigner([Current, Previous]);
        var after = rotating.Sign(Route, Filters(("tier", "mega")), Now.AddDays(3));

        Assert.True(rotating.Verify(Route, Parse(before), Now).Valid);
        Assert.True(rotating.Verify(Route, Parse(after), Now).Valid);
        Assert.Contains("kid=k2026", after); // the first key signs
        var retired = new LinkSigner([Current]).Verify(Route, Parse(before), Now);
        Assert.False(retired.Valid);
        Assert.Contains("no longer accepted", retired.Reason);
    }

    [Fact]
    public void AnUnsignedLinkOrAForgedKeyIdFails()
    {
        var signer = new LinkSigner([Current]);

        Assert.Contains("not signed", signer.Verify(Route, Parse("platform=Instagram"), Now).Reason);
        var forged = signer.Sign(Route, Filters(), Now.AddDays(1)).Replace("kid=k2026", "kid=k2099");
        Assert.False(signer.Verify(Route, Parse(forged), Now).Valid);
    }

    [Fact]
    public void RefusesShortSecrets() =>
        Assert.Throws<ArgumentException>(() => new LinkSigner([new SigningKey("weak", "password")]));

    private static IEnumerable<KeyValuePair<string, string[]>> Filters(params (string Name, string Value)[] pairs) =>
        pairs.GroupBy(p => p.Name).Select(g => KeyValuePair.Create(g.Key, g.Select(p => p.Value).ToArray()));

    /// <summary>Parses a query string as ASP.NET would, repeated names merged.</summary>
    private static IEnumerable<KeyValuePair<string, string[]>> Parse(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .GroupBy(p => Uri.UnescapeDataString(p[0]), StringComparer.OrdinalIgnoreCase)
            .Select(g => KeyValuePair.Create(g.Key, g.Select(p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))
                .ToArray()));
}
