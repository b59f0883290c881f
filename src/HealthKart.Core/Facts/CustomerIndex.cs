using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace HealthKart.Core.Facts;

/// <summary>
/// Numbers the customers of one source in the order they first appear: an open-addressing table of 64-bit XXH3
/// fingerprints of the <c>user_id</c>, one 16-byte slot per entry, so a lookup costs one cache line. (A dictionary of
/// strings cost three random memory reads a row, and halved validation throughput at a million rows.) Two different
/// user IDs with the same fingerprint would count as one customer: about a 1 in 18 million chance (63 bits) for a file
/// of a million customers.
/// </summary>
/// <remarks>
/// Customers arrive in random order, so at a million rows (300,000 customers) the table is far larger than the cache
/// and a lookup waits on main memory and on the page tables. Hence <see cref="Load"/>, which starts loading a slot a
/// few rows before its lookup (<see cref="CustomerRowLog"/> does so); and the table grows when three quarters full
/// rather than half, so it spans half the pages (8 MB rather than 16 at 300,000 customers; a probe rarely leaves the
/// slot's cache line even so). Neither changes a number.
/// </remarks>
/// <param name="storedName">Turns a new customer's <c>user_id</c> into what may be stored (the keyed pseudonym); null
/// keeps the <c>user_id</c>.</param>
internal sealed class CustomerIndex(Func<string, string>? storedName)
{
    private Slot[] _slots = new Slot[1 << 12];

    private readonly CustomerNames.Builder _storedNames = new();

    public int Count { get; private set; }

    /// <summary>Each customer's stored name, by number.</summary>
    public CustomerNames StoredNames() => _storedNames.Build();

    /// <summary>The user's fingerprint, the key of <see cref="Load"/> and <see cref="NumberOf"/>.</summary>
    public static ulong Fingerprint(ReadOnlySpan<char> userId) =>
        XxHash3.HashToUInt64(MemoryMarshal.AsBytes(userId)) | 1; // 0 marks an empty slot

    /// <summary>Starts loading <paramref name="key"/>'s slot into the cache (a hint, if the CPU takes one).</summary>
    public void Load(ulong key)
    {
        if (Sse.IsSupported)
        {
            Prefetch(ref _slots[(int)key & (_slots.Length - 1)]);
        }
    }

    /// <summary>
    /// A prefetch never faults and never changes a value; if the table moves or grows before the lookup, the lookup
    /// just waits on memory as it would without it.
    /// </summary>
    private static unsafe void Prefetch(ref Slot slot) => Sse.Prefetch0(Unsafe.AsPointer(ref slot));

    /// <summary>
    /// The customer's number, given the <paramref name="key"/> <see cref="Fingerprint"/> returned; a new customer gets
    /// the next one, and its stored name is kept.
    /// </summary>
    public int NumberOf(ulong key, ReadOnlySpan<char> userId)
    {
        var mask = _slots.Length - 1;
        for (var i = (int)key & mask; ; i = (i + 1) & mask)
        {
            ref var slot = ref _slots[i];
            if (slot.Key == key)
            {
                return slot.Number;
            }

            if (slot.Key == 0)
            {
                slot = new Slot(key, Count);
                Remember(storedName is null ? userId : storedName(new string(userId)));
                if (++Count * 4 > _slots.Length * 3)
                {
                    Grow();
                }

                return Count - 1;
            }
        }
    }

    private void Remember(ReadOnlySpan<char> name) => name.CopyTo(_storedNames.Append(name.Length));

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Key != 0)
            {
                var i = (int)slot.Key & mask;
                while (_slots[i].Key != 0)
                {
                    i = (i + 1) & mask;
                }

                _slots[i] = slot;
            }
        }
    }

    private readonly record struct Slot(ulong Key, int Number);
}
