using System.Buffers;
using System.Globalization;
using System.Text;

namespace HealthKart.Simulation;

/// <summary>
/// Streams CSV rows to a file: one reused line buffer, numbers formatted in place with the invariant culture, RFC 4180
/// quoting only where a value needs it, UTF-8 without BOM, <c>\n</c> line endings. Nothing accumulates in memory.
/// </summary>
internal sealed class CsvRowWriter : IDisposable
{
    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(",\"\r\n");
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly StreamWriter _writer;
    private char[] _line = new char[512];
    private int _length;
    private bool _rowStarted;

    public CsvRowWriter(string path, string header)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);
        _writer = new StreamWriter(stream, Utf8WithoutBom, bufferSize: 1 << 16);
        _writer.Write(header);
        _writer.Write('\n');
    }

    public long Rows { get; private set; }

    public CsvRowWriter Text(string value)
    {
        Separate();
        if (value.AsSpan().IndexOfAny(NeedsQuoting) < 0)
        {
            Append(value);
            return this;
        }

        Reserve(value.Length * 2 + 2);
        _line[_length++] = '"';
        foreach (var c in value)
        {
            if (c == '"')
            {
                _line[_length++] = '"';
            }

            _line[_length++] = c;
        }

        _line[_length++] = '"';
        return this;
    }

    /// <summary>A prefix and a zero-padded number, such as <c>U000123</c>.</summary>
    public CsvRowWriter Code(string prefix, long number, string format)
    {
        Separate();
        Append(prefix);
        return Number(number, format);
    }

    public CsvRowWriter Integer(long value)
    {
        Separate();
        return Number(value, default);
    }

    /// <summary>Rupees with exactly two decimals, from an exact amount in paise.</summary>
    public CsvRowWriter Money(long paise)
    {
        Separate();
        if (paise < 0)
        {
            Append("-");
            paise = -paise;
        }

        Number(paise / 100, default);
        Reserve(3);
        var fraction = (int)(paise % 100);
        _line[_length++] = '.';
        _line[_length++] = (char)('0' + fraction / 10);
        _line[_length++] = (char)('0' + fraction % 10);
        return this;
    }

    public CsvRowWriter Decimal(double value, string format)
    {
        Separate();
        Reserve(32);
        if (!value.TryFormat(_line.AsSpan(_length), out var written, format, CultureInfo.InvariantCulture))
        {
            throw new FormatException($"Cannot format {value} as {format}.");
        }

        _length += written;
        return this;
    }

    public CsvRowWriter Date(DateOnly value)
    {
        Separate();
        Reserve(10);
        value.TryFormat(_line.AsSpan(_length), out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    public void EndRow()
    {
        Reserve(1);
        _line[_length++] = '\n';
        _writer.Write(_line, 0, _length);
        _length = 0;
        _rowStarted = false;
        Rows++;
    }

    public void Dispose() => _writer.Dispose();

    private CsvRowWriter Number(long value, ReadOnlySpan<char> format)
    {
        Reserve(24);
        value.TryFormat(_line.AsSpan(_length), out var written, format, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    private void Separate()
    {
        if (_rowStarted)
        {
            Reserve(1);
            _line[_length++] = ',';
        }

        _rowStarted = true;
    }

    private void Append(string value)
    {
        Reserve(value.Length);
        value.CopyTo(0, _line, _length, value.Length);
        _length += value.Length;
    }

    private void Reserve(int extra)
    {
        if (_length + extra > _line.Length)
        {
            Array.Resize(ref _line, Math.Max(_line.Length * 2, _length + extra));
        }
    }
}
