using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace HealthKart.Integration.Tests.Infra;

/// <summary>
/// infra/main.bicep compiled to ARM JSON once per test run, with the Bicep CLI that `dotnet restore` fetched from NuGet
/// (package Azure.Bicep.CommandLine.linux-x64, its tools/bicep; offline).
/// </summary>
public sealed class BicepTemplate
{
    public JsonObject Template { get; }
    public string Text { get; }

    public BicepTemplate()
    {
        var bicep = BicepPath();
        var main = Path.Combine(RepositoryRoot(), "infra", "main.bicep");
        var start = new ProcessStartInfo(bicep) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "build", main, "--stdout" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"bicep build failed ({process.ExitCode}): {stderr}");
        Text = stdout.Result;
        Template = JsonNode.Parse(Text)!.AsObject();
    }

    /// <summary>Every resource, nested deployments' (modules') included.</summary>
    public IEnumerable<JsonObject> Resources() => Walk(Template);

    private static IEnumerable<JsonObject> Walk(JsonObject template)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject map => map.Select(p => p.Value).OfType<JsonObject>(),
            _ => [],
        };
        foreach (var resource in resources)
        {
            yield return resource;
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in Walk(nested)) yield return inner;
            }
        }
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HealthKart.Functions.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    private static string BicepPath()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            throw new PlatformNotSupportedException("The Infra tests restore the Linux x64 Bicep CLI only.");
        }

        var root = typeof(BicepTemplate).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPackageRoot")?.Value;
        if (string.IsNullOrEmpty(root)) throw new InvalidOperationException("BicepPackageRoot is not set: restore the test project.");
        var path = Path.Combine(root, "tools", "bicep");
        if (!File.Exists(path)) throw new FileNotFoundException("The Bicep CLI is missing from the restored package.", path);
        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }
}
