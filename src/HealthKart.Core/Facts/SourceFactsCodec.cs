using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using HealthKart.Core.DataContract;

namespace HealthKart.Core.Facts;

/// <summary>
/// The binary form of <see cref="SourceFacts"/>: a string table (each dimension value stored once) followed by the
/// facts as integers, deflated. A month of tracking data becomes a few hundred kilobytes that load in milliseconds.
/// </summary>
public static class SourceFactsCodec
{
    /// <summary>2 added the customer rows; format 1 (written before them) still reads, with none.</summary>
    private const int FormatVersion = 2;

    public static byte[] Encode(SourceFacts facts)
    {
        var strings = new StringTable();
        using var body = new MemoryStream(CapacityFor(facts));
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            WriteBody(writer, facts, strings);
        }

        using var packed = new MemoryStream((int)body.Length / 2);
        using (var zip = new ZLibStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(zip))
        {
            writer.Write(FormatVersion);
            writer.Write((byte)facts.Dataset);
            writer.Write(strings.Values.Count);
            foreach (var value in strings.Values)
            {
                writer.Write(value);
            }

            writer.Write(body.GetBuffer(), 0, (int)body.Length);
        }

        return packed.ToArray();
    }

    /// <summary>
    /// Room for the body at once, from what an entry usually takes (a pseudonym is 27 bytes, a customer row 8-12):
    /// grown by doubling, a million-row source's 18 MB body was copied five times over (every copy a new array on the
    /// large-object heap), which took as long as writing it. A body larger than the guess still grows.
    /// </summary>
    private static int CapacityFor(SourceFacts facts)
    {
        const int FactBytes = 48, CustomerRowBytes = 12, NameBytes = 32;
        var bytes = 4096L + FactBytes * ((long)facts.Influencers.Count + facts.Sales.Count + facts.Posts.Count +
            facts.Payouts.Count + facts.TrackingDays.Count) + CustomerRowBytes * (long)facts.Customers.Count +
            NameBytes * (long)facts.Customers.Customers.Count;
        return (int)Math.Min(bytes, Array.MaxLength);
    }

    private static void WriteBody(BinaryWriter w, SourceFacts facts, StringTable s)
    {
        w.Write(facts.Influencers.Count);
        foreach (var i in facts.Influencers)
        {
            w.Write(i.Row); w.Write(s[i.Id]); w.Write(s[i.Name]); w.Write(s[i.Category]); w.Write(s[i.Gender]);
            w.Write(i.FollowerCount); w.Write(s[i.Platform]); w.Write(s[i.BrandFit]);
        }

        w.Write(facts.Sales.Count);
        foreach (var f in facts.Sales)
        {
            w.Write(f.Date.DayNumber); w.Write(s[f.InfluencerId]); w.Write(s[f.Campaign]); w.Write(s[f.Product]);
            w.Write(s[f.Brand]); w.Write(s[f.Source]); w.Write(f.Organic); w.Write(f.Orders); w.Write(
                f.RevenuePaise); w.Write(f.Rows);
        }

        w.Write(facts.Posts.Count);
        foreach (var p in facts.Posts)
        {
            w.Write(p.Date.DayNumber); w.Write(s[p.InfluencerId]); w.Write(s[p.Platform]); w.Write(s[p.Campaign]);
            w.Write(s[p.Product]); w.Write(p.Posts); w.Write(p.Reach); w.Write(p.Likes); w.Write(p.Comments);
        }

        w.Write(facts.Payouts.Count);
        foreach (var p in facts.Payouts)
        {
            w.Write(p.Row); w.Write(s[p.InfluencerId]); w.Write((byte)p.Basis); w.Write(p.RatePaise); w.Write(p.Orders);
            w.Write(p.TotalPayoutPaise); w.Write(p.Date?.DayNumber ?? -1); w.Write(s[p.Campaign]);
        }

        w.Write(facts.TrackingDays.Count);
        foreach (var d in facts.TrackingDays)
        {
            w.Write(d.Date.DayNumber); w.Write(d.Rows); w.Write(d.Digest);
        }

        WriteCustomers(w, facts.Customers);
    }

    /// <summary>
    /// The names as <see cref="BinaryWriter.Write(string)"/> writes strings (the UTF-8 length, 7-bit encoded, then the
    /// bytes), and each row as four 7-bit encoded integers, the bytes <see cref="BinaryWriter.Write7BitEncodedInt"/>
    /// and <see cref="BinaryWriter.Write7BitEncodedInt64"/> write: encoded into a buffer rather than a byte at a time
    /// through the writer.
    /// </summary>
    private static void WriteCustomers(BinaryWriter w, CustomerRows c)
    {
        const int LongestRow = 3 * 5 + 10;
        var buffer = new byte[1 << 16];
        var used = 0;
        void MakeRoom(int bytes)
        {
            if (buffer.Length - used < bytes)
            {
                w.Write(buffer, 0, used);
                used = 0;
                buffer = buffer.Length < bytes ? new byte[bytes] : buffer;
            }
        }

        used = PutInt32(buffer, used, c.Customers.Count);
        for (var i = 0; i < c.Customers.Count; i++)
        {
            var name = c.Customers[i];
            MakeRoom(5 + Encoding.UTF8.GetMaxByteCount(name.Length));
            used = Put(buffer, used, (uint)Encoding.UTF8.GetByteCount(name));
            used += Encoding.UTF8.GetBytes(name, buffer.AsSpan(used));
        }

        MakeRoom(4);
        used = PutInt32(buffer, used, c.Count);
        var customer = c.Customer;
        var sale = c.Sale;
        var orders = c.Orders;
        var revenue = c.RevenuePaise;
        for (var i = 0; i < customer.Length; i++)
        {
            MakeRoom(LongestRow);
            used = Put(buffer, used, (uint)customer[i]);
            used = Put(buffer, used, (uint)sale[i]);
            used = Put(buffer, used, (uint)orders[i]);
            used = Put(buffer, used, (ulong)revenue[i]);
        }

        w.Write(buffer, 0, used);
    }

    private static int PutInt32(byte[] buffer, int at, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at), value);
        return at + 4;
    }

    private static int Put(byte[] buffer, int at, ulong value)
    {
        while (value >= 0x80)
        {
            buffer[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[at++] = (byte)value;
        return at;
    }

    public static SourceFacts Decode(Stream packed)
    {
        using var zip = new ZLibStream(packed, CompressionMode.Decompress);
        using var r = new BinaryReader(new BufferedStream(zip, 1 << 16));
        var version = r.ReadInt32();
        if (version is not (1 or FormatVersion))
        {
            throw new InvalidDataException($"Facts format {version} is not supported; re-ingest the source.");
        }

        var dataset = (Dataset)r.ReadByte();
        var strings = new string[r.ReadInt32()];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = r.ReadString();
        }

        string S() => strings[r.ReadInt32()];
        DateOnly D() => DateOnly.FromDayNumber(r.ReadInt32());

        var influencers = ReadList(r, () => new InfluencerRow(r.ReadInt64(), S(), S(), S(), S(), r.ReadInt64(), S(),
            S()));
        var sales = ReadList(r, () => new SalesFact(D(), S(), S(), S(), S(), S(), r.ReadBoolean(), r.ReadInt64(),
            r.ReadInt64(), r.ReadInt32()));
        var posts = ReadList(r, () => new PostFact(D(), S(), S(), S(), S(), r.ReadInt32(), r.ReadInt64(), r.ReadInt64(),
            r.ReadInt64()));
        var payouts = ReadList(r, () => new PayoutRow(
            r.ReadInt64(), S(), (PayoutBasis)r.ReadByte(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(),
            r.ReadInt32() is var day && day >= 0 ? DateOnly.FromDayNumber(day) : null, S()));
        var days = ReadList(r, () => new TrackingDayDigest(D(), r.ReadInt32(), r.ReadUInt64()));
        return new SourceFacts(dataset, influencers, sales, posts, payouts, days)
        {
            Customers = version == 1
            ? CustomerRows.None : ReadCustomers(r)
        };
    }

    /// <summary>
    /// A stored name is a pseudonym or a <c>user_id</c>, at most a text value's chars, each at most 3 bytes in UTF-8: a
    /// longer length read back is damage, not a name to allocate room for.
    /// </summary>
    private const int MaxNameBytes = 3 * Validation.DatasetCsvReader.MaxFieldLength;

    private static CustomerRows ReadCustomers(BinaryReader r)
    {
        var names = new CustomerNames.Builder();
        var bytes = new byte[256];
        for (var i = r.ReadInt32(); i > 0; i--)
        {
            var length = r.Read7BitEncodedInt();
            if ((uint)length > MaxNameBytes)
            {
                throw new InvalidDataException($"A customer name of {length} bytes: the stored facts are damaged.");
            }

            if (bytes.Length < length)
            {
                bytes = new byte[length];
            }

            var name = bytes.AsSpan(0, length);
            for (var read = 0; read < length;)
            {
                var got = r.Read(name[read..]);
                read += got > 0 ? got : throw new EndOfStreamException();
            }

            Encoding.UTF8.GetChars(name, names.Append(Encoding.UTF8.GetCharCount(name)));
        }

        var count = r.ReadInt32();
        var (customer, sale, orders, revenue) = (new int[count], new int[count], new int[count], new long[count]);
        for (var i = 0; i < count; i++)
        {
            (customer[i], sale[i], orders[i], revenue[i]) = (r.Read7BitEncodedInt(), r.Read7BitEncodedInt(),
                r.Read7BitEncodedInt(), r.Read7BitEncodedInt64());
        }

        return count == 0 ? CustomerRows.None
            : new CustomerRows(names.Build(), customer, sale, orders, revenue, count);
    }

    private static List<T> ReadList<T>(BinaryReader reader, Func<T> read)
    {
        var list = new List<T>(reader.ReadInt32());
        for (var i = 0; i < list.Capacity; i++)
        {
            list.Add(read());
        }

        return list;
    }

    private sealed class StringTable
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

        public List<string> Values { get; } = [];

        public int this[string value]
        {
            get
            {
                if (!_ids.TryGetValue(value, out var id))
                {
                    id = Values.Count;
                    _ids.Add(value, id);
                    Values.Add(value);
                }

                return id;
            }
        }
    }
}
