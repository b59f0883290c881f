namespace HealthKart.Simulation;

/// <summary>The simulated HealthKart catalogue: three brands, twelve products, INR list prices.</summary>
public static class ProductCatalog
{
    public static Brand MuscleBlaze { get; } = new("MuscleBlaze", ["MB-Summer-Shred", "MB-Monsoon-Gains", "MB-Beast-Mode"]);

    public static Brand HKVitals { get; } = new("HKVitals", ["HKV-Immunity-Boost", "HKV-Daily-Wellness"]);

    public static Brand Gritzo { get; } = new("Gritzo", ["Gritzo-Back-To-School", "Gritzo-Grow-Strong"]);

    public static IReadOnlyList<Brand> Brands { get; } = [MuscleBlaze, HKVitals, Gritzo];

    public static IReadOnlyList<Product> Products { get; } =
    [
        new("MuscleBlaze Biozyme Performance Whey Protein 1kg", MuscleBlaze, 2_899m, 0.16),
        new("MuscleBlaze Raw Whey Protein 1kg", MuscleBlaze, 1_899m, 0.12),
        new("MuscleBlaze Super Gainer XXL 1kg", MuscleBlaze, 1_049m, 0.08),
        new("MuscleBlaze Creatine Monohydrate 250g", MuscleBlaze, 699m, 0.10),
        new("MuscleBlaze Protein Bar Pack of 6", MuscleBlaze, 540m, 0.07),
        new("HKVitals Multivitamin 60 Tablets", HKVitals, 599m, 0.12),
        new("HKVitals Fish Oil 1000mg 60 Capsules", HKVitals, 649m, 0.08),
        new("HKVitals Biotin 10000mcg 90 Tablets", HKVitals, 499m, 0.06),
        new("HKVitals Skin Radiance Collagen 200g", HKVitals, 1_299m, 0.05),
        new("Gritzo SuperMilk Kids 400g", Gritzo, 749m, 0.07),
        new("Gritzo SuperMilk Height+ Teens 400g", Gritzo, 849m, 0.05),
        new("Gritzo SuperMilk Weight+ 400g", Gritzo, 799m, 0.04),
    ];
}
