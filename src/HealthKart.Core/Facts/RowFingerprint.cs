using System.Buffers;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HealthKart.Core.DataContract;

namespace HealthKart.Core.Facts;

/// <summary>
/// A stable 64-bit fingerprint (XXH3) of a tracking row's content, not its position, so identical rows in two files
/// fingerprint alike on any machine and run. <see cref="HashCode"/> is randomised per process; this is not. The fields
/// are laid end to end with a unit separator (U+001F, not found in real text) and hashed once, as this runs for every
/// row. A crafted collision could only mislabel a data-quality warning, never change a figure.
/// </summary>
public static class RowFingerprint
{
    private const char Separator = '\u001f';
    private const int StackLimit = 512;

    [SkipLocalsInit] // the stack buffer is written before it is read: zeroing its 1 KB for every row is wasted work
    public static ulong Of(TrackingRow row)
    {
        var length = row.Source.Length + row.Campaign.Length + row.InfluencerId.Length + row.UserId.Length
            + row.Product.Length
            + row.Brand.Length + row.OrderId.Length + 7 + 4 * 4;
        char[]? rented = null;
        var buffer = length <= StackLimit
            ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(length));
        var at = 0;
        foreach (var text in (ReadOnlySpan<string>)[row.Source, row.Campaign, row.InfluencerId, row.UserId, row.Product,
            row.Brand, row.OrderId])
        {
            text.CopyTo(buffer[at..]);
            at += text.Length;
            buffer[at++] = Separator;
        }

        foreach (var number in (ReadOnlySpan<long>)[row.Date.DayNumber, row.Orders, row.RevenuePaise, (long)row.Status])
        {
            MemoryMarshal.Write(MemoryMarshal.AsBytes(buffer.Slice(at, 4)), number);
            at += 4;
        }

        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(buffer[..at]));
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return hash;
    }
}
