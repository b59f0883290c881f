namespace HealthKart.Core.Csv;

/// <summary>A CSV column of a dataset: its header name, any accepted alias, and whether the file must have it.</summary>
public sealed record Column(string Name, bool Required, params string[] Aliases)
{
    public bool Matches(string header) =>
        header.Equals(Name, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(alias => header.Equals(alias, StringComparison.OrdinalIgnoreCase));
}
