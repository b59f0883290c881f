using HealthKart.Core.Csv;

namespace HealthKart.Core.Facts;

/// <summary>
/// A stable 64-bit FNV-1a fingerprint of a tracking row's content (not its position), so identical rows in two
/// files fingerprint alike on any machine and run. <see cref="HashCode"/> is randomised per process; this is not.
/// </summary>
public static class RowFingerprint
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(TrackingRow row)
    {
        var hash = Offset;
        hash = Mix(hash, row.Source);
        hash = Mix(hash, row.Campaign);
        hash = Mix(hash, row.InfluencerId);
        hash = Mix(hash, row.UserId);
        hash = Mix(hash, row.Product);
        hash = Mix(hash, row.Brand);
        hash = Mix(hash, row.OrderId);
        hash = Mix(hash, (ulong)row.Date.DayNumber);
        hash = Mix(hash, (ulong)row.Orders);
        hash = Mix(hash, (ulong)row.RevenuePaise);
        return Mix(hash, (ulong)row.Status);
    }

    private static ulong Mix(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return (hash ^ 0x1F) * Prime;
    }

    private static ulong Mix(ulong hash, ulong value)
    {
        for (var i = 0; i < 8; i++, value >>= 8)
        {
            hash = (hash ^ (value & 0xFF)) * Prime;
        }

        return hash;
    }
}
