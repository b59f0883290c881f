using System.Diagnostics;
using System.Runtime.CompilerServices;
using HealthKart.Core.Analytics;

namespace HealthKart.Benchmarks;

/// <summary>
/// What a snapshot costs in memory, three ways: the fact columns' arrays (length x element size, capacity included),
/// the managed heap it added over the facts it was built from (GC-measured), and everything the cache keeps alive
/// with it (the snapshot plus the <see cref="SnapshotSource"/> facts it references), all per fact.
/// </summary>
public sealed record SnapshotMemory(long Facts, long ColumnBytes, long BuildHeapBytes, long RetainedHeapBytes,
    long AllocatedBytes, TimeSpan BuildTime, long Customers, long CustomerBytes)
{
    public const double Target = 40;

    public double ColumnBytesPerFact => (double)ColumnBytes / Facts;
    public double BuildHeapBytesPerFact => (double)BuildHeapBytes / Facts;
    public double RetainedHeapBytesPerFact => (double)RetainedHeapBytes / Facts;

    /// <summary>
    /// Validates the simulated files into facts and builds the snapshot, measuring the heap around each step.
    /// </summary>
    public static (Snapshot Snapshot, SnapshotMemory Memory) Build(string directory)
    {
        var empty = Heap();
        var (snapshot, withSources, built, allocated, time) = BuildFromSources(directory);
        var retained = Heap(); // the sources list is out of scope now: what is left is what the snapshot keeps alive
        GC.KeepAlive(snapshot);
        return (snapshot, new SnapshotMemory(snapshot.FactCount, ColumnBytesOf(snapshot), built - withSources,
            retained - empty, allocated, time, snapshot.Customers.Count, CustomerBytesOf(snapshot)));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Snapshot, long WithSources, long Built, long Allocated, TimeSpan Time) BuildFromSources(
        string directory)
    {
        var sources = AnalyticsData.Sources(directory);
        var withSources = Heap();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var snapshot = AnalyticsData.Build(sources);
        clock.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var built = Heap();
        GC.KeepAlive(sources);
        return (snapshot, withSources, built, allocated, clock.Elapsed);
    }

    public static long ColumnBytesOf(Snapshot snapshot)
    {
        static long Sales(SalesColumns c) => Ints(c.Day, c.Influencer, c.Campaign, c.Product, c.Brand, c.Orders,
            c.ReturningOrders) + Shorts(c.Platform) + Longs(c.Revenue);
        var posts = snapshot.Posts;
        var spend = snapshot.Spend;
        return Sales(snapshot.Sales) + Sales(snapshot.OrganicSales)
            + Ints(posts.Day, posts.Influencer, posts.Campaign, posts.Product, posts.Posts) + Shorts(posts.Platform)
            + Longs(posts.Reach, posts.Engagements)
            + Ints(spend.Day, spend.Influencer, spend.Campaign, spend.Product, spend.Brand) + Shorts(spend.Platform)
            + Longs(spend.Amount)
            + Ints(snapshot.ProductBrand) + snapshot.Paid.Length;
    }

    /// <summary>
    /// The customer columns' arrays (length x element size), which the fact-column figure leaves out: one entry per
    /// customer, so they grow with customers, not facts.
    /// </summary>
    public static long CustomerBytesOf(Snapshot snapshot)
    {
        var c = snapshot.Customers;
        return Ints(c.Sale, c.FirstDay, c.RepeatGap) + Longs(c.Revenue, c.FollowOn) + c.New.Length;
    }

    public TargetCheck Check(string scale) => new(
        "snapshot bytes/fact", $"{scale}: fact column arrays {ColumnBytes / 1048576.0:N1} MB / {Facts:N0} facts",
        ColumnBytesPerFact, Target, "B/fact");

    public void Report(string scale)
    {
        Console.WriteLine();
        Console.WriteLine(
            $"== snapshot memory, {scale}: {Facts:N0} facts, built in {BuildTime.TotalSeconds:F2} s " +
            $"({AllocatedBytes / (double)Facts:N0} B/fact allocated while building)");
        Console.WriteLine(
            $"   fact column arrays (length x element size)           {ColumnBytes / 1048576.0,8:N1} MB  " +
            $"{ColumnBytesPerFact,6:N1} B/fact  (target <= {Target:F0})");
        Console.WriteLine(
            $"   customer column arrays ({Customers:N0} customers, " +
            $"{(double)CustomerBytes / Math.Max(1, Customers):N1} B each) {CustomerBytes / 1048576.0,8:N1} MB  " +
            $"{(double)CustomerBytes / Facts,6:N1} B/fact  (beside it)");
        Console.WriteLine(
            $"   heap added by the build (GC, over its input facts)   {BuildHeapBytes / 1048576.0,8:N1} MB  " +
            $"{BuildHeapBytesPerFact,6:N1} B/fact");
        Console.WriteLine(
            "   heap kept alive by a cached snapshot (GC, incl. its Sources' facts) " +
            $"{RetainedHeapBytes / 1048576.0,8:N1} MB  {RetainedHeapBytesPerFact,6:N1} B/fact");
    }

    private static long Ints(params int[][] columns) => columns.Sum(c => 4L * c.Length);

    private static long Shorts(params ushort[][] columns) => columns.Sum(c => 2L * c.Length);

    private static long Longs(params long[][] columns) => columns.Sum(c => 8L * c.Length);

    /// <summary>The managed heap after a full, compacting GC.</summary>
    public static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
