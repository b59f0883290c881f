using HealthKart.Core.Problems;

namespace HealthKart.Core.Views;

/// <summary>
/// Every analytics view, one file each (this class is partial: <c>Campaigns.cs</c> defines <see cref="Campaigns"/>).
/// The JSON API, the exports, the signed links, the OpenAPI document and the dashboard all read this list, so adding a
/// view is one new file and one line below.
/// </summary>
public static partial class ViewCatalog
{
    /// <summary>
    /// Data quality has its own route (<c>GET /api/data-quality</c>); it is a report like the others.
    /// </summary>
    public const string DataQualityName = "data-quality";

    // Lazy: the views are fields of other parts of this class, whose initialisers run in no order C# promises.
    private static readonly Lazy<IReadOnlyList<AnalyticsView>> Registered = new(() =>
    [
        Summary,
        Influencers,
        Top,
        Poor,
        Campaigns,
        Platforms,
        Categories,
        Personas,
        Products,
        Brands,
        Genders,
        Tiers,
        TimeSeries,
        Customers,
        Insights,
        Plan,
        DataQuality,
    ]);

    public static IReadOnlyList<AnalyticsView> All => Registered.Value;

    /// <summary>The views of <c>GET /api/analytics/{view}</c>: every view but data quality.</summary>
    public static IReadOnlyList<AnalyticsView> Routed => [.. All.Where(v => v.Name != DataQualityName)];

    public static AnalyticsView? Find(string name) =>
        All.FirstOrDefault(v => v.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The view of that name, or a 404 problem listing the views there are.</summary>
    public static AnalyticsView Get(string name) =>
        Find(name)
        ?? throw ProblemException.NotFound(
            $"There is no analytics view '{name}'. Views: {string.Join(", ", All.Select(v => v.Name))}.");
}
