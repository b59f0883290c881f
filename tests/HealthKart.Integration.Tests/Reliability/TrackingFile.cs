using System.Text;

namespace HealthKart.Integration.Tests.Reliability;

/// <summary>
/// A generated tracking file and its totals, summed here as the rows are written (not by the app): every row is one
/// influencer order of (<c>baseRupees</c> + row mod 50) rupees, so a version's figures are known before ingestion.
/// </summary>
internal sealed record TrackingFile(byte[] Content, int Rows, long Orders, long RevenuePaise)
{
    public decimal Revenue => RevenuePaise / 100m;

    public static TrackingFile Generate(int rows, int baseRupees, string campaign = "MB-Load", int month = 7)
    {
        var csv = new StringBuilder("source,campaign,influencer_id,user_id,product,date,orders,revenue\n");
        long revenuePaise = 0;
        for (var i = 0; i < rows; i++)
        {
            var rupees = baseRupees + i % 50;
            revenuePaise += rupees * 100L;
            csv.Append(
                $"instagram,{campaign},INF{i % 5:D3},U{i:D6},MuscleBlaze " +
                $"Creatine,2025-{month:D2}-{1 + i % 28:D2},1,{rupees}\n");
        }

        return new TrackingFile(Encoding.UTF8.GetBytes(csv.ToString()), rows, rows, revenuePaise);
    }
}
