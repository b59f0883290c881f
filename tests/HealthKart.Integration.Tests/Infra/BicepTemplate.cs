using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
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
        var (exitCode, stdout, stderr) =
            Run(["build", Path.Combine(RepositoryRoot(), "infra", "main.bicep"), "--stdout"]);
        if (exitCode != 0) throw new InvalidOperationException($"bicep build failed ({exitCode}): {stderr}");
        Text = stdout;
        Template = JsonNode.Parse(Text)!.AsObject();
    }

    /// <summary>Runs the Bicep CLI (offline) with these arguments and extra environment variables.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(BicepPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot()
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    /// <summary>
    /// A resource of the main template by its symbolic name (the template uses language version 2.0).
    /// </summary>
    public JsonObject Resource(string symbolicName) => Template["resources"]![symbolicName]!.AsObject();

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
            if (resource["properties"] is JsonObject { } properties && properties["template"] is JsonObject nested)
            {
                foreach (var inner in Walk(nested)) yield return inner;
            }
        }
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HealthKart.Functions.sln"))) dir =
            dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    private static string BicepPath()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException("The Infra tests restore the Linux x64 Bicep CLI only.");
        }

        var root = typeof(BicepTemplate).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPackageRoot")?.Value;
        if (string.IsNullOrEmpty(root)) throw new InvalidOperationException(
            "BicepPackageRoot is not set: restore the test project.");
        var path = Path.Combine(root, "tools", "bicep");
        if (!File.Exists(path)) throw new FileNotFoundException("The Bicep CLI is missing from the restored package.",
            path);
        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path,
                mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }
}
