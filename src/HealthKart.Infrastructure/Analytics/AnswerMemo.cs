using System.Collections.Concurrent;

namespace HealthKart.Infrastructure.Analytics;

/// <summary>
/// HTTP answers already serialised, kept for the dataset version they were computed from: a snapshot never changes, so
/// neither does an answer derived from it, and the big views (every influencer, insights, the filter values) are
/// hundreds of kilobytes whose serialisation was most of the work under load. It lives beside the
/// <see cref="SnapshotCache"/> rather than inside the domain snapshot: it is a cache of responses, not analytics.
/// Bounded: past <see cref="MaxEntries"/> answers or <see cref="MaxBytes"/> bytes it starts afresh, and a request for
/// another dataset version drops the answers of the previous one.
/// </summary>
public sealed class AnswerMemo
{
    public const int MaxEntries = 1024;
    public const long MaxBytes = 256L << 20;

    private Answers _answers = new("");

    /// <summary>
    /// The answer for <paramref name="key"/> under <paramref name="datasetVersion"/>, computed at most once while kept.
    /// </summary>
    public byte[] GetOrAdd(string datasetVersion, string key, Func<byte[]> compute)
    {
        var answers = Volatile.Read(ref _answers);
        if (answers.DatasetVersion != datasetVersion || answers.Count >= MaxEntries || answers.Bytes >= MaxBytes)
        {
            // A request still holding the previous snapshot while a new one arrives may swap back once; either way
            // every answer is for the version it names, and the memo holds one version's answers.
            var fresh = new Answers(datasetVersion);
            answers = Interlocked.CompareExchange(ref _answers, fresh, answers) == answers
                ? fresh : Volatile.Read(ref _answers);
            if (answers.DatasetVersion != datasetVersion)
            {
                return compute();
            }
        }

        return answers.GetOrAdd(key, compute);
    }

    private sealed class Answers(string datasetVersion)
    {
        private readonly ConcurrentDictionary<string, byte[]> _byKey = new(StringComparer.Ordinal);
        private long _bytes;

        public string DatasetVersion => datasetVersion;

        public int Count => _byKey.Count;

        public long Bytes => Interlocked.Read(ref _bytes);

        public byte[] GetOrAdd(string key, Func<byte[]> compute) => _byKey.GetOrAdd(key, _ =>
        {
            var answer = compute();
            Interlocked.Add(ref _bytes, answer.LongLength);
            return answer;
        });
    }
}
