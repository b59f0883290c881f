using HealthKart.Core.Facts;

namespace HealthKart.Core.Tests.Facts;

public sealed class OnAnotherCoreTests
{
    private sealed class Batch(int id)
    {
        public int Id { get; } = id;
        public List<int> Items { get; } = [];
    }

    [Fact]
    public async Task WorksBatchesInOrderAndHoldsTheReaderOnlyWhenEveryBatchIsOut()
    {
        // Three batches at most. The first batch's work is held: the reader can still hand over two batches (it
        // fills the second and third meanwhile), and only the third hand-over waits, for the first to be worked.
        using var held = new ManualResetEventSlim();
        var made = 0;
        var worked = new List<int>();
        var pipeline = new OnAnotherCore<Batch>(() => new Batch(++made), batch =>
        {
            if (batch.Id == 1 && worked.Count == 0)
            {
                held.Wait();
            }

            worked.AddRange(batch.Items);
            batch.Items.Clear();
        }, batches: 3);

        var item = 0;
        void FillAndHandOver()
        {
            pipeline.Filling.Items.Add(item++);
            pipeline.HandOver();
        }

        var firstTwo = Task.Run(() =>
        {
            FillAndHandOver();
            FillAndHandOver();
        });
        Assert.True(await Task.WhenAny(firstTwo, Task.Delay(TimeSpan.FromSeconds(10))) == firstTwo,
            "the reader waited while a batch was still free");

        var third = Task.Run(FillAndHandOver);
        await Task.Delay(200);
        Assert.False(third.IsCompleted, "the reader went on with every batch out and none worked");

        held.Set();
        await third;
        for (var i = 0; i < 5; i++)
        {
            FillAndHandOver();
        }

        pipeline.Filling.Items.Add(item++);
        pipeline.Finish();

        Assert.Equal(Enumerable.Range(0, item), worked);
        Assert.Equal(3, made);
    }

    [Fact]
    public void AFailureInTheWorkReachesTheReader()
    {
        var pipeline = new OnAnotherCore<Batch>(() => new Batch(0),
            _ => throw new InvalidOperationException("the work failed"), batches: 2);
        pipeline.HandOver();

        var error = Assert.Throws<InvalidOperationException>(pipeline.Wait);
        Assert.Equal("the work failed", error.Message);
    }
}
