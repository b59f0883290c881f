using System.Text;
using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;

namespace HealthKart.Infrastructure.Exports.Tracking;

/// <summary>
/// The analytics filters (docs/filters.md) applied to raw tracking rows through the engine's own rules
/// (<see cref="FilterRules"/>, the masks a <see cref="Selection"/> scans with): a row passes when the values its fact
/// carries pass, i.e. the pool values the rules accept, compared case-insensitively (a blank campaign or product is
/// "(none)"; the platform is the resolved one); the influencer-level filters accept the influencers the rules accept,
/// so organic rows (no influencer) fail them. The copy stores text neutralised, so the accepted values are neutralised
/// the same way before they are compared.
/// </summary>
internal sealed class TrackingRowFilter
{
    private static readonly string None = Snapshot.None;

    private readonly byte[]? _from;
    private readonly byte[]? _to;
    private readonly Matcher? _platforms;
    private readonly Matcher? _campaigns;
    private readonly Matcher? _products;
    private readonly Matcher? _brands;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? _influencers;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _platformOf;
    private readonly char[] _chars = new char[1024];

    private TrackingRowFilter(AnalyticsQuery query, Snapshot? snapshot)
    {
        _from = query.From is { } from ? Encoding.ASCII.GetBytes(from.ToString("yyyy-MM-dd")) : null;
        _to = query.To is { } to ? Encoding.ASCII.GetBytes(to.ToString("yyyy-MM-dd")) : null;
        var platformOf = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (snapshot is not null)
        {
            var rules = Selection.For(snapshot, query).Rules;
            _platforms = Matcher.For(rules.Accepted(FilterDimension.Platform));
            _campaigns = Matcher.For(rules.Accepted(FilterDimension.Campaign));
            _products = Matcher.For(rules.Accepted(FilterDimension.Product));
            _brands = Matcher.For(rules.Accepted(FilterDimension.Brand));
            _influencers = rules.AcceptedInfluencers is { } accepted
                ? new HashSet<string>(accepted.Select(SpreadsheetText.Neutralize),
                    StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>()
                : null;
            foreach (var profile in snapshot.Influencers)
            {
                platformOf.TryAdd(SpreadsheetText.Neutralize(profile.Id), SpreadsheetText.Neutralize(profile.Platform));
            }
        }

        _platformOf = platformOf.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Filters other than the date range: they need the snapshot and a look at every row.</summary>
    public bool HasRowFilters => _platforms is not null || _campaigns is not null || _products is not null
        || _brands is not null || _influencers is not null;

    /// <summary>Whether the filters use the snapshot (anything but the date range does).</summary>
    public static bool NeedsSnapshot(AnalyticsQuery query) =>
        query.Platforms.Count + query.Campaigns.Count + query.Products.Count + query.Brands.Count
        + query.Influencers.Count + query.Categories.Count + query.Genders.Count + query.Tiers.Count > 0;

    public static TrackingRowFilter Create(AnalyticsQuery query, Snapshot? snapshot) =>
        snapshot is null && NeedsSnapshot(query)
            ? throw new ArgumentException("These filters need the snapshot.", nameof(snapshot))
            : new TrackingRowFilter(query, snapshot);

    /// <summary>Whether a source whose rows span [first, last] can have a row in the query's date range.</summary>
    public static bool Overlaps(AnalyticsQuery query, DateOnly? first, DateOnly? last) =>
        first is null || last is null
        || ((query.From is null || last >= query.From) && (query.To is null || first <= query.To));

    /// <summary>Whether every row of a source spanning [first, last] is in the query's date range.</summary>
    public static bool Covers(AnalyticsQuery query, DateOnly? first, DateOnly? last) =>
        (query.From is null || (first is not null && first >= query.From))
        && (query.To is null || (last is not null && last <= query.To));

    /// <summary>
    /// Whether the current record passes. <paramref name="platform"/> is the platform to write instead of the stored
    /// one (null: keep the stored bytes), set for a row whose platform the copy left to the export to resolve.
    /// </summary>
    public bool Passes(TrackingCopyReader record, out string? platform)
    {
        platform = null;
        if (_from is not null || _to is not null)
        {
            var date = record.Raw(TrackingCopyFormat.Date);
            if ((_from is not null && date.SequenceCompareTo(_from) < 0)
                || (_to is not null && date.SequenceCompareTo(_to) > 0))
            {
                return false;
            }
        }

        var organic = record.IsEmpty(TrackingCopyFormat.InfluencerId)
            || record.Raw(TrackingCopyFormat.Platform).SequenceEqual("organic"u8);
        if (record.IsEmpty(TrackingCopyFormat.Platform) && !organic)
        {
            platform = _platformOf.TryGetValue(Chars(record, TrackingCopyFormat.InfluencerId), out var resolved)
                ? resolved : InfluencerProfile.Unknown;
        }

        if (!HasRowFilters)
        {
            return true;
        }

        if (_influencers is { } influencers
            && (organic || !influencers.Contains(Chars(record, TrackingCopyFormat.InfluencerId))))
        {
            return false;
        }

        return (_platforms is null || (platform is null ? _platforms.Matches(Chars(record, TrackingCopyFormat.Platform))
            : _platforms.Matches(platform)))
            && (_campaigns is null || _campaigns.Matches(Chars(record, TrackingCopyFormat.Campaign), blankIsNone: true))
            && (_products is null || _products.Matches(Chars(record, TrackingCopyFormat.Product), blankIsNone: true))
            && (_brands is null || _brands.Matches(Chars(record, TrackingCopyFormat.Brand)));
    }

    /// <summary>
    /// A field's text in a reused buffer (no string per row); a value too long for it is decoded the slow way.
    /// </summary>
    private ReadOnlySpan<char> Chars(TrackingCopyReader record, int field)
    {
        var raw = record.Raw(field);
        if (raw.Length > 0 && raw[0] == (byte)'"')
        {
            return record.Text(field);
        }

        return raw.Length <= _chars.Length ? _chars.AsSpan(0, Encoding.UTF8.GetChars(raw, _chars)) : record.Text(field);
    }

    /// <summary>One dimension's accepted values, neutralised as the copy stores them.</summary>
    private sealed class Matcher(HashSet<string> values)
    {
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _values =
            values.GetAlternateLookup<ReadOnlySpan<char>>();
        private readonly bool _none = values.Contains(None);

        public static Matcher? For(IReadOnlyList<string>? accepted) =>
            accepted is null ? null : new(new HashSet<string>(accepted.Select(SpreadsheetText.Neutralize),
                StringComparer.OrdinalIgnoreCase));

        public bool Matches(ReadOnlySpan<char> value, bool blankIsNone = false) =>
            value.Length == 0 ? blankIsNone && _none : _values.Contains(value);
    }
}
