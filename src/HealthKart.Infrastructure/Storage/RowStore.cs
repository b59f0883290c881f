using System.Threading.Channels;
using Azure.Data.Tables;
using HealthKart.Core.DataContract;
using Microsoft.Extensions.Options;

namespace HealthKart.Infrastructure.Storage;

/// <summary>
/// Raw rows of each source version, for audit and raw exports. A partition holds 100 consecutive rows of one
/// version (<c>{source}~{version}~{block}</c>), so every batch is one partition's transaction and batches run in
/// parallel; a version's rows are one key range, so they are scanned or deleted without touching any other source.
/// </summary>
public sealed class RowStore(HealthKartTables tables, RowEntities entities, IOptions<IngestionOptions> options)
{
    public const int RowsPerPartition = 100;

    public async Task WriteAsync(
        Dataset dataset, string sourceVersion, IEnumerable<DatasetRow> rows, Action<long> onProgress,
        CancellationToken cancellationToken)
    {
        var table = tables.Rows(dataset);
        var parallelism = options.Value.Parallelism;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<List<TableTransactionAction>>(parallelism * 2);
        var producer = Task.Run(() => ProduceAsync(rows, sourceVersion, batches.Writer, stop.Token), stop.Token);

        long written = 0;
        try
        {
            await Parallel.ForEachAsync(
                batches.Reader.ReadAllAsync(stop.Token),
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = stop.Token },
                async (batch, token) =>
                {
                    await table.SubmitTransactionAsync(batch, token);
                    onProgress(Interlocked.Add(ref written, batch.Count));
                    if (options.Value.RowBatchDelay > TimeSpan.Zero)
                    {
                        await Task.Delay(options.Value.RowBatchDelay, token);
                    }
                });
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
        finally
        {
            await producer.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await producer;
    }

    /// <summary>
    /// Reading the CSV is synchronous work; it runs on its own thread and hands full batches to the writers.
    /// </summary>
    private async Task ProduceAsync(
        IEnumerable<DatasetRow> rows, string sourceVersion, ChannelWriter<List<TableTransactionAction>> writer,
        CancellationToken cancellationToken)
    {
        try
        {
            List<TableTransactionAction> batch = new(RowsPerPartition);
            var block = -1L;
            foreach (var row in rows)
            {
                var rowBlock = (row.Row - 2) / RowsPerPartition;
                if (rowBlock != block && batch.Count > 0)
                {
                    await writer.WriteAsync(batch, cancellationToken);
                    batch = new List<TableTransactionAction>(RowsPerPartition);
                }

                block = rowBlock;
                var entity = entities.ToEntity(row, TableKeys.RowPartition(sourceVersion, rowBlock));
                batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            }

            if (batch.Count > 0)
            {
                await writer.WriteAsync(batch, cancellationToken);
            }

            writer.Complete();
        }
        catch (Exception exception)
        {
            writer.Complete(exception);
            throw;
        }
    }

    /// <summary>
    /// Deletes every row of one source version: one key-range scan of keys only, then batched deletes.
    /// </summary>
    public async Task DeleteAsync(Dataset dataset, string sourceVersion, CancellationToken cancellationToken)
    {
        var table = tables.Rows(dataset);
        var start = sourceVersion + "~";
        var end = TableKeys.PrefixEnd(start);
        var keys = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey ge {start} and PartitionKey lt {end}"),
            maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);

        var pending = new List<Task>();
        var batch = new List<TableTransactionAction>(RowsPerPartition);
        await foreach (var key in keys)
        {
            if (batch.Count == RowsPerPartition
                || (batch.Count > 0 && batch[0].Entity.PartitionKey != key.PartitionKey))
            {
                pending.Add(DeleteBatchAsync(table, batch, cancellationToken));
                batch = new List<TableTransactionAction>(RowsPerPartition);
                if (pending.Count >= options.Value.Parallelism)
                {
                    await Task.WhenAll(pending);
                    pending.Clear();
                }
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, key, Azure.ETag.All));
        }

        if (batch.Count > 0)
        {
            pending.Add(DeleteBatchAsync(table, batch, cancellationToken));
        }

        await Task.WhenAll(pending);
    }

    /// <summary>
    /// Deletes one partition's batch. Two purges of one version may overlap (a failed run cleaning up after itself
    /// while a newer upload sweeps it): an entity already gone fails the whole transaction, so the rest go one by one.
    /// </summary>
    internal static async Task DeleteBatchAsync(TableClient table, IReadOnlyList<TableTransactionAction> batch,
        CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (TableTransactionFailedException exception) when (exception.Status == 404)
        {
            foreach (var action in batch)
            {
                await table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, Azure.ETag.All,
                    cancellationToken);
            }
        }
    }
}
