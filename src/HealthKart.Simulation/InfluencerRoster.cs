namespace HealthKart.Simulation;

/// <summary>Recruits the simulated influencers and writes <c>influencers.csv</c>.</summary>
internal static class InfluencerRoster
{
    public const string FileName = "influencers.csv";
    public const string Header = "ID,name,category,gender,follower_count,platform,brand_fit";

    private static readonly string[] MaleNames =
    [
        "Arjun", "Rohan", "Vikram", "Karan", "Aditya", "Rahul", "Siddharth", "Aman", "Varun", "Nikhil",
        "Yash", "Kabir", "Ishaan", "Manish", "Pranav", "Harsh", "Gaurav", "Ankit", "Sahil", "Dev",
    ];

    private static readonly string[] FemaleNames =
    [
        "Priya", "Ananya", "Sneha", "Kavya", "Riya", "Pooja", "Neha", "Aditi", "Ishita", "Meera",
        "Tanvi", "Shruti", "Nandini", "Diya", "Aisha", "Sanya", "Kritika", "Pallavi", "Radhika", "Simran",
    ];

    private static readonly string[] NeutralNames = ["Sam", "Jas", "Noor", "Kiran", "Ashu", "Rumi"];

    private static readonly string[] Surnames =
    [
        "Sharma", "Verma", "Iyer", "Reddy", "Nair", "Singh", "Kapoor", "Mehta", "Gupta", "Joshi",
        "Bose", "Das", "Patel", "Shah", "Malhotra", "Chopra", "Menon", "Pillai", "Rao", "Kulkarni",
        "Banerjee", "Chatterjee", "Saxena", "Agarwal", "Bhat", "Sethi", "Gill", "Sandhu", "Khanna", "Desai",
    ];

    /// <summary>Category, its share of the roster, the chance a creator in it is a woman, and a handle suffix.</summary>
    private static readonly (string Name, double Share, double Female, string Suffix)[] Categories =
    [
        ("Fitness", 0.25, 0.40, "fit"),
        ("Bodybuilding", 0.15, 0.20, "lifts"),
        ("Nutrition", 0.15, 0.55, "eats"),
        ("Health", 0.15, 0.50, "wellness"),
        ("Yoga", 0.10, 0.70, "yoga"),
        ("Lifestyle", 0.20, 0.60, "life"),
    ];

    /// <summary>Per category, the chance the home brand is MuscleBlaze, HKVitals or Gritzo (catalogue order).</summary>
    private static readonly double[][] HomeBrandOdds =
    [
        [0.65, 0.25, 0.10],
        [0.85, 0.10, 0.05],
        [0.30, 0.50, 0.20],
        [0.20, 0.60, 0.20],
        [0.10, 0.70, 0.20],
        [0.25, 0.35, 0.40],
    ];

    private static readonly double[] PlatformShares = [0.50, 0.25, 0.12, 0.13];

    private const double OtherGenderShare = 0.04;

    public static SimulatedInfluencer[] Recruit(SimulationOptions options, Random random)
    {
        var tiers = TierQuota(options.Influencers, random);
        var categoryShares = Categories.Select(c => c.Share).ToArray();
        var takenNames = new HashSet<string>(StringComparer.Ordinal);
        var roster = new SimulatedInfluencer[options.Influencers];
        for (var i = 0; i < roster.Length; i++)
        {
            var category = random.Weighted(categoryShares);
            var gender = random.Chance(OtherGenderShare) ? "Other" : random.Chance(Categories[category].Female) ? "Female" : "Male";
            var (first, last) = UniqueName(gender, random, takenNames);
            var tier = tiers[i];
            var followers = (long)Math.Round(random.LogUniform(tier.MinFollowers, tier.MaxFollowers + 1));
            var platform = (SocialPlatform)random.Weighted(PlatformShares);
            var brandFit = Math.Round(Math.Clamp(0.62 + 0.16 * random.StandardNormal(), 0.10, 0.99), 2);
            var homeBrand = ProductCatalog.Brands[random.Weighted(HomeBrandOdds[category])];
            var handle = $"{first}_{last}_{Categories[category].Suffix}".ToLowerInvariant();
            roster[i] = new SimulatedInfluencer(
                $"INF{i + 1:D3}", $"{first} {last}", Categories[category].Name, gender, followers, platform, brandFit, homeBrand, handle);
        }

        return roster;
    }

    public static long Write(string path, IReadOnlyList<SimulatedInfluencer> roster)
    {
        using var csv = new CsvRowWriter(path, Header);
        foreach (var influencer in roster)
        {
            csv.Text(influencer.Id)
                .Text(influencer.Name)
                .Text(influencer.Category)
                .Text(influencer.Gender)
                .Integer(influencer.FollowerCount)
                .Text(influencer.Platform.ToString())
                .Decimal(influencer.BrandFit, "0.00")
                .EndRow();
        }

        return csv.Rows;
    }

    /// <summary>Each tier gets its share of the roster (at least one seat once the roster has four), in shuffled order.</summary>
    private static FollowerTier[] TierQuota(int count, Random random)
    {
        var seats = new List<FollowerTier>(count);
        for (var t = FollowerTier.All.Count - 1; t > 0; t--)
        {
            var tier = FollowerTier.All[t];
            var quota = Math.Max(count >= FollowerTier.All.Count ? 1 : 0, (int)Math.Round(count * tier.RosterShare));
            for (var i = 0; i < quota && seats.Count < count; i++)
            {
                seats.Add(tier);
            }
        }

        while (seats.Count < count)
        {
            seats.Add(FollowerTier.All[0]);
        }

        var shuffled = seats.ToArray();
        random.Shuffle(shuffled);
        return shuffled;
    }

    private static (string First, string Last) UniqueName(string gender, Random random, HashSet<string> taken)
    {
        var firstNames = gender switch
        {
            "Female" => FemaleNames,
            "Male" => MaleNames,
            _ => NeutralNames,
        };

        (string First, string Last) name = default;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            name = (random.Pick(firstNames), random.Pick(Surnames));
            if (taken.Add($"{name.First} {name.Last}"))
            {
                break;
            }
        }

        return name;
    }
}
