using System.Security.Cryptography;
using HealthKart.Core.Ingestion;

namespace HealthKart.Core.Tests.Ingestion;

public sealed class HashingStreamTests
{
    private const int Block = 1 << 20; // the blocks hashed on another core

    /// <summary>
    /// Contents around the block's edges and across several blocks, read in pieces of awkward sizes (a piece may
    /// straddle two blocks), synchronously and asynchronously: the hash must be what SHA-256 gives for the whole.
    /// </summary>
    [Theory]
    [InlineData(0, 4_096)]
    [InlineData(1, 4_096)]
    [InlineData(Block - 1, 65_536)]
    [InlineData(Block, 65_536)]
    [InlineData(Block + 1, 65_536)]
    [InlineData(3 * Block + 12_345, 4_099)]
    [InlineData(3 * Block + 12_345, 3 * Block)]
    public async Task HashesWhatPassesAsSha256Does(int length, int piece)
    {
        var content = new byte[length];
        new Random(length).NextBytes(content);
        var expected = Convert.ToHexStringLower(SHA256.HashData(content));

        using var sync = new HashingStream(new MemoryStream(content));
        var buffer = new byte[piece];
        while (sync.Read(buffer, 0, buffer.Length) > 0)
        {
        }

        await using var async = new HashingStream(new MemoryStream(content));
        while (await async.ReadAsync(buffer) > 0)
        {
        }

        Assert.Equal((expected, length), (sync.ContentHash, sync.BytesRead));
        Assert.Equal((expected, length), (async.ContentHash, async.BytesRead));
    }

    [Fact]
    public void TheHashIsOfWhatWasReadSoFar()
    {
        var content = new byte[2 * Block + 100];
        new Random(7).NextBytes(content);
        using var stream = new HashingStream(new MemoryStream(content));
        var first = new byte[Block + 50];
        stream.ReadExactly(first);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(first)), stream.ContentHash);

        stream.ReadExactly(new byte[content.Length - first.Length]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stream.ContentHash);
    }

    [Fact]
    public void DisposingTwiceIsHarmless()
    {
        // A reader that owns the stream disposes it, and so does the caller's using: a stream may be disposed twice.
        var stream = new HashingStream(new MemoryStream(new byte[Block + 10]));
        using (var reader = new StreamReader(stream))
        {
            reader.ReadToEnd();
        }

        stream.Dispose();
    }

    [Fact]
    public void ReadingPastTheLimitThrows()
    {
        using var stream = new HashingStream(new MemoryStream(new byte[1_001]), maxBytes: 1_000);

        var error = Assert.Throws<InvalidDataException>(() => stream.CopyTo(Stream.Null));
        Assert.Contains("1,000-byte limit", error.Message);
    }
}
