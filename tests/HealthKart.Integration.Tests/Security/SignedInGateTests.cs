using HealthKart.Functions;
using Microsoft.AspNetCore.Http;

namespace HealthKart.Integration.Tests.Security;

/// <summary>
/// The worker's fail-closed check behind App Service Authentication: on App Service, a function that is not public by
/// design runs only for a request carrying the principal the platform injects.
/// </summary>
public sealed class SignedInGateTests
{
    private static HeaderDictionary Headers(string? principal = null) =>
        principal is null ? [] : new() { [SignedInGate.PrincipalHeader] = principal };

    [Theory]
    [InlineData("GetAnalytics")]
    [InlineData("PostUpload")]
    [InlineData("SendWeeklySummaryNow")]
    public void OnAppServiceAFunctionThatIsNotPublicNeedsThePlatformsPrincipal(string function)
    {
        Assert.False(SignedInGate.Admits(function, onAppService: true, Headers()));
        Assert.False(SignedInGate.Admits(function, onAppService: true, Headers(" ")));
        Assert.True(SignedInGate.Admits(function, onAppService: true, Headers("6f1c2a8e-0d4b-4f7e-9a51-2b3c4d5e6f70")));
    }

    [Fact]
    public void PublicFunctionsAndEverythingOffAppServiceNeedNoPrincipal()
    {
        Assert.True(SignedInGate.Admits("Health", onAppService: true, Headers()));
        Assert.True(SignedInGate.Admits("GetSharedExport", onAppService: true, Headers()));
        // func start; hk serve has its own gate
        Assert.True(SignedInGate.Admits("GetAnalytics", onAppService: false, Headers()));
    }
}
