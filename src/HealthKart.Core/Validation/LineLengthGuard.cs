namespace HealthKart.Core.Validation;

/// <summary>
/// Passes text through to the CSV parser but refuses a physical line longer than <paramref name="maxLineLength"/>.
/// The parser keeps a whole record, and one entry per field, in memory; a line of millions of commas would make it hold
/// millions of fields before any width check could run. Field length alone (MaxFieldSize) cannot catch that: every
/// field is empty. Quoted line breaks end a physical line, so the CSV bomb of quoted newlines is left to MaxFieldSize.
/// </summary>
internal sealed class LineLengthGuard(TextReader inner, int maxLineLength) : TextReader
{
    private int _lineLength;
    private bool _tripped;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        // The chars before the cut were handed over; the parser asks again only when the record it is reading
        // reaches into the long line, so the exception names the right row.
        if (_tripped)
        {
            throw new LineTooLongException(maxLineLength);
        }

        // Line by line with a vectorised search for '\n' rather than char by char: this sees every char of the file.
        var read = inner.Read(buffer);
        for (var at = 0; ;)
        {
            var newline = buffer[at..read].IndexOf('\n');
            var length = newline < 0 ? read - at : newline;
            if (_lineLength + length > maxLineLength)
            {
                // The first char past the limit, and everything after it, is held back.
                _tripped = true;
                var cut = at + maxLineLength - _lineLength;
                return cut > 0 ? cut : throw new LineTooLongException(maxLineLength);
            }

            if (newline < 0)
            {
                _lineLength += length;
                return read;
            }

            _lineLength = 0;
            at += newline + 1;
        }
    }

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Peek() => _tripped ? -1 : inner.Peek();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A physical line of the file is longer than any spreadsheet row.</summary>
internal sealed class LineTooLongException(int maxLineLength)
    : IOException($"A line is longer than {IndianText.Count(maxLineLength)} characters.");
