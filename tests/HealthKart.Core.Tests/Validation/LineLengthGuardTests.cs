using HealthKart.Core.Validation;

namespace HealthKart.Core.Tests.Validation;

public sealed class LineLengthGuardTests
{
    /// <summary>
    /// Everything the guard hands over, read <paramref name="chunk"/> chars at a time, and whether it threw.
    /// </summary>
    private static (string Text, bool Tripped) ReadAll(string text, int maxLineLength, int chunk)
    {
        using var guard = new LineLengthGuard(new StringReader(text), maxLineLength);
        var read = new System.Text.StringBuilder();
        var buffer = new char[chunk];
        try
        {
            for (int n; (n = guard.Read(buffer, 0, chunk)) > 0;)
            {
                read.Append(buffer, 0, n);
            }

            return (read.ToString(), false);
        }
        catch (IOException)
        {
            return (read.ToString(), true);
        }
    }

    [Theory]
    [InlineData(64)]
    [InlineData(3)]
    [InlineData(1)]
    public void PassesLinesOfExactlyTheLimit(int chunk) =>
        // Limit 5: "abcde" and "fghi\r" (a carriage return counts) are five chars each.
        Assert.Equal(("abcde\nfghi\r\nxy", false), ReadAll("abcde\nfghi\r\nxy", 5, chunk));

    [Theory]
    [InlineData(64)]
    [InlineData(3)]
    [InlineData(1)]
    public void HandsOverTheCharsBeforeTheFirstOnePastTheLimitThenFails(int chunk) =>
        // Limit 5: "abcdef" has its sixth char past it, so "abc\n" and "abcde" are handed over, whatever the reads.
        Assert.Equal(("abc\nabcde", true), ReadAll("abc\nabcdef\nok\n", 5, chunk));
}
