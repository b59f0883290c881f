using System.Text.Json;

namespace HealthKart.Integration.Tests.Functions;

/// <summary>The functions.metadata the Worker SDK generates next to the Functions assembly: what Azure binds.</summary>
internal static class FunctionsMetadata
{
    public static JsonElement[] Load()
    {
        var path = Path.Combine(BuildOutput("HealthKart.Functions"), "functions.metadata");
        Assert.True(File.Exists(path), $"Build the Functions project first; {path} is missing.");
        return JsonSerializer.Deserialize<JsonElement[]>(File.ReadAllText(path))!;
    }

    /// <summary>The build output folder of a project under src/, in the configuration these tests were built in.</summary>
    public static string BuildOutput(string project)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory); // tests/X/bin/{Configuration}/net10.0/
        var configuration = testOutput.Parent!.Name;
        var root = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(root, "src", project, "bin", configuration, "net10.0");
    }

    /// <summary>Every HTTP trigger as "METHOD route function", one per method ("*" when it takes any).</summary>
    public static IEnumerable<string> HttpRoutes() =>
        from function in Load()
        let name = function.GetProperty("name").GetString()!
        from binding in function.GetProperty("bindings").EnumerateArray()
        where binding.GetProperty("type").GetString() == "httpTrigger"
        let route = binding.TryGetProperty("route", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : name
        let methods = binding.TryGetProperty("methods", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToArray()
            : ["*"]
        from method in methods
        select $"{method} {route} {name}";

    /// <summary>One binding of one function.</summary>
    public static JsonElement Binding(string function, string type) =>
        Load().Single(f => f.GetProperty("name").GetString() == function)
            .GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == type);

    /// <summary>An HTTP function's route (under /api).</summary>
    public static string Route(string function) => Binding(function, "httpTrigger").GetProperty("route").GetString()!;
}
