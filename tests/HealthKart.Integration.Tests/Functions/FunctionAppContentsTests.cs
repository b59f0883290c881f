using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;

namespace HealthKart.Integration.Tests.Functions;

/// <summary>
/// The Function App ships no tooling: the simulator (<c>HealthKart.Simulation</c>) and the Azurite host
/// (<c>HealthKart.Local</c>) are for hk, the tests and bench. Read from the build outputs themselves: the deps.json the
/// SDK writes beside each app lists the assemblies it runs with, and each of our assemblies is opened as metadata
/// (types and assembly references), without loading it. hk's output is the control: there the same scan must find both.
/// </summary>
public sealed class FunctionAppContentsTests
{
    private static readonly string[] ToolingAssemblies = ["HealthKart.Simulation", "HealthKart.Local"];

    // The old homes too, so a file moved back into Core or Infrastructure is caught by its namespace.
    private static readonly string[] ToolingNamespaces =
        ["HealthKart.Simulation", "HealthKart.Local", "HealthKart.Core.Simulation", "HealthKart.Infrastructure.Local"];

    [Fact]
    public void FunctionAppReferencesNoSimulatorOrEmulatorAssembly()
    {
        var app = BuildOutput.Read("HealthKart.Functions", "HealthKart.Functions");

        Assert.Contains("HealthKart.Core", app.Assemblies);
        Assert.Contains("HealthKart.Infrastructure", app.Assemblies);
        Assert.Empty(app.Assemblies.Intersect(ToolingAssemblies));
        Assert.Empty(app.References.Intersect(ToolingAssemblies));
    }

    [Fact]
    public void FunctionAppContainsNoSimulatorOrEmulatorType()
    {
        var app = BuildOutput.Read("HealthKart.Functions", "HealthKart.Functions");

        Assert.Contains(app.Types, type => type.StartsWith("HealthKart.Core.Analytics.", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Types, IsTooling);
    }

    [Fact]
    public void HkCarriesTheSimulatorAndTheEmulatorTheAppLeavesOut()
    {
        var hk = BuildOutput.Read("HealthKart.Cli", "hk");

        Assert.Superset(ToolingAssemblies.ToHashSet(), hk.Assemblies.ToHashSet());
        Assert.Contains("HealthKart.Simulation.Simulator", hk.Types);
        Assert.Contains("HealthKart.Local.AzuriteServer", hk.Types);
    }

    private static bool IsTooling(string type) =>
        ToolingNamespaces.Any(ns => type.StartsWith(ns + ".", StringComparison.Ordinal));

    /// <summary>Our assemblies in a project's build output, what they reference, every type they define.</summary>
    private sealed record BuildOutput(
        IReadOnlyList<string> Assemblies, IReadOnlyList<string> References, IReadOnlyList<string> Types)
    {
        public static BuildOutput Read(string project, string assemblyName)
        {
            var folder = FunctionsMetadata.BuildOutput(project);
            var depsPath = Path.Combine(folder, assemblyName + ".deps.json");
            Assert.True(File.Exists(depsPath), $"Build {project} first; {depsPath} is missing.");

            // "libraries": { "HealthKart.Core/1.0.0": { "type": "project", ... }, "Azure.Data.Tables/12.13.0": ... }
            using var deps = JsonDocument.Parse(File.ReadAllText(depsPath));
            var assemblies = deps.RootElement.GetProperty("libraries").EnumerateObject()
                .Where(library => library.Value.GetProperty("type").GetString() == "project")
                .Select(library => library.Name.Split('/')[0])
                .ToList();

            var references = new List<string>();
            var types = new List<string>();
            foreach (var assembly in assemblies)
            {
                var file = Path.Combine(folder, assembly + ".dll");
                Assert.True(File.Exists(file), $"{depsPath} lists {assembly}, but {file} is missing.");
                using var pe = new PEReader(File.OpenRead(file));
                var metadata = pe.GetMetadataReader();
                references.AddRange(metadata.AssemblyReferences
                    .Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name)));
                types.AddRange(metadata.TypeDefinitions
                    .Select(handle => metadata.GetTypeDefinition(handle))
                    .Select(type => metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name)));
            }

            return new BuildOutput(assemblies, references.Distinct().ToList(), types);
        }
    }
}
