namespace HealthKart.Cli.Serve;

/// <summary>
/// The folders <c>hk serve</c> serves and keeps, all under the repository root (the folder holding the solution), so
/// the command works from anywhere inside the repository and from a test's bin folder.
/// </summary>
public sealed record RepositoryLayout(string Root)
{
    private const string SolutionFile = "HealthKart.Functions.sln";

    /// <summary>The dashboard, served at <c>/</c>.</summary>
    public string StaticWeb => Path.Combine(Root, "static-web");

    /// <summary>The local Azurite's data and the local pseudonym key; git-ignored.</summary>
    public string AzuriteData => Path.Combine(Root, ".azurite");

    public static RepositoryLayout Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
                {
                    return new RepositoryLayout(directory.FullName);
                }
            }
        }

        throw new InvalidOperationException(
            $"hk serve runs from inside the repository, but no {SolutionFile} was found above " +
            $"{Directory.GetCurrentDirectory()}. " +
            "cd into the repository and run: dotnet run --project src/HealthKart.Cli -- serve");
    }
}
