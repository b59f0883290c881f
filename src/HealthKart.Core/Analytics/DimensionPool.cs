namespace HealthKart.Core.Analytics;

/// <summary>
/// Dictionary encoding of one dimension (campaigns, products, ...): each distinct value, compared case-insensitively,
/// gets a small integer; facts store the integer. The first spelling seen is the one shown.
/// </summary>
public sealed class DimensionPool
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _values = [];

    public IReadOnlyList<string> Values => _values;
    public int Count => _values.Count;

    public string this[int id] => _values[id];

    public int Intern(string value)
    {
        if (!_ids.TryGetValue(value, out var id))
        {
            id = _values.Count;
            _ids.Add(value, id);
            _values.Add(value);
        }

        return id;
    }

    public int? Find(string value) => _ids.TryGetValue(value, out var id) ? id : null;
}
