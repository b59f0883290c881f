namespace HealthKart.Simulation;

/// <summary>The distributions the simulator draws from, all on a seeded <see cref="Random"/>.</summary>
internal static class RandomDraws
{
    /// <summary>
    /// An independent stream per simulation phase, so that one phase's draws never shift another's. The seed and phase
    /// go through a SplitMix64 finaliser first: <see cref="Random"/> streams from nearby seeds are correlated.
    /// </summary>
    public static Random For(int seed, SimulationPhase phase)
    {
        unchecked
        {
            var z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)phase * 0xD1B54A32D192ED03UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return new Random((int)(z >> 33));
        }
    }

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static double Uniform(this Random random, double low, double high) => low + (high - low) * random.NextDouble();

    public static double LogUniform(this Random random, double low, double high) =>
        Math.Exp(random.Uniform(Math.Log(low), Math.Log(high)));

    /// <summary>A standard normal draw (Box-Muller).</summary>
    public static double StandardNormal(this Random random)
    {
        var u = 1.0 - random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * random.NextDouble());
    }

    /// <summary>A Poisson draw: exact below a mean of 30, the normal approximation above.</summary>
    public static int Poisson(this Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean >= 30)
        {
            return (int)Math.Max(0, Math.Round(mean + Math.Sqrt(mean) * random.StandardNormal()));
        }

        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }

    /// <summary>An index drawn with probability proportional to its weight.</summary>
    public static int Weighted(this Random random, ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        var target = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
