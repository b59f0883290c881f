using HealthKart.Core.Analytics;
using HealthKart.Core.Reports;
using HealthKart.Core.Tests.Analytics;
using HealthKart.Core.Views;

namespace HealthKart.Core.Tests.Reports;

/// <summary>
/// Every report name over the hand-worked dataset (unfiltered and filtered) and over the hostile one.
/// </summary>
internal static class ReportCases
{
    public const string Filtered = "from=2025-07-01&to=2025-07-31&platform=Instagram,YouTube&granularity=week&n=2";

    public static readonly DateTimeOffset GeneratedAt = new(2025, 8, 12, 3, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string, string> All()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (dataset, query) in new[] { ("hand", ""), ("hand", Filtered), ("hostile", "") })
        {
            foreach (var report in ReportCatalog.Names)
            {
                data.Add(dataset, query, report);
            }
        }

        return data;
    }

    public static (Selection Selection, DateOnly Today, ReportContext Context) Resolve(string dataset, string query)
    {
        var (snapshot, today) = dataset == "hostile" ? (HostileDataset.Snapshot, HostileDataset.Today)
            : (HandWorkedDataset.Snapshot, HandWorkedDataset.Today);
        var selection = new Selection(snapshot, HandWorkedDataset.Parse(query));
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .Select(p => KeyValuePair.Create(p[0], new[] { (string?)p[1] }));
        return (selection, today, ReportContext.For(selection, GeneratedAt, pairs));
    }
}
