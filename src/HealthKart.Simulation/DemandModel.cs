namespace HealthKart.Simulation;

/// <summary>
/// Expected order rows per product-day: the counterfactual baseline without posts, the extra rows posts cause, and
/// the chance a baseline order carries an influencer's attribution anyway. Cells are indexed
/// <c>day * products + product</c>. See <see cref="Simulator"/> for the model.
/// </summary>
internal sealed class DemandModel
{
    /// <summary>A post moves sales of its product on its own day and the 7 days after.</summary>
    public const int LagDays = 8;

    /// <summary>Each day after a post keeps this fraction of the previous day's effect.</summary>
    public const double LagDecay = 0.55;

    /// <summary>
    /// Diminishing returns: an influencer's k-th post of the period (0-based, in date order) pulls this to the power k
    /// of what it would alone, so n posts are worth <c>(1 - s^n) / (1 - s)</c> first posts (<see cref="PostEquivalents"/>).
    /// </summary>
    public const double AudienceSaturation = 0.7;

    /// <summary>Never more than this share of a day's baseline orders is credited to influencers.</summary>
    private const double MaxAttributedBaselineChance = 0.9;

    /// <summary>Relative organic demand by day of week, Sunday first; the mean is 1.</summary>
    private static readonly double[] Weekly = [1.08, 1.06, 1.00, 0.97, 0.96, 0.94, 0.99];

    private DemandModel(int days, int products)
    {
        Days = days;
        Products = products;
        Baseline = new double[days * products];
        Incremental = new double[days * products];
        AttributedBaselineChance = new double[days * products];
        ContributionStart = new int[days * products + 1];
    }

    public int Days { get; }

    public int Products { get; }

    /// <summary>The organic rows per day the baseline was scaled to (solved from the target when one was given).</summary>
    public double OrganicOrdersPerDay { get; private set; }

    /// <summary>Expected counterfactual order rows per cell; at least 1, so every product sells organically every day.</summary>
    public double[] Baseline { get; }

    /// <summary>Expected extra order rows per cell that exist only because of posts.</summary>
    public double[] Incremental { get; }

    /// <summary>Chance that a baseline order beyond the cell's first is credited to an influencer.</summary>
    public double[] AttributedBaselineChance { get; }

    /// <summary>Posts reaching each cell: <see cref="ContributionPost"/> from this start to the next cell's start.</summary>
    public int[] ContributionStart { get; }

    public int[] ContributionPost { get; private set; } = [];

    /// <summary>Running total of the posts' pull on the cell, to draw the credited post in proportion to it.</summary>
    public double[] ContributionCumulative { get; private set; } = [];

    public double ExpectedRows { get; private set; }

    /// <summary>Per product, the mean post pressure over its reached days that scales the extra orders.</summary>
    private double[] MeanPressure { get; } = new double[ProductCatalog.Products.Count];

    /// <summary>What <paramref name="posts"/> posts of one influencer are worth in first posts, for any real count.</summary>
    public static double PostEquivalents(double posts) => (1 - Math.Pow(AudienceSaturation, posts)) / (1 - AudienceSaturation);

    /// <summary>
    /// Each post's expected extra orders: its share of the extra orders of every product-day it reaches, with the
    /// model's calibration (each product's mean pressure) held fixed, so a post's worth does not depend on the others.
    /// </summary>
    public double[] ExpectedIncrementalOrders(IReadOnlyList<SimulatedPost> posts, double trueLift)
    {
        var orders = new double[posts.Count];
        for (var cell = 0; cell < Baseline.Length; cell++)
        {
            var previous = 0.0;
            for (var i = ContributionStart[cell]; i < ContributionStart[cell + 1]; i++)
            {
                var pull = ContributionCumulative[i] - previous;
                previous = ContributionCumulative[i];
                orders[ContributionPost[i]] += trueLift * Baseline[cell] * pull / MeanPressure[cell % Products];
            }
        }

        return orders;
    }

    public bool IsReached(int cell) => ContributionStart[cell + 1] > ContributionStart[cell];

    /// <summary>The post an attributed order in the cell is credited to, drawn in proportion to each post's pull there.</summary>
    public int CreditedPost(int cell, Random random)
    {
        var start = ContributionStart[cell];
        var end = ContributionStart[cell + 1];
        var target = random.NextDouble() * ContributionCumulative[end - 1];
        for (var i = start; i < end - 1; i++)
        {
            if (target < ContributionCumulative[i])
            {
                return ContributionPost[i];
            }
        }

        return ContributionPost[end - 1];
    }

    public static DemandModel Build(SimulationOptions options, IReadOnlyList<SimulatedPost> posts)
    {
        var catalog = ProductCatalog.Products;
        var model = new DemandModel(options.Days, catalog.Count);
        var pressure = model.BuildContributions(posts);

        // Baseline shape for one organic order a day, then the scale: given, or solved for the row target.
        var shape = new double[model.Baseline.Length];
        double shapeTotal = 0, reachedShapeTotal = 0;
        for (var day = 0; day < options.Days; day++)
        {
            var trend = options.Days == 1 ? 1.0 : 0.95 + 0.10 * day / (options.Days - 1);
            var weekly = Weekly[(int)options.StartDate.AddDays(day).DayOfWeek];
            for (var p = 0; p < catalog.Count; p++)
            {
                var cell = day * catalog.Count + p;
                shape[cell] = catalog[p].OrganicShare * weekly * trend;
                shapeTotal += shape[cell];
                reachedShapeTotal += model.IsReached(cell) ? shape[cell] : 0;
            }
        }

        model.OrganicOrdersPerDay = options.TrackingRows is { } target
            ? target / (shapeTotal + options.TrueLift * reachedShapeTotal)
            : options.OrganicOrdersPerDay;

        for (var cell = 0; cell < shape.Length; cell++)
        {
            model.Baseline[cell] = Math.Max(1.0, model.OrganicOrdersPerDay * shape[cell]);
        }

        // Per product, the mean pressure over its reached days (baseline-weighted), so that the extra rows add up to
        // TrueLift x the baseline of the reached days, product by product.
        for (var p = 0; p < catalog.Count; p++)
        {
            double weighted = 0, baseline = 0;
            for (var cell = p; cell < shape.Length; cell += catalog.Count)
            {
                if (pressure[cell] > 0)
                {
                    weighted += model.Baseline[cell] * pressure[cell];
                    baseline += model.Baseline[cell];
                }
            }

            var meanPressure = model.MeanPressure[p] = baseline > 0 ? weighted / baseline : 1;
            for (var cell = p; cell < shape.Length; cell += catalog.Count)
            {
                var relative = pressure[cell] / meanPressure;
                model.Incremental[cell] = options.TrueLift * model.Baseline[cell] * relative;
                // The day's first baseline order always stays organic, so the others carry its share of the credit.
                var creditable = Math.Max(model.Baseline[cell] - 1, 1e-9) / model.Baseline[cell];
                model.AttributedBaselineChance[cell] = Math.Min(MaxAttributedBaselineChance, options.AttributedBaselineShare * relative / creditable);
            }
        }

        for (var cell = 0; cell < shape.Length; cell++)
        {
            model.ExpectedRows += model.Baseline[cell] + model.Incremental[cell];
        }

        return model;
    }

    /// <summary>Lists the posts reaching each cell with their lag-decayed pull; returns each cell's total pull.</summary>
    private double[] BuildContributions(IReadOnlyList<SimulatedPost> posts)
    {
        var kernel = new double[LagDays];
        var kernelTotal = 0.0;
        for (var lag = 0; lag < LagDays; lag++)
        {
            kernel[lag] = Math.Pow(LagDecay, lag);
            kernelTotal += kernel[lag];
        }

        for (var lag = 0; lag < LagDays; lag++)
        {
            kernel[lag] /= kernelTotal;
        }

        var counts = new int[ContributionStart.Length];
        foreach (var post in posts)
        {
            for (var day = post.Day; day < Math.Min(Days, post.Day + LagDays); day++)
            {
                counts[day * Products + post.Product]++;
            }
        }

        for (var cell = 0; cell < counts.Length - 1; cell++)
        {
            ContributionStart[cell + 1] = ContributionStart[cell] + counts[cell];
        }

        ContributionPost = new int[ContributionStart[^1]];
        ContributionCumulative = new double[ContributionStart[^1]];
        var next = ContributionStart[..^1];
        for (var i = 0; i < posts.Count; i++)
        {
            var post = posts[i];
            for (var day = post.Day; day < Math.Min(Days, post.Day + LagDays); day++)
            {
                var cell = day * Products + post.Product;
                ContributionPost[next[cell]] = i;
                ContributionCumulative[next[cell]] = post.Pull * kernel[day - post.Day];
                next[cell]++;
            }
        }

        var pressure = new double[Baseline.Length];
        for (var cell = 0; cell < pressure.Length; cell++)
        {
            var running = 0.0;
            for (var i = ContributionStart[cell]; i < ContributionStart[cell + 1]; i++)
            {
                running += ContributionCumulative[i];
                ContributionCumulative[i] = running;
            }

            pressure[cell] = running;
        }

        return pressure;
    }
}
