using HealthKart.Infrastructure.Analytics;

namespace HealthKart.Integration.Tests.Analytics;

/// <summary>
/// The serialised-answer memo: once per dataset version and key, dropped with the version, bounded by count (and,
/// alike, by bytes).
/// </summary>
public sealed class AnswerMemoTests
{
    [Fact]
    public void AnAnswerIsComputedOncePerVersionAndKeyAndAgainForANewVersion()
    {
        var memo = new AnswerMemo();
        var computed = 0;
        byte[] Answer() => [(byte)++computed];

        var first = memo.GetOrAdd("v1", "summary", Answer);
        var again = memo.GetOrAdd("v1", "summary", Answer);
        var other = memo.GetOrAdd("v1", "campaigns", Answer);
        var newVersion = memo.GetOrAdd("v2", "summary", Answer);
        var backToOld = memo.GetOrAdd("v1", "summary", Answer);

        // v1|summary = 1 (kept: again is the same array), v1|campaigns = 2, v2|summary = 3; v2 dropped v1's answers, so
        // v1|summary is computed afresh (4).
        Assert.Same(first, again);
        Assert.Equal([1, 2, 3, 4], new[] { first[0], other[0], newVersion[0], backToOld[0] });
    }

    [Fact]
    public void PastItsEntryBoundTheMemoStartsAfresh()
    {
        var memo = new AnswerMemo();
        var computed = 0;
        byte[] Answer() { computed++; return [1]; }

        for (var i = 0; i < AnswerMemo.MaxEntries; i++)
        {
            memo.GetOrAdd("v1", $"query {i}", Answer);
        }

        memo.GetOrAdd("v1", "query 0", Answer); // the memo is full: it starts afresh and computes query 0 again

        Assert.Equal(AnswerMemo.MaxEntries + 1, computed);
    }
}
