using Azure.Data.Tables;
using HealthKart.Core.Facts;

namespace HealthKart.Infrastructure.Storage;

/// <summary>
/// The compact facts of each source version, encoded by <see cref="SourceFactsCodec"/> and split into binary chunks
/// (a table property holds at most 64 KiB) under one partition per version, so loading them is one partition query.
/// </summary>
public sealed class FactStore(HealthKartTables tables)
{
    private const int ChunkBytes = 60_000;

    /// <summary>A transaction carries at most 4 MiB of base64-encoded payload.</summary>
    private const int ChunksPerBatch = 40;

    public async Task WriteAsync(string sourceVersion, SourceFacts facts, CancellationToken cancellationToken)
    {
        var bytes = SourceFactsCodec.Encode(facts);
        var chunkCount = Math.Max(1, (bytes.Length + ChunkBytes - 1) / ChunkBytes);
        var chunks = Enumerable.Range(0, chunkCount)
            .Select(index => new TableEntity(sourceVersion, index.ToString("D6"))
            {
                ["Data"] = bytes.AsSpan(index * ChunkBytes, Math.Min(ChunkBytes, bytes.Length - index * ChunkBytes))
                .ToArray(),
                ["Chunks"] = chunkCount,
                ["Bytes"] = bytes.Length,
            });

        // A few transactions at once: each carries up to 4 MiB, so one at a time left the connection idle while the
        // next was encoded and the table service idle while it was sent. Every chunk is written, in any order, before
        // this returns: the version is published only then.
        await Parallel.ForEachAsync(chunks.Chunk(ChunksPerBatch),
            new ParallelOptions { MaxDegreeOfParallelism = 3, CancellationToken = cancellationToken },
            async (batch, token) => await tables.Facts.SubmitTransactionAsync(
                batch.Select(chunk => new TableTransactionAction(TableTransactionActionType.UpsertReplace, chunk)),
                token));
    }

    public async Task<SourceFacts> ReadAsync(string sourceVersion, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var expected = -1;
        var seen = 0;
        var query = tables.Facts.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {sourceVersion}"), cancellationToken: cancellationToken);
        await foreach (var chunk in query)
        {
            expected = chunk.GetInt32("Chunks") ?? -1;
            buffer.Write(chunk.GetBinary("Data"));
            seen++;
        }

        if (seen == 0 || seen != expected)
        {
            throw new FactsMissingException(sourceVersion, seen, expected);
        }

        buffer.Position = 0;
        return SourceFactsCodec.Decode(buffer);
    }

    public async Task DeleteAsync(string sourceVersion, CancellationToken cancellationToken)
    {
        var keys = new List<TableTransactionAction>();
        var query = tables.Facts.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {sourceVersion}"), select: ["PartitionKey", "RowKey"],
            cancellationToken: cancellationToken);
        await foreach (var key in query)
        {
            keys.Add(new TableTransactionAction(TableTransactionActionType.Delete, key, Azure.ETag.All));
        }

        foreach (var batch in keys.Chunk(100))
        {
            await RowStore.DeleteBatchAsync(tables.Facts, batch, cancellationToken);
        }
    }
}

/// <summary>
/// A version's facts are absent or partial: it was retracted or replaced while being read. Re-read the catalog.
/// </summary>
public sealed class FactsMissingException(string sourceVersion, int seen, int expected)
    : Exception(
        $"Facts of {sourceVersion} are incomplete ({seen} of {expected} chunks); the source was probably " +
        "replaced while being read.");
