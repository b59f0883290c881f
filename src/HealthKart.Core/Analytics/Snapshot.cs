using HealthKart.Core.Analytics.Customers;
using HealthKart.Core.DataContract;
using HealthKart.Core.Problems;

namespace HealthKart.Core.Analytics;

/// <summary>
/// One dataset version, in memory and columnar: dimension pools, influencer profiles, and fact columns for sales,
/// organic sales, posts and allocated spend. Immutable once built, so any number of requests read it at once.
/// </summary>
public sealed class Snapshot
{
    public const string None = "(none)";
    public const string Unattributed = "(unattributed)";

    internal Snapshot(string datasetVersion, AnalyticsOptions options, CustomerOptions customerOptions)
    {
        DatasetVersion = datasetVersion;
        Options = options;
        CustomerOptions = customerOptions;
    }

    public string DatasetVersion { get; }
    public AnalyticsOptions Options { get; }
    public CustomerOptions CustomerOptions { get; }

    public List<InfluencerProfile> Influencers { get; } = [];
    public Dictionary<string, int> InfluencerIndex { get; } = new(StringComparer.OrdinalIgnoreCase);
    public DimensionPool Campaigns { get; } = new("campaigns");
    public DimensionPool Products { get; } = new("products");
    public DimensionPool Brands { get; } = new("brands");
    /// <summary>
    /// Platforms and other sales channels. Their ids are stored as <see cref="ushort"/> in every fact table, so a
    /// dataset holds at most <see cref="MaxPlatforms"/> (docs/data-contract.md#how-many-distinct-values).
    /// </summary>
    public DimensionPool Platforms { get; } = new("platforms and channels", MaxPlatforms);

    /// <summary>The most distinct platforms and channels one dataset may have: every id a ushort holds.</summary>
    public const int MaxPlatforms = ushort.MaxValue + 1;

    public SalesColumns Sales { get; internal set; } = new(0);
    public SalesColumns OrganicSales { get; internal set; } = new(0);
    public PostColumns Posts { get; internal set; } = new(0);
    public SpendColumns Spend { get; internal set; } = new(0);

    private Task<CustomerColumns> _customers = Task.FromResult(new CustomerColumns(0));

    /// <summary>
    /// Every customer with a first purchase, and who acquired them (docs/customers.md). A snapshot read from its blob
    /// answers before its customer section has arrived (docs/snapshot.md#customers-behind-the-first-answer): reading
    /// them waits for it, and answers 503 if that section could not be read.
    /// </summary>
    public CustomerColumns Customers
    {
        get
        {
            try
            {
                return _customers.GetAwaiter().GetResult();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                throw new ProblemException(503, "Customers unavailable",
                    $"The customers of dataset version {DatasetVersion} could not be read on this instance, which " +
                    "tries to read them again. Try again in a minute; every view without customer cohorts answers " +
                    "meanwhile. If the cohorts still fail, the instance's log says why.", cause: exception);
            }
        }

        internal set => _customers = Task.FromResult(value);
    }

    /// <summary>
    /// Done once <see cref="Customers"/> are in memory; faulted, with the reason, when they could not be read.
    /// </summary>
    public Task CustomersLoaded => _customers;

    /// <summary>The customers, still arriving: set by the reader before the snapshot is handed to anyone.</summary>
    internal void CustomersFrom(Task<CustomerColumns> arriving) => _customers = arriving;

    /// <summary>
    /// The customers each sales and organic fact acquired, as the blob stores them, so that summaries need not wait for
    /// the customers; null for a built snapshot, whose sums are derived from its customers (<see
    /// cref="Customers.Acquisitions.Of"/>).
    /// </summary>
    internal Acquisitions? StoredAcquisitions { get; set; }

    /// <summary>The brand of each product (posts have a product but no brand column).</summary>
    public int[] ProductBrand { get; internal set; } = [];

    /// <summary>Every payout row, with the influencer index it belongs to.</summary>
    public List<(int Influencer, PayoutRow Row, string FileName)> Payouts { get; } = [];

    /// <summary>
    /// Whether each influencer has at least one payout row: unpaid influencers are flagged, not ranked.
    /// </summary>
    public bool[] Paid { get; internal set; } = [];

    public IReadOnlyList<SnapshotSource> Sources { get; internal set; } = [];

    /// <summary>First and last day with sales or posts (DayNumber), or null for an empty dataset.</summary>
    public (int First, int Last)? DayRange { get; internal set; }

    /// <summary>First and last day of the tracking data (any row, organic included), or null without any.</summary>
    public (int First, int Last)? TrackingRange { get; internal set; }

    public long FactCount => Sales.Count + OrganicSales.Count + Posts.Count + Spend.Count;

    private const int MaxMemos = 64;
    private readonly MemoTable _memos = new();

    /// <summary>
    /// A model derived from this snapshot alone (the lift model), computed once: the snapshot never changes, so neither
    /// does the model. Serialised HTTP answers are not kept here but in the host's answer memo, beside the snapshot
    /// cache.
    /// </summary>
    public T Memo<T>(string key, Func<T> compute) where T : class
    {
        if (_memos.Count >= MaxMemos)
        {
            _memos.Clear();
        }

        // Once, even when the page's requests ask at the same moment (the lift model takes a second at scale).
        return _memos.Get(key, compute);
    }

    public int InfluencerOf(string id)
    {
        if (!InfluencerIndex.TryGetValue(id, out var index))
        {
            index = Influencers.Count;
            Influencers.Add(new InfluencerProfile(id, id, InfluencerProfile.Unknown, InfluencerProfile.Unknown, 0,
                InfluencerProfile.Unknown, FollowerTier.Micro, Known: false));
            InfluencerIndex.Add(id, index);
        }

        return index;
    }
}
