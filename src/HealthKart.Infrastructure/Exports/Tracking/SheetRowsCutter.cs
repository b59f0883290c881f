using System.Text;

namespace HealthKart.Infrastructure.Exports.Tracking;

/// <summary>
/// Keeps only the rows of a worksheet document as it streams through: drops everything up to and including
/// <c>&lt;x:sheetData&gt;</c>, and at <see cref="Complete"/> everything from <c>&lt;/x:sheetData&gt;</c> on. What
/// remains is a run of <c>&lt;x:row&gt;</c> elements (without row numbers, so they fit anywhere) that the export
/// splices between the header and the end of its own sheet, whose root declares the same <c>x</c> prefix. This is how
/// <see cref="DocumentFormat.OpenXml.OpenXmlWriter"/>, which only writes whole documents, renders a fragment.
/// </summary>
internal sealed class SheetRowsCutter(Stream inner) : Stream
{
    private const int HeldBack = 256;

    private static readonly byte[] Start = Encoding.ASCII.GetBytes("<x:sheetData>");
    private static readonly byte[] End = Encoding.ASCII.GetBytes("</x:sheetData>");

    private readonly List<byte> _head = [];
    private readonly byte[] _tail = new byte[HeldBack * 2];
    private bool _started;
    private int _held;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position
    {
        get => throw new NotSupportedException(); set =>
        throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!_started)
        {
            _head.AddRange(buffer);
            var head = _head.ToArray().AsSpan();
            var at = head.IndexOf(Start);
            if (at < 0)
            {
                if (_head.Count > 64 * 1024)
                {
                    throw new InvalidDataException("The worksheet has no <x:sheetData> start tag in its first 64 KiB.");
                }

                return;
            }

            _started = true;
            _head.Clear();
            buffer = head[(at + Start.Length)..].ToArray();
        }

        // Everything but the last HeldBack bytes is rows; the end tags are somewhere in what is held back.
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, _tail.Length - _held);
            buffer[..take].CopyTo(_tail.AsSpan(_held));
            _held += take;
            buffer = buffer[take..];
            if (_held == _tail.Length)
            {
                inner.Write(_tail, 0, _held - HeldBack);
                Buffer.BlockCopy(_tail, _held - HeldBack, _tail, 0, HeldBack);
                _held = HeldBack;
            }
        }
    }

    /// <summary>
    /// Writes the rows still held back, without the end of the document. A sheet without rows writes nothing.
    /// </summary>
    public void Complete()
    {
        if (!_started)
        {
            return;
        }

        var held = _tail.AsSpan(0, _held);
        var end = held.LastIndexOf(End);
        if (end < 0)
        {
            throw new InvalidDataException("The worksheet does not end with </x:sheetData>.");
        }

        inner.Write(held[..end]);
        inner.Flush();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
