using System.Buffers;
using System.IO.Pipelines;
using Azure.Storage.Blobs.Specialized;
using HealthKart.Core.DataContract;
using HealthKart.Infrastructure.Storage;

namespace HealthKart.Infrastructure.Exports.Tracking;

/// <summary>
/// Writes one version's export-ready copies (<see cref="TrackingCopies"/>) while ingestion streams the rows anyway.
/// Rows are formatted as CSV into a bounded pipe on the caller's thread; a background task stages those bytes as the
/// CSV copy's blocks and, at the same time, feeds them to the sheet-row renderer, whose deflated output is staged as
/// the second blob. Nothing is visible until <see cref="CompleteAsync"/> commits both with their metadata, so a failed
/// or abandoned ingestion leaves no copy. (The rows are not pre-rendered when some platform is left to the export to
/// resolve: the sheet blob is then not committed.)
/// </summary>
public sealed class TrackingCopyWriter : IAsyncDisposable
{
    private const int FlushBytes = 256 * 1024;

    private static readonly PipeOptions Bounded = new(
        pauseWriterThreshold: 8 * 1024 * 1024, resumeWriterThreshold: 4 * 1024 * 1024, minimumSegmentSize: 64 * 1024,
        useSynchronizationContext: false);

    private readonly BlockBlobClient _copy;
    private readonly BlockBlobClient _sheet;
    private readonly Func<string, string> _pseudonymize;
    private readonly Pipe _pipe = new(Bounded);
    private readonly CancellationTokenSource _stop;
    private readonly Task _upload;
    private long _rows;
    private long _unresolvedPlatforms;
    private bool _completed;

    internal TrackingCopyWriter(BlockBlobClient copy, BlockBlobClient sheet, Func<string, string> pseudonymize,
        CancellationToken cancellationToken)
    {
        _copy = copy;
        _sheet = sheet;
        _pseudonymize = pseudonymize;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _pipe.Writer.Write(TrackingCopyFormat.HeaderLine);
        _upload = Task.Run(() => UploadAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>
    /// Passes the rows through unchanged, writing each tracking row to the copy on the way: one read of the upload
    /// feeds both the row table and the copies. Enumerated on the row store's producer thread; when the uploads fall
    /// more than 8 MiB behind, that thread waits for them.
    /// </summary>
    public IEnumerable<DatasetRow> Tee(IEnumerable<DatasetRow> rows)
    {
        foreach (var row in rows)
        {
            if (row is TrackingRow tracking)
            {
                Append(tracking, _pseudonymize(tracking.UserId));
                if (_pipe.Writer.UnflushedBytes >= FlushBytes)
                {
                    var flush = _pipe.Writer.FlushAsync();
                    Check(flush.IsCompleted ? flush.Result : flush.AsTask().GetAwaiter().GetResult());
                }
            }

            yield return row;
        }
    }

    /// <summary>Adds a row whose user_id is already a pseudonym (a copy rebuilt from the row table).</summary>
    internal async ValueTask AppendPseudonymizedAsync(TrackingRow row, CancellationToken cancellationToken)
    {
        Append(row, row.UserId);
        if (_pipe.Writer.UnflushedBytes >= FlushBytes)
        {
            Check(await _pipe.Writer.FlushAsync(cancellationToken));
        }
    }

    /// <summary>Commits the copies: after this they are complete and visible.</summary>
    public async Task CompleteAsync()
    {
        await _pipe.Writer.CompleteAsync();
        await _upload;
        _completed = true;
    }

    /// <summary>
    /// Without <see cref="CompleteAsync"/>, abandons the copies: the uploads stop before committing anything.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            await _pipe.Writer.CompleteAsync(new OperationCanceledException("The tracking copy was abandoned."));
            await _stop.CancelAsync();
            try
            {
                await _upload;
            }
            catch (Exception)
            {
                // The ingestion's own failure is the one that matters; nothing was committed.
            }
        }

        _stop.Dispose();
    }

    private void Append(TrackingRow row, string userPseudonym)
    {
        if (TrackingCopyFormat.WriteRow(_pipe.Writer, row, userPseudonym))
        {
            _unresolvedPlatforms++;
        }

        _rows++;
    }

    /// <summary>The upload stopped (it failed): stop feeding it and surface its error.</summary>
    private void Check(FlushResult result)
    {
        if (result.IsCompleted || result.IsCanceled)
        {
            _upload.GetAwaiter().GetResult();
            throw new InvalidOperationException("The tracking copy upload stopped early.");
        }
    }

    private async Task UploadAsync(CancellationToken cancellationToken)
    {
        var reader = _pipe.Reader;
        var toRender = new Pipe(Bounded);
        var sheet = new BlockBlobSink(_sheet);
        var render = TrackingCopies.RenderRowsAsync(() => toRender.Reader.AsStream(), sheet.WriteAsync,
            cancellationToken);
        try
        {
            var copy = new BlockBlobSink(_copy);
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                foreach (var segment in result.Buffer)
                {
                    await copy.WriteAsync(segment, cancellationToken);
                    if ((await toRender.Writer.WriteAsync(segment, cancellationToken)).IsCompleted)
                    {
                        await render;
                        throw new InvalidOperationException("The sheet rows renderer stopped early.");
                    }
                }

                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            await toRender.Writer.CompleteAsync();
            var (crc, length) = await render;
            if (_unresolvedPlatforms == 0)
            {
                await sheet.CommitAsync(TrackingCopies.SheetContentType,
                    TrackingCopies.SheetMetadata(_rows, crc, length), cancellationToken);
            }

            await copy.CommitAsync(TrackingExport.CsvContentType, TrackingCopies.Metadata(_rows, _unresolvedPlatforms),
                cancellationToken);
            await reader.CompleteAsync();
        }
        catch (Exception exception)
        {
            await toRender.Writer.CompleteAsync(exception);
            await reader.CompleteAsync(exception);
            await render.ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
    }
}
