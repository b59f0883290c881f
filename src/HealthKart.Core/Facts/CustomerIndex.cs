using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace HealthKart.Core.Facts;

/// <summary>
/// Numbers the customers of one source as its rows arrive: an open-addressing table of 64-bit XXH3 fingerprints of the
/// <c>user_id</c>, one 16-byte slot per entry, so a lookup costs one cache line. (A dictionary of strings cost three
/// random memory reads a row, and halved validation throughput at a million rows.) Two different user IDs with the
/// same fingerprint would count as one customer: about a 1 in 18 million chance (63 bits) for a file of a million
/// customers.
/// </summary>
/// <remarks>
/// Customers arrive in random order, so at a million rows (300,000 customers) the table is far larger than the cache
/// and every lookup waited on main memory and on the page tables: a fifth of validation's time. Hence two steps:
/// <see cref="Fingerprint"/> starts loading the slot, and <see cref="NumberOf"/>, called a row later (after a
/// microsecond of parsing), finds it there; and the table grows when three quarters full rather than half, so it spans
/// half the pages (8 MB rather than 16 at 300,000 customers; a probe rarely leaves the slot's cache line even so).
/// Numbers go by first appearance, so neither changes one.
/// </remarks>
internal sealed class CustomerIndex
{
    private Slot[] _slots = new Slot[1 << 12];

    /// <summary>
    /// Each customer's <c>user_id</c> in number order, as its length (two chars) and its chars: one string object
    /// per customer kept for the whole read was collector work for every one of them.
    /// </summary>
    private readonly ChunkedLog<char> _userIds = new();

    public int Count { get; private set; }

    /// <summary>Each customer's <c>user_id</c> as first seen, by number.</summary>
    public IEnumerable<string> UserIds()
    {
        foreach (var chunk in _userIds.Chunks())
        {
            for (var at = 0; at < chunk.Count;)
            {
                var length = chunk[at] << 16 | chunk[at + 1];
                yield return new string(chunk.Array!, chunk.Offset + at + 2, length);
                at += 2 + length;
            }
        }
    }

    /// <summary>
    /// The user's fingerprint; its slot starts loading into the cache (a hint, where the CPU takes one).
    /// </summary>
    public ulong Fingerprint(string userId)
    {
        var key = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(userId.AsSpan())) | 1; // 0 marks an empty slot
        if (Sse.IsSupported)
        {
            Prefetch(ref _slots[(int)key & (_slots.Length - 1)]);
        }

        return key;
    }

    /// <summary>
    /// A prefetch never faults and never changes a value; if the table moves or grows before the lookup, the lookup
    /// just waits on memory as it would without it.
    /// </summary>
    private static unsafe void Prefetch(ref Slot slot) => Sse.Prefetch0(Unsafe.AsPointer(ref slot));

    /// <summary>The customer's number, given the <paramref name="key"/> <see cref="Fingerprint"/> returned.</summary>
    public int NumberOf(ulong key, string userId)
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
                var room = _userIds.Append(2 + userId.Length);
                (room[0], room[1]) = ((char)(userId.Length >> 16), (char)userId.Length);
                userId.CopyTo(room[2..]);
                if (++Count * 4 > _slots.Length * 3)
                {
                    Grow();
                }

                return Count - 1;
            }
        }
    }

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
