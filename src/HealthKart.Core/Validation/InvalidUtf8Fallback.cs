using System.Text;

namespace HealthKart.Core.Validation;

/// <summary>
/// Decodes bytes that are not UTF-8 to U+FFFD, as the default decoder does, but remembers that it had to, so the reader
/// can name the rows that hold the replacement. Throwing instead fails when a 64 KB buffer is decoded, which is rows
/// (or a whole small file) away from the bad byte, and hides a workbook behind a generic message.
/// </summary>
internal sealed class InvalidUtf8Fallback : DecoderFallback
{
    public const char Replacement = '\uFFFD';

    public bool Seen { get; private set; }

    public override int MaxCharCount => 1;

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

    /// <summary>
    /// One U+FFFD per invalid sequence; the index bookkeeping follows the framework's replacement buffer.
    /// </summary>
    private sealed class Buffer(InvalidUtf8Fallback owner) : DecoderFallbackBuffer
    {
        private int _remaining = -1;
        private int _index = -1;

        public override int Remaining => Math.Max(_remaining, 0);

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            owner.Seen = true;
            _remaining = 1;
            _index = -1;
            return true;
        }

        public override char GetNextChar()
        {
            _remaining--;
            _index++;
            return _remaining < 0 ? '\0' : Replacement;
        }

        public override bool MovePrevious()
        {
            if (_remaining < -1 || _index < 0)
            {
                return false;
            }

            _remaining++;
            _index--;
            return true;
        }

        public override void Reset() => (_remaining, _index) = (-1, -1);
    }
}
