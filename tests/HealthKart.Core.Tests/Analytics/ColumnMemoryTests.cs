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
    public void WhereTheKernelGivesHugePagesOnRequestALargeColumnHasThem()
    {
        var policy = OperatingSystem.IsLinux() && File.Exists(ThpPolicy) ? File.ReadAllText(ThpPolicy) : "[never]";
        if (policy.Contains("[never]", StringComparison.Ordinal))
        {
            return; // No transparent huge pages on this machine, asked for or not: nothing here to observe.
        }

        var column = ColumnMemory.Allocate<int>(4 << 20); // 16 MiB
        Array.Fill(column, 7);

        Assert.True(HugeBytesAround(column) >= 2 << 20,
            "A 16 MiB column written whole should hold at least one 2 MiB huge page (AnonHugePages in smaps).");
    }

    private const string ThpPolicy = "/sys/kernel/mm/transparent_hugepage/enabled";

    /// <summary>The AnonHugePages of the mapping that holds the column's middle, from /proc/self/smaps.</summary>
    private static long HugeBytesAround(int[] column)
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
                else if (inside && line.StartsWith("AnonHugePages:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
                        CultureInfo.InvariantCulture) * 1024;
                }
            }

            return 0;
        }
        finally
        {
            handle.Free();
        }
    }
}
