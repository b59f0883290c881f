namespace HealthKart.Simulation;

/// <summary>Schedules the influencers' posts over the period and writes <c>posts.csv</c>.</summary>
internal static class PostCalendar
{
    public const string FileName = "posts.csv";
    public const string Header = "post_id,influencer_id,platform,date,URL,caption,reach,likes,comments,campaign,product";

    /// <summary>Share of an influencer's posts that promote a product outside their home brand.</summary>
    private const double OffBrandShare = 0.12;

    /// <summary>Every brand's campaigns, brand after brand; a post's campaign indexes this list.</summary>
    public static IReadOnlyList<(string Name, Brand Brand)> Campaigns { get; } =
        ProductCatalog.Brands.SelectMany(brand => brand.Campaigns.Select(name => (name, brand))).ToArray();

    private static readonly string[] CaptionTemplates =
    [
        "{product} is my go-to after every workout #{brand}",
        "30 days on {product}, here is my honest review",
        "Morning routine: {product} and a 5K run #{brand}",
        "My \"secret\" for recovery? {product}",
        "Use code {code} for 10% off on {product}",
        "Unboxing {product}, first impressions #{brand}",
        "Fuel, focus, repeat with {product}",
        "Why I switched to {product} #ad #{brand}",
    ];

    public static SimulatedPost[] Schedule(SimulationOptions options, IReadOnlyList<SimulatedInfluencer> roster, Random random)
    {
        var links = new PostLink(random);
        var drafts = new List<(int Day, int Influencer, int Sequence, SimulatedPost Post)>();
        Span<double> productOdds = stackalloc double[ProductCatalog.Products.Count];
        for (var i = 0; i < roster.Count; i++)
        {
            var influencer = roster[i];
            var tier = TierIndex(influencer.FollowerCount);
            var campaignOfBrand = new int[ProductCatalog.Brands.Count];
            campaignOfBrand.AsSpan().Fill(-1);
            var count = random.Poisson(options.PostsPerInfluencer * random.Uniform(0.5, 1.5));
            for (var n = 0; n < count; n++)
            {
                var offBrand = random.Chance(OffBrandShare);
                for (var p = 0; p < productOdds.Length; p++)
                {
                    var product = ProductCatalog.Products[p];
                    productOdds[p] = (product.Brand == influencer.HomeBrand) != offBrand ? product.OrganicShare : 0;
                }

                var productIndex = random.Weighted(productOdds);
                var brandIndex = BrandIndex(ProductCatalog.Products[productIndex].Brand);
                if (campaignOfBrand[brandIndex] < 0)
                {
                    campaignOfBrand[brandIndex] = CampaignIndex(brandIndex, random);
                }

                var post = Draft(influencer, i, tier, random.Next(options.Days), productIndex, campaignOfBrand[brandIndex], links, random);
                drafts.Add((post.Day, i, drafts.Count, post));
            }
        }

        drafts.Sort((a, b) => a.Day != b.Day ? a.Day.CompareTo(b.Day)
            : a.Influencer != b.Influencer ? a.Influencer.CompareTo(b.Influencer)
            : a.Sequence.CompareTo(b.Sequence));

        // Audience saturation: each further post of an influencer in the period reaches people who saw the earlier
        // ones, so it pulls DemandModel.AudienceSaturation times as much as the post before it (in date order).
        var earlier = new int[roster.Count];
        var saturated = new double[drafts.Count];
        var meanPull = 0.0;
        for (var i = 0; i < drafts.Count; i++)
        {
            var post = drafts[i].Post;
            saturated[i] = post.Pull * Math.Pow(DemandModel.AudienceSaturation, earlier[post.Influencer]++);
            meanPull += saturated[i] / drafts.Count;
        }

        var posts = new SimulatedPost[drafts.Count];
        for (var i = 0; i < posts.Length; i++)
        {
            posts[i] = drafts[i].Post with { Id = $"P{i + 1:D4}", Pull = saturated[i] / meanPull };
        }

        return posts;
    }

    public static long Write(string path, SimulationOptions options, IReadOnlyList<SimulatedInfluencer> roster, IReadOnlyList<SimulatedPost> posts)
    {
        using var csv = new CsvRowWriter(path, Header);
        foreach (var post in posts)
        {
            var influencer = roster[post.Influencer];
            csv.Text(post.Id)
                .Text(influencer.Id)
                .Text(influencer.Platform.ToString())
                .Date(options.StartDate.AddDays(post.Day))
                .Text(post.Url)
                .Text(post.Caption)
                .Integer(post.Reach)
                .Integer(post.Likes)
                .Integer(post.Comments)
                .Text(Campaigns[post.Campaign].Name)
                .Text(ProductCatalog.Products[post.Product].Name)
                .EndRow();
        }

        return csv.Rows;
    }

    private static SimulatedPost Draft(
        SimulatedInfluencer influencer, int influencerIndex, int tier, int day, int productIndex, int campaign, PostLink links, Random random)
    {
        var (reachLow, reachHigh, likeLow, likeHigh, commentLow, commentHigh) = influencer.Platform switch
        {
            SocialPlatform.Instagram => (0.08, 0.35, 0.03, 0.10, 0.02, 0.06),
            SocialPlatform.YouTube => (0.10, 0.40, 0.02, 0.06, 0.03, 0.10),
            SocialPlatform.Twitter => (0.05, 0.20, 0.005, 0.03, 0.05, 0.15),
            _ => (0.12, 0.40, 0.05, 0.15, 0.01, 0.05),
        };

        // Bigger accounts reach a smaller share of their followers; reach stays within 5-40 % of followers.
        var reachShare = Math.Clamp(random.Uniform(reachLow, reachHigh) * (1 - 0.08 * tier), 0.05, 0.40);
        var reach = Math.Max(1, (long)Math.Round(influencer.FollowerCount * reachShare));
        var likeRate = random.Uniform(likeLow, likeHigh) * (1 - 0.12 * tier);
        var likes = (long)Math.Round(reach * likeRate);
        var comments = (long)Math.Round(likes * random.Uniform(commentLow, commentHigh));
        var engagement = likeRate / ((likeLow + likeHigh) / 2);
        var pull = Math.Pow(reach, 0.55) * Math.Sqrt(engagement) * (0.5 + influencer.BrandFit);

        var product = ProductCatalog.Products[productIndex];
        var code = influencer.Handle[..influencer.Handle.IndexOf('_')].ToUpperInvariant() + "10";
        var caption = random.Pick(CaptionTemplates)
            .Replace("{product}", product.Name, StringComparison.Ordinal)
            .Replace("{brand}", product.Brand.Name, StringComparison.Ordinal)
            .Replace("{code}", code, StringComparison.Ordinal);

        return new SimulatedPost(
            "", influencerIndex, day, links.Next(influencer.Platform, influencer.Handle), caption, reach, likes, comments, campaign, productIndex, pull);
    }

    private static int CampaignIndex(int brandIndex, Random random)
    {
        var first = 0;
        for (var b = 0; b < brandIndex; b++)
        {
            first += ProductCatalog.Brands[b].Campaigns.Count;
        }

        return first + random.Next(ProductCatalog.Brands[brandIndex].Campaigns.Count);
    }

    private static int BrandIndex(Brand brand)
    {
        for (var b = 0; b < ProductCatalog.Brands.Count; b++)
        {
            if (ProductCatalog.Brands[b] == brand)
            {
                return b;
            }
        }

        throw new ArgumentException($"{brand.Name} is not in the catalogue.", nameof(brand));
    }

    private static int TierIndex(long followers)
    {
        for (var t = FollowerTier.All.Count - 1; t > 0; t--)
        {
            if (followers >= FollowerTier.All[t].MinFollowers)
            {
                return t;
            }
        }

        return 0;
    }
}
