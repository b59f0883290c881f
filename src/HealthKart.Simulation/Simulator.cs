using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthKart.Simulation;

/// <summary>
/// Simulates HealthKart's influencer marketing data and writes <c>influencers.csv</c>, <c>posts.csv</c>,
/// <c>tracking_data.csv</c>, <c>payouts.csv</c> and <c>ground_truth.json</c>. Deterministic: the same options (seed
/// included) give byte-identical files on the same .NET version. Tracking rows stream to disk, so millions are fine.
/// <para>
/// The sales model. First the counterfactual world without posts: every product sells every day an expected
/// <c>OrganicOrdersPerDay x product share x day-of-week factor x mild upward trend</c> orders (at least one). Each post
/// then works on its product for 8 days from its date, its pull (reach with diminishing returns, engagement, brand
/// fit) decaying geometrically by <see cref="DemandModel.LagDecay"/> a day. On a product-day the posts reach, the
/// extra orders expected are <c>TrueLift x baseline x (pressure there / that product's mean pressure over its
/// reached days)</c>, so per product the post-driven revenue adds up, in expectation, to exactly <c>TrueLift x</c> the
/// counterfactual revenue of its reached days, concentrated where the strongest posts are. Returns diminish: an
/// influencer's k-th post of the period (in date order) pulls <see cref="DemandModel.AudienceSaturation"/>^k of what it
/// would alone, and <see cref="GroundTruth.ResponseCurves"/> states each paid influencer's resulting true curve.
/// </para>
/// <para>
/// In the files, every post-driven order is credited to a post reaching that product-day (drawn in proportion to the
/// posts' pull there); in addition each baseline order but the day's first is credited to a post with chance
/// <c>AttributedBaselineShare x the same relative pressure</c> (customers who would have bought anyway using a
/// code). Credited rows carry the influencer's platform as <c>source</c>, their campaign and ID; the others are
/// <c>organic</c>. So the true incremental revenue is exactly the revenue of the post-driven orders, the
/// counterfactual is all other orders, and attributed revenue overstates the truth. With <c>TrueLift = 0</c>
/// credited rows are merely relabelled baseline sales.
/// </para>
/// </summary>
public static class Simulator
{
    public const string GroundTruthFileName = "ground_truth.json";

    private const string ModelSummary =
        "Counterfactual baseline per product-day (share x weekday x trend, at least 1 order); each post lifts its product " +
        "for 8 days with geometric decay 0.55; post-driven orders = true_lift x baseline x relative post pressure, so per " +
        "product they add true_lift x the counterfactual of the reached product-days in expectation; credited rows = all " +
        "post-driven orders + a pressure-weighted attributed_baseline_share of baseline orders that would have happened " +
        "anyway. true_incremental_revenue = net revenue of the post-driven orders (refunded and cancelled rows subtract), realised. " +
        "Diminishing returns: an influencer's k-th post of the period pulls 0.7^k of a lone post (audience saturation); " +
        "responseCurves give each paid influencer's expected incremental revenue at 0 to 2x their payout (m x payout buys m x their posts).";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NewLine = "\n",
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static SimulationResult Run(
        SimulationOptions options,
        string outputDirectory,
        IProgress<SimulationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        options.Validate();
        Directory.CreateDirectory(outputDirectory);

        var roster = InfluencerRoster.Recruit(options, RandomDraws.For(options.Seed, SimulationPhase.Roster));
        var posts = PostCalendar.Schedule(options, roster, RandomDraws.For(options.Seed, SimulationPhase.Posts));
        var demand = DemandModel.Build(options, posts);

        var files = new List<SimulatedFile>();
        string PathOf(string name) => Path.Combine(outputDirectory, name);

        files.Add(new(InfluencerRoster.FileName, PathOf(InfluencerRoster.FileName), InfluencerRoster.Write(PathOf(InfluencerRoster.FileName), roster)));
        files.Add(new(PostCalendar.FileName, PathOf(PostCalendar.FileName), PostCalendar.Write(PathOf(PostCalendar.FileName), options, roster, posts)));

        var tally = OrderStream.Write(
            PathOf(OrderStream.FileName), options, demand, roster, posts,
            RandomDraws.For(options.Seed, SimulationPhase.Orders), progress, cancellationToken);
        files.Add(new(OrderStream.FileName, PathOf(OrderStream.FileName), tally.Rows));

        var (payoutRows, paid) = PayoutLedger.Write(
            PathOf(PayoutLedger.FileName), options, roster, posts, tally, RandomDraws.For(options.Seed, SimulationPhase.Payouts));
        files.Add(new(PayoutLedger.FileName, PathOf(PayoutLedger.FileName), payoutRows));

        var truth = Truth(options, demand, roster, posts, tally, paid);
        File.WriteAllText(PathOf(GroundTruthFileName), JsonSerializer.Serialize(truth, Json) + "\n");
        files.Add(new(GroundTruthFileName, PathOf(GroundTruthFileName), 1));

        return new SimulationResult(outputDirectory, files, truth);
    }

    private static GroundTruth Truth(
        SimulationOptions options,
        DemandModel demand,
        IReadOnlyList<SimulatedInfluencer> roster,
        IReadOnlyList<SimulatedPost> posts,
        SalesTally tally,
        long[] paid)
    {
        var catalog = ProductCatalog.Products;
        var products = new List<ProductTruth>(catalog.Count);
        long counterfactual = 0, incremental = 0, attributed = 0;
        for (var p = 0; p < catalog.Count; p++)
        {
            counterfactual += tally.CounterfactualRevenue[p];
            incremental += tally.IncrementalRevenue[p];
            attributed += tally.AttributedRevenue[p];
            products.Add(new ProductTruth(
                catalog[p].Name, catalog[p].Brand.Name, catalog[p].UnitPrice,
                Rupees(tally.CounterfactualRevenue[p]), Rupees(tally.IncrementalRevenue[p]), tally.IncrementalOrders[p],
                Rupees(tally.AttributedRevenue[p])));
        }

        var postCounts = new int[roster.Count];
        foreach (var post in posts)
        {
            postCounts[post.Influencer]++;
        }

        var expectedPaise = new double[roster.Count];
        var expectedOrders = demand.ExpectedIncrementalOrders(posts, options.TrueLift);
        for (var j = 0; j < posts.Count; j++)
        {
            expectedPaise[posts[j].Influencer] += expectedOrders[j] * OrderStream.ExpectedNetRevenuePaise(catalog[posts[j].Product]);
        }

        var influencers = new List<InfluencerTruth>(roster.Count);
        var curves = new SortedDictionary<string, decimal[][]>(StringComparer.Ordinal);
        for (var i = 0; i < roster.Count; i++)
        {
            var expected = Rupees((long)Math.Round(expectedPaise[i]));
            influencers.Add(new InfluencerTruth(
                roster[i].Id, postCounts[i], Rupees(tally.InfluencerAttributedRevenue[i]), Rupees(tally.InfluencerIncrementalRevenue[i]), expected, Rupees(paid[i])));
            if (paid[i] > 0)
            {
                curves[roster[i].Id] = ResponseCurve(expectedPaise[i], paid[i], postCounts[i]);
            }
        }

        var reachedDays = 0;
        for (var cell = 0; cell < demand.Baseline.Length; cell++)
        {
            reachedDays += demand.IsReached(cell) ? 1 : 0;
        }

        return new GroundTruth(
            options.Seed,
            options,
            ModelSummary,
            Math.Round(demand.OrganicOrdersPerDay, 4),
            Rupees(counterfactual),
            Rupees(counterfactual + incremental),
            Rupees(incremental),
            Rupees(attributed),
            reachedDays,
            Rupees(tally.CounterfactualRevenueOnReachedDays),
            Ratio(incremental, tally.CounterfactualRevenueOnReachedDays),
            Ratio(incremental, counterfactual),
            products,
            influencers,
            curves);
    }

    /// <summary>The true curve at 0, 1/6, ..., 2 times the payout (see <see cref="GroundTruth.ResponseCurves"/>).</summary>
    private static decimal[][] ResponseCurve(double expectedPaise, long paidPaise, int posts)
    {
        const int Steps = 12;
        var points = new decimal[Steps + 1][];
        for (var k = 0; k <= Steps; k++)
        {
            var multiple = 2.0 * k / Steps;
            var value = posts == 0 ? 0 : expectedPaise * DemandModel.PostEquivalents(multiple * posts) / DemandModel.PostEquivalents(posts);
            points[k] = [Rupees((long)Math.Round(paidPaise * multiple)), Rupees((long)Math.Round(value))];
        }

        return points;
    }

    private static decimal Rupees(long paise) => paise / 100m;

    private static double Ratio(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
