using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Settings;

/// <summary>
/// App Service resolves <c>@Microsoft.KeyVault(...)</c> app settings before the app starts, but one it cannot resolve
/// (the identity's Key Vault role not there yet, a deleted secret, a typo) reaches the app as the literal reference
/// text. The pseudonym key or the link-signing secret would then silently be that text, so the app refuses to start
/// and names every such setting. Registered with <c>ValidateOnStart</c> in <c>AddHealthKart()</c>.
/// </summary>
public sealed class KeyVaultReferenceGuard(IConfiguration configuration)
    : IValidateOptions<KeyVaultReferenceGuard.Resolved>
{
    /// <summary>The options this validator hangs on: nothing to bind, only a start-time check.</summary>
    public sealed class Resolved;

    private const string Reference = "@Microsoft.KeyVault(";

    /// <summary>Every setting whose value is still a Key Vault reference, by its configuration key.</summary>
    public static IReadOnlyList<string> Unresolved(IConfiguration configuration) =>
        [.. configuration.AsEnumerable()
            .Where(setting => setting.Value?.TrimStart().StartsWith(Reference,
                StringComparison.OrdinalIgnoreCase) == true)
            .Select(setting => setting.Key)
            .Order(StringComparer.Ordinal)];

    public ValidateOptionsResult Validate(string? name, Resolved options)
    {
        var unresolved = Unresolved(configuration);
        var settings = unresolved.Select(k => $"{k} (app setting {k.Replace(":", "__", StringComparison.Ordinal)})");
        return unresolved.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Unresolved Key Vault reference in {string.Join(", ", settings)}: " +
                "App Service could not read the secret, so the setting still holds the '@Microsoft.KeyVault(...)' " +
                "text. Check that the Function App's identity has 'Key Vault Secrets User' on the vault and that the " +
                "secret exists, then refresh the references (docs/deploy.md, 'If the app refuses to start').");
    }
}
