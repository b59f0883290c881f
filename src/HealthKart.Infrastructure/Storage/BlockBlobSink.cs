using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace HealthKart.Infrastructure.Storage;

/// <summary>
/// Writes a block blob from a stream of bytes of unknown length: 4 MiB blocks are staged as they fill, and nothing is
/// visible until <see cref="CommitAsync"/> commits the block list together with the blob's metadata, in one call. An
/// abandoned write leaves only uncommitted blocks, which storage discards by itself.
/// </summary>
internal sealed class BlockBlobSink(BlockBlobClient blob)
{
    private const int BlockBytes = 4 * 1024 * 1024;

    private readonly List<string> _blockIds = [];
    private readonly byte[] _block = new byte[BlockBytes];
    private int _filled;

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            var take = Math.Min(bytes.Length, BlockBytes - _filled);
            bytes.Span[..take].CopyTo(_block.AsSpan(_filled));
            _filled += take;
            bytes = bytes[take..];
            if (_filled == BlockBytes)
            {
                await StageAsync(cancellationToken);
            }
        }
    }

    public async Task CommitAsync(string contentType, IDictionary<string, string> metadata,
        CancellationToken cancellationToken)
    {
        if (_filled > 0)
        {
            await StageAsync(cancellationToken);
        }

        await blob.CommitBlockListAsync(_blockIds, new CommitBlockListOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = metadata,
        }, cancellationToken);
    }

    private async Task StageAsync(CancellationToken cancellationToken)
    {
        var id = Convert.ToBase64String(Encoding.ASCII.GetBytes($"block-{_blockIds.Count:D8}"));
        using (var content = new MemoryStream(_block, 0, _filled, writable: false))
        {
            await blob.StageBlockAsync(id, content, cancellationToken: cancellationToken);
        }

        _blockIds.Add(id);
        _filled = 0;
    }
}
