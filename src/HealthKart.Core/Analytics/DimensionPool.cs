namespace HealthKart.Core.Analytics;

/// <summary>
/// Dictionary encoding of one dimension (campaigns, products, ...): each distinct value, compared case-insensitively,
/// gets a small integer; facts store the integer. The first spelling seen is the one shown. A pool whose ids are held
/// in a narrow column (<see cref="Snapshot.Platforms"/>) has a limit: the value past it is refused with a
/// <see cref="SnapshotBuildException"/> that names the dimension, never given an id the column would wrap.
/// </summary>
public sealed class DimensionPool(string dimension = "values", int limit = int.MaxValue)
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _values = [];

    public IReadOnlyList<string> Values => _values;
    public int Count => _values.Count;

    /// <summary>How many distinct values the pool can hold.</summary>
    public int Limit => limit;

    public string this[int id] => _values[id];

    public int Intern(string value)
    {
        if (!_ids.TryGetValue(value, out var id))
        {
            id = _values.Count < limit ? _values.Count : throw new SnapshotBuildException(
                $"The current sources name more than {IndianText.Count(limit)} distinct {dimension}, the most a " +
                $"dataset may have (docs/data-contract.md#how-many-distinct-values); \"{value}\" is one too many. " +
                "Retract the source that added them, or spell them consistently.");
            _ids.Add(value, id);
            _values.Add(value);
        }

        return id;
    }

    public int? Find(string value) => _ids.TryGetValue(value, out var id) ? id : null;
}
