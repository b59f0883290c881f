using HealthKart.Core.Validation;

namespace HealthKart.Core.DataContract;

/// <summary>
/// A CSV column of a dataset: its header name, any accepted alias, and whether the file must have it; for a number,
/// the largest value it accepts (<see cref="ValueDomains"/>); whether it is free text, where line breaks and tabs may
/// appear.
/// </summary>
public sealed record Column(string Name, bool Required, params string[] Aliases)
{
    public long Max { get; init; } = long.MaxValue;

    /// <summary>
    /// Free text (a caption, a name, a category) may hold line breaks and tabs; an ID or key may not.
    /// </summary>
    public bool FreeText { get; init; }

    public bool Matches(string header) =>
        header.Equals(Name, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(alias => header.Equals(alias, StringComparison.OrdinalIgnoreCase));
}
