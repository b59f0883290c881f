using System.Runtime.CompilerServices;

namespace HealthKart.Core.Facts;

/// <summary>
/// Room in a column that grows as a source is read: doubled when full, starting on the large-object heap (which the
/// collector does not copy) so that a million rows' worth of small arrays is never promoted from generation to
/// generation. The column may end longer than what it holds; its owner keeps the count.
/// </summary>
internal static class GrowingColumn
{
    /// <summary>Over the 85,000 bytes from which an array lives on the large-object heap.</summary>
    private const int FirstBytes = 1 << 17;

    /// <summary>Makes <paramref name="column"/> hold at least <paramref name="length"/> items, keeping the first
    /// <paramref name="used"/>.</summary>
    public static void EnsureRoom<T>(ref T[] column, int used, int length)
        where T : unmanaged
    {
        if (length <= column.Length)
        {
            return;
        }

        var doubled = Math.Max(FirstBytes / Unsafe.SizeOf<T>(), 2L * column.Length);
        var grown = GC.AllocateUninitializedArray<T>((int)Math.Min(Math.Max(length, doubled), Array.MaxLength));
        column.AsSpan(0, used).CopyTo(grown);
        column = grown;
    }
}
