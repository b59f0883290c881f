using HealthKart.Infrastructure;
using HealthKart.Infrastructure.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HealthKart.Integration.Tests.Infra;

/// <summary>
/// An app setting App Service could not resolve arrives as the literal <c>@Microsoft.KeyVault(...)</c> text; the shared
/// wiring (<c>AddHealthKart()</c>, as in Azure and hk serve) then refuses to start and names the setting.
/// </summary>
public sealed class KeyVaultReferenceGuardTests
{
    private const string Reference =
        "@Microsoft.KeyVault(SecretUri=https://kv-hkroi.vault.azure.net/secrets/privacy-user-id-key)";

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddHealthKart();
        return builder.Build();
    }

    [Fact]
    public async Task AnUnresolvedReferenceStopsTheStartAndNamesEverySettingThatHoldsOne()
    {
        // The pseudonym key is non-empty, so without the guard
        // PrivacyOptions would accept the reference text as the key.
        using var host = Build(new()
        {
            ["Privacy:UserIdKey"] = Reference,
            ["Links:Keys:0:Id"] = "k1",
            ["Links:Keys:0:Secret"] = "  " + Reference.Replace("privacy-user-id-key", "links-signing-key",
                StringComparison.Ordinal),
            ["Smtp:Host"] = "smtp.example.com",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Privacy:UserIdKey (app setting Privacy__UserIdKey)", error.Message);
        Assert.Contains("Links:Keys:0:Secret (app setting Links__Keys__0__Secret)", error.Message);
        Assert.DoesNotContain("Smtp:Host", error.Message);
        Assert.DoesNotContain("Links:Keys:0:Id", error.Message);
    }

    [Fact]
    public async Task ResolvedSecretsStartNormally()
    {
        using var host = Build(new()
        {
            ["Privacy:UserIdKey"] = "a-resolved-secret-value-of-some-length",
            ["Links:Keys:0:Id"] = "k1",
            ["Links:Keys:0:Secret"] = "another-resolved-secret-of-32-characters-or-more",
        });

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public void OnlyValuesThatStartWithTheReferenceCount()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["A"] = Reference,
            ["B"] = "@microsoft.keyvault(VaultName=kv;SecretName=s)", // the platform's syntax is case-insensitive
            ["C"] = "see @Microsoft.KeyVault( in the docs", // mentions it, is not one
            ["D"] = null,
        }).Build();

        Assert.Equal(["A", "B"], KeyVaultReferenceGuard.Unresolved(configuration));
    }
}
