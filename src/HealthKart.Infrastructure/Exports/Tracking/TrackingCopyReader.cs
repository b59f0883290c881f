using System.Buffers;
using System.Text;
using HealthKart.Core;

namespace HealthKart.Infrastructure.Exports.Tracking;

/// <summary>
/// Splits an export-ready tracking copy (<see cref="TrackingCopyFormat"/>) into records and fields without decoding
/// anything it is not asked for: the raw bytes of a record can be passed through unchanged, and a field is turned into
/// text only when a filter or the XLSX writer needs it. One pooled buffer, grown only for a record longer than it
/// (bounded by <see cref="MaxRecordBytes"/>), so memory does not depend on the size of the copy.
/// </summary>
internal sealed class TrackingCopyReader(Stream stream, int bufferSize = 256 * 1024) : IDisposable
{
    /// <summary>
    /// Eleven fields of at most 32,000 characters (the upload limit), 3 bytes each, plus quotes: well under 2 MiB.
    /// </summary>
    public const int MaxRecordBytes = 2 * 1024 * 1024;

    private readonly Stream _stream = stream;
    private readonly int[] _fieldStart = new int[TrackingCopyFormat.ColumnCount];
    private readonly int[] _fieldEnd = new int[TrackingCopyFormat.ColumnCount];
    private readonly bool[] _fieldQuoted = new bool[TrackingCopyFormat.ColumnCount];
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    private int _start;
    private int _end;
    private int _recordEnd;
    private bool _eof;

    /// <summary>Data records read so far (the header is not one).</summary>
    public long Records { get; private set; }

    /// <summary>
    /// The current record as stored, CRLF included: what the CSV export writes when it keeps the row unchanged.
    /// </summary>
    public ReadOnlySpan<byte> Record => _buffer.AsSpan(_start, _recordEnd - _start);

    /// <summary>A field's bytes as stored (a quoted field keeps its quotes).</summary>
    public ReadOnlySpan<byte> Raw(int field) =>
        _buffer.AsSpan(_fieldStart[field], _fieldEnd[field] - _fieldStart[field]);

    /// <summary>The record before / after a field, for rewriting that one field.</summary>
    public ReadOnlySpan<byte> Before(int field) => _buffer.AsSpan(_start, _fieldStart[field] - _start);

    public ReadOnlySpan<byte> After(int field) => _buffer.AsSpan(_fieldEnd[field], _recordEnd - _fieldEnd[field]);

    public bool IsEmpty(int field) => _fieldEnd[field] == _fieldStart[field];

    /// <summary>A field's value: quotes removed and doubled quotes undone, UTF-8 decoded.</summary>
    public string Text(int field)
    {
        var raw = Raw(field);
        if (!_fieldQuoted[field])
        {
            return raw.Length == 0 ? "" : Encoding.UTF8.GetString(raw);
        }

        return Encoding.UTF8.GetString(raw[1..^1]).Replace("\"\"", "\"", StringComparison.Ordinal);
    }

    /// <summary>Reads the header and checks that the copy has the layout this code writes.</summary>
    public void ReadHeader()
    {
        if (!Read(header: true))
        {
            throw new InvalidDataException("The tracking copy is empty; it has no header.");
        }

        CheckHeader();
    }

    public async ValueTask ReadHeaderAsync(CancellationToken cancellationToken)
    {
        if (!await ReadAsync(header: true, cancellationToken))
        {
            throw new InvalidDataException("The tracking copy is empty; it has no header.");
        }

        CheckHeader();
    }

    public bool Read() => Read(header: false);

    public ValueTask<bool> ReadAsync(CancellationToken cancellationToken) =>
        ReadAsync(header: false, cancellationToken);

    /// <summary>
    /// Writes every byte after the current record unchanged: the rest of the copy, for a source kept whole.
    /// </summary>
    public async Task CopyRestAsync(Stream output, CancellationToken cancellationToken)
    {
        if (_end > _recordEnd)
        {
            await output.WriteAsync(_buffer.AsMemory(_recordEnd, _end - _recordEnd), cancellationToken);
        }

        _start = _recordEnd = _end;
        while (true)
        {
            var read = await _stream.ReadAsync(_buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            await output.WriteAsync(_buffer.AsMemory(0, read), cancellationToken);
        }

        _eof = true;
        _start = _recordEnd = _end = 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private bool Read(bool header)
    {
        while (true)
        {
            if (TryParse(header))
            {
                return true;
            }

            if (!Fill(_stream.Read(MakeRoom())))
            {
                return false;
            }
        }
    }

    private async ValueTask<bool> ReadAsync(bool header, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryParse(header))
            {
                return true;
            }

            var room = MakeRoom();
            if (!Fill(await _stream.ReadAsync(_buffer.AsMemory(_end, room.Length), cancellationToken)))
            {
                return false;
            }
        }
    }

    private void CheckHeader()
    {
        if (!Record.SequenceEqual(TrackingCopyFormat.HeaderLine))
        {
            throw new InvalidDataException(
                "The tracking copy's header is not the layout this version writes; it must be rebuilt.");
        }
    }

    /// <summary>
    /// Moves the unread bytes to the front (growing the buffer for a record longer than it) and returns the free space.
    /// </summary>
    private Span<byte> MakeRoom()
    {
        // Everything before the end of the last record handed out has been consumed.
        if (_recordEnd > 0)
        {
            Buffer.BlockCopy(_buffer, _recordEnd, _buffer, 0, _end - _recordEnd);
            _end -= _recordEnd;
            _start = _recordEnd = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxRecordBytes)
            {
                throw new InvalidDataException(
                    $"A tracking copy record is longer than {IndianText.Count(MaxRecordBytes)} bytes; the copy is " +
                    "corrupt.");
            }

            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        return _buffer.AsSpan(_end);
    }

    private bool Fill(int read)
    {
        if (read > 0)
        {
            _end += read;
            return true;
        }

        _eof = true;
        if (_end > _recordEnd)
        {
            throw new InvalidDataException("The tracking copy ends inside a record; it is truncated.");
        }

        return false;
    }

    /// <summary>Finds the next whole record in the buffer; false when more bytes are needed (or at the end).</summary>
    private bool TryParse(bool header)
    {
        if (_eof && _recordEnd >= _end)
        {
            return false;
        }

        var data = _buffer.AsSpan(0, _end);
        var position = _recordEnd;
        var fields = header ? 0 : TrackingCopyFormat.ColumnCount;
        for (var field = 0; ; field++)
        {
            if (!header && field >= fields)
            {
                throw new InvalidDataException(
                    $"A tracking copy record has more than {fields} fields; the copy is corrupt.");
            }

            var quoted = position < _end && data[position] == (byte)'"';
            var fieldStart = position;
            int end;
            if (quoted)
            {
                end = ClosingQuote(data, position + 1);
                if (end < 0)
                {
                    return false;
                }

                end++;
            }
            else
            {
                var next = data[position..].IndexOfAny((byte)',', (byte)'\r');
                if (next < 0)
                {
                    return false;
                }

                end = position + next;
            }

            if (end >= _end)
            {
                return false;
            }

            if (!header)
            {
                _fieldStart[field] = fieldStart;
                _fieldEnd[field] = end;
                _fieldQuoted[field] = quoted;
            }

            if (data[end] == (byte)',')
            {
                position = end + 1;
                continue;
            }

            if (data[end] != (byte)'\r')
            {
                throw new InvalidDataException(
                    "A quoted field of the tracking copy is followed by text; the copy is corrupt.");
            }

            if (end + 1 >= _end)
            {
                return false;
            }

            if (data[end + 1] != (byte)'\n' || (!header && field != fields - 1))
            {
                throw new InvalidDataException(
                    $"A tracking copy record does not have {fields} fields; the copy is corrupt.");
            }

            _start = _recordEnd;
            _recordEnd = end + 2;
            if (!header)
            {
                Records++;
            }

            return true;
        }
    }

    /// <summary>
    /// The index of the quote that closes a quoted field (a doubled quote is an escaped one), or -1 if not buffered
    /// yet.
    /// </summary>
    private static int ClosingQuote(ReadOnlySpan<byte> data, int from)
    {
        var position = from;
        while (true)
        {
            var next = data[position..].IndexOf((byte)'"');
            if (next < 0)
            {
                return -1;
            }

            position += next;
            if (position + 1 < data.Length && data[position + 1] == (byte)'"')
            {
                position += 2;
                continue;
            }

            return position + 1 < data.Length ? position : -1;
        }
    }
}
