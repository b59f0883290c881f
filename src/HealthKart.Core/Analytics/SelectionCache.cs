using System.Runtime.CompilerServices;

namespace HealthKart.Core.Analytics;

/// <summary>
/// The selected facts of the filter states seen lately, per snapshot: the dashboard asks several views for one filter
/// state, and they all share one selection. Keyed by <see cref="FilterRules.Key"/>; bounded by
/// <see cref="MaxStates"/> states and <see cref="MaxBytes"/> of index arrays, the least recently used going first.
/// It lives as long as its snapshot (a new dataset version starts afresh). Only intermediates are kept here; rendered
/// answers are the answer memo's business.
/// </summary>
internal static class SelectionCache
{
    public const int MaxStates = 16;
    public const long MaxBytes = 128L << 20;

    private static readonly ConditionalWeakTable<Snapshot, States> BySnapshot = [];

    public static FilteredFacts For(Snapshot snapshot, AnalyticsQuery query) =>
        BySnapshot.GetValue(snapshot, _ => new States()).Get(FilterRules.Key(query),
            () => new FilteredFacts(snapshot, new FilterRules(snapshot, query)));

    private sealed class States
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, LinkedListNode<(string Key, FilteredFacts Facts)>> _byKey = [];
        private readonly LinkedList<(string Key, FilteredFacts Facts)> _recent = new();

        public FilteredFacts Get(string key, Func<FilteredFacts> create)
        {
            lock (_lock)
            {
                if (_byKey.TryGetValue(key, out var node))
                {
                    _recent.Remove(node);
                    _recent.AddFirst(node);
                    return node.Value.Facts;
                }

                // A request holding an evicted state keeps using it; only the cache lets go.
                var bytes = _recent.Sum(entry => entry.Facts.Bytes);
                while (_recent.Last is { } oldest && (_recent.Count >= MaxStates || bytes > MaxBytes))
                {
                    bytes -= oldest.Value.Facts.Bytes;
                    _byKey.Remove(oldest.Value.Key);
                    _recent.RemoveLast();
                }

                var facts = create();
                _byKey.Add(key, _recent.AddFirst((key, facts)));
                return facts;
            }
        }
    }
}
