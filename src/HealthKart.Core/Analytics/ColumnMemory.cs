using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HealthKart.Core.Analytics;

/// <summary>
/// The arrays a snapshot's columns live in (docs/snapshot.md#huge-pages-for-the-columns). A cold instance fills about
/// 190 MB of them at 10M tracking rows, and on Linux each fresh 4 KiB page faults the first time it is written: 43,000
/// faults, a third of decoding the snapshot blob in a new process on a virtual machine. Where the kernel gives
/// transparent huge pages to memory that asks for them (<c>madvise</c>, the common default), each large column asks,
/// and arrives 2 MiB at a time. Elsewhere, or when the kernel declines, the column is the same zeroed array on ordinary
/// pages: the advice is a hint, never a requirement.
/// </summary>
internal static partial class ColumnMemory
{
    private const int HugePage = 2 << 20;
    private const int SmallestAdvised = 1 << 20;
    private const int AdviseHugePages = 14; // MADV_HUGEPAGE, linux/mman.h

    private static bool _canAdvise = OperatingSystem.IsLinux();

    /// <summary>A zeroed array of <paramref name="length"/> values, on huge pages where the kernel has them.</summary>
    public static T[] Allocate<T>(int length) where T : unmanaged
    {
        var array = new T[length];
        if (_canAdvise && (long)length * Unsafe.SizeOf<T>() >= SmallestAdvised)
        {
            try
            {
                AdviseHugePagesOver(array);
            }
            catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
            {
                _canAdvise = false; // A C library without madvise: ordinary pages from now on.
            }
        }

        return array;
    }

    /// <summary>
    /// Advises the 2 MiB blocks the array touches, its ends' blocks included: a huge page must lie whole inside the
    /// advised range, and columns rarely start on a 2 MiB boundary, so advising only the blocks inside an array left
    /// half of a load's pages small (23,000 faults a 10M decode against 12,600). The ends' blocks belong to the large
    /// object heap around the array, where the other columns being allocated are; the resident memory after a load was
    /// the same both ways (254 MB). The result of the call is not checked, as a declined hint changes nothing but
    /// speed.
    /// </summary>
    private static unsafe void AdviseHugePagesOver<T>(T[] array) where T : unmanaged
    {
        fixed (T* first = array)
        {
            var start = (nint)first & ~(nint)(HugePage - 1);
            var end = ((nint)(first + array.Length) + HugePage - 1) & ~(nint)(HugePage - 1);
            _ = Advise(start, (nuint)(end - start), AdviseHugePages);
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Advise(nint address, nuint length, int advice);
}
