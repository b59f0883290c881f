using System.Collections.Concurrent;

namespace HealthKart.Core.Analytics;

/// <summary>
/// Values computed once per key however many requests ask at the same moment (a snapshot's models, a filter state's
/// intermediates). A computation that fails (a refused plan, a cancelled request) is not kept: the next asker tries
/// again.
/// </summary>
internal sealed class MemoTable
{
    private readonly ConcurrentDictionary<string, Lazy<object>> _entries = new();

    public int Count => _entries.Count;

    public void Clear() => _entries.Clear();

    public T Get<T>(string key, Func<T> compute) where T : class
    {
        var entry = _entries.GetOrAdd(key, _ => new Lazy<object>(() => compute()));
        try
        {
            return (T)entry.Value;
        }
        catch
        {
            _entries.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }
}
