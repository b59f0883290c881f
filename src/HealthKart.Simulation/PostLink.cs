namespace HealthKart.Simulation;

/// <summary>Realistic, unique permalinks per platform.</summary>
internal sealed class PostLink(Random random)
{
    private const string ShortcodeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private readonly HashSet<string> _issued = new(StringComparer.Ordinal);

    public string Next(SocialPlatform platform, string handle)
    {
        while (true)
        {
            var url = platform switch
            {
                SocialPlatform.Instagram => $"https://www.instagram.com/p/{Shortcode()}/",
                SocialPlatform.YouTube => $"https://www.youtube.com/watch?v={Shortcode()}",
                SocialPlatform.Twitter => $"https://x.com/{handle}/status/{StatusId()}",
                _ => $"https://www.tiktok.com/@{handle}/video/{StatusId()}",
            };

            if (_issued.Add(url))
            {
                return url;
            }
        }
    }

    private string Shortcode() => string.Create(11, random, static (span, rng) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = ShortcodeAlphabet[rng.Next(ShortcodeAlphabet.Length)];
        }
    });

    /// <summary>A 19-digit snowflake-like ID, as X and TikTok use.</summary>
    private long StatusId() => random.NextInt64(1_600_000_000_000_000_000, 7_400_000_000_000_000_000);
}
