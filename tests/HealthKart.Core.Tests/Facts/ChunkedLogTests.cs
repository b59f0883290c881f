using HealthKart.Core.Facts;

namespace HealthKart.Core.Tests.Facts;

public sealed class ChunkedLogTests
{
    [Fact]
    public void KeepsTheOrderAcrossChunksOfGrowingSize()
    {
        var log = new ChunkedLog<int>();
        for (var i = 0; i < 10_000; i++)
        {
            log.Add(i);
        }

        // Chunks of 2,048, 4,096 and 8,192 hold 2,048 + 4,096 + the remaining 3,856.
        Assert.Equal(10_000, log.Count);
        Assert.Equal([2_048, 4_096, 3_856], log.Chunks().Select(c => c.Count));
        Assert.Equal(Enumerable.Range(0, 10_000), log.Chunks().SelectMany(c => c));
    }

    [Fact]
    public void NeverSplitsARunBetweenTwoChunks()
    {
        var log = new ChunkedLog<char>();
        for (var i = 0; i < 2_046; i++)
        {
            log.Add('a');
        }

        // Two places left in the first chunk of 2,048: a run of three goes whole into the next chunk, and a run
        // longer than any chunk gets a chunk of its own length.
        "xyz".CopyTo(log.Append(3));
        var huge = new string('L', 3_000_000);
        huge.CopyTo(log.Append(huge.Length));
        log.Add('b');

        var chunks = log.Chunks().Select(c => new string(c.AsSpan())).ToList();
        Assert.Equal([2_046, 3, 3_000_000, 1], chunks.Select(c => c.Length));
        Assert.Equal(("xyz", huge, "b"), (chunks[1], chunks[2], chunks[3]));
        Assert.Equal(2_046 + 3 + 3_000_000 + 1, log.Count);
    }
}
