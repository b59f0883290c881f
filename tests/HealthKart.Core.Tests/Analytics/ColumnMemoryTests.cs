using System.Globalization;
using System.Runtime.InteropServices;
using HealthKart.Core.Analytics;

namespace HealthKart.Core.Tests.Analytics;

/// <summary>
/// A column asks the kernel for huge pages over the 2 MiB blocks it touches
/// (docs/snapshot.md#huge-pages-for-the-columns): it is still a zeroed array of its length, and the advice, which
/// reaches past the array's ends, changes no value around it.
/// </summary>
public sealed class ColumnMemoryTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData((1 << 18) - 1)] // just under the 1 MiB of ints that is advised
    [InlineData(1 << 18)]
    [InlineData(3_000_017)]
    public void AColumnIsAZeroedArrayOfItsLength(int length)
    {
        var column = ColumnMemory.Allocate<int>(length);

        Assert.Equal(length, column.Length);
        Assert.DoesNotContain(column, v => v != 0);
    }

    [Fact]
    public void TheAdviceChangesNoValueInTheMemoryAroundAColumn()
    {
        // Arrays allocated one after the other share the large object heap's 2 MiB blocks at their ends, and each
        // later column's advice covers the blocks of the one before it: every value written before stays.
        var columns = new List<long[]>();
        for (var k = 0; k < 12; k++)
        {
            var column = ColumnMemory.Allocate<long>(170_000 + 31_337 * k);
            for (var i = 0; i < column.Length; i++)
            {
                column[i] = (k * 1_000_003L) ^ i;
            }

            columns.Add(column);
        }

        foreach (var (column, k) in columns.Select((c, k) => (c, k)))
        {
            for (var i = 0; i < column.Length; i++)
            {
                Assert.Equal((k * 1_000_003L) ^ i, column[i]);
            }
        }
    }

    [Fact]
    public void WhereTheKernelHasHugePagesALargeColumnAsksForThem()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/sys/kernel/mm/transparent_hugepage/enabled"))
        {
            return; // A kernel without transparent huge pages: there is nothing to ask for, and nothing is asked.
        }

        // Whether the kernel then gives huge pages is its choice (free 2 MiB blocks, its defrag setting, and memory
        // this process already touched on small pages, which the large object heap reuses). What the column controls
        // is the asking: the kernel marks the advised range of the mapping "hg" (VM_HUGEPAGE) in /proc/self/smaps.
        var column = ColumnMemory.Allocate<int>(4 << 20); // 16 MiB

        Assert.Contains("hg", VmFlagsAround(column));
    }

    /// <summary>The VmFlags of the mapping that holds the column's middle, from /proc/self/smaps.</summary>
    private static string[] VmFlagsAround(int[] column)
    {
        var handle = GCHandle.Alloc(column, GCHandleType.Pinned);
        try
        {
            var middle = (ulong)(handle.AddrOfPinnedObject() + column.Length * sizeof(int) / 2);
            var inside = false;
            foreach (var line in File.ReadLines("/proc/self/smaps"))
            {
                var range = line.Split(' ')[0].Split('-');
                if (range.Length == 2 && ulong.TryParse(range[0], NumberStyles.HexNumber, null, out var start)
                    && ulong.TryParse(range[1], NumberStyles.HexNumber, null, out var end))
                {
                    inside = start <= middle && middle < end;
                }
                else if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal))
                {
                    return line["VmFlags:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                }
            }

            return [];
        }
        finally
        {
            handle.Free();
        }
    }
}
