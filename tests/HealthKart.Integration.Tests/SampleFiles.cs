namespace HealthKart.Integration.Tests;

/// <summary>
/// Small files with exactly the original's headers (and nothing else), and their hand-counted figures.
/// </summary>
internal static class SampleFiles
{
    public const string Influencers =
        "ID,name,category,gender,follower_count,platform\n" +
        "INF001,Aarav Fit,Fitness,Male,120000,Instagram\n" +
        "INF002,Diya Eats,Nutrition,Female,45000,YouTube\n" +
        "INF003,Kabir Lifts,Bodybuilding,Male,650000,Instagram\n";

    public const string Posts =
        "influencer_id,platform,date,URL,caption,reach,likes,comments\n" +
        "INF001,Instagram,2025-07-01,https://instagram.com/p/a1,\"Whey, the way I like it\",30000,2400,120\n" +
        "INF002,YouTube,2025-07-02,https://youtube.com/watch?v=b2,Multivitamin review,12000,900,80\n" +
        "INF003,Instagram,2025-07-03,https://instagram.com/p/c3,Biozyme day,200000,15000,700\n";

    /// <summary>Influencer revenue 2x2899 + 1x599 + 3x2899 = 5798 + 599 + 8697 = 15,094; organic 749.</summary>
    public const string Tracking =
        "source,campaign,influencer_id,user_id,product,date,orders,revenue\n" +
        "instagram,MB-Summer-Shred,INF001,U0001,MuscleBlaze Biozyme Whey Protein,2025-07-01,2,5798.00\n" +
        "youtube,HKV-Immunity,INF002,U0002,HKVitals Multivitamin,2025-07-02,1,599\n" +
        "instagram,MB-Summer-Shred,INF003,U0003,MuscleBlaze Biozyme Whey Protein,2025-07-04,3,8697\n" +
        "organic,,,U0004,Gritzo SuperMilk,2025-07-04,1,749\n";

    /// <summary>Spend 2 x 150 + 20000 = 20,300 rupees.</summary>
    public const string Payouts =
        "influencer_id,basis,rate,orders,total_payout\n" +
        "INF001,order,150,2,300\n" +
        "INF003,post,20000,0,20000\n";
}
