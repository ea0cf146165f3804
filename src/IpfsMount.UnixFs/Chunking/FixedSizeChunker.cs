// Fixed-size chunker, Kubo's `size-N` (boxo/chunker splitting.go, ipfs-unixfs-importer fixed-size.js): every chunk
// is exactly N bytes except the last.
namespace IpfsMount.UnixFs;

/// <summary>Chunks of exactly <see cref="MaxChunkSize"/> bytes; only the final chunk may be shorter.</summary>
public sealed class FixedSizeChunker : IChunker
{
    private readonly Stream _source;

    public FixedSizeChunker(Stream source, int chunkSize)
    {
        if (chunkSize <= 0) throw new ArgumentOutOfRangeException(nameof(chunkSize), "chunk size must be positive");
        _source = source;
        MaxChunkSize = chunkSize;
    }

    public int MaxChunkSize { get; }

    public ValueTask<int> ReadChunkAsync(Memory<byte> destination, CancellationToken ct)
    {
        // Files and memory read synchronously: a page-cache copy is cheaper than a thread-pool hop.
        if (_source is FileStream or MemoryStream)
        {
            ct.ThrowIfCancellationRequested();
            return ValueTask.FromResult(_source.ReadAtLeast(destination.Span[..MaxChunkSize], MaxChunkSize, throwOnEndOfStream: false));
        }
        return _source.ReadAtLeastAsync(destination[..MaxChunkSize], MaxChunkSize, throwOnEndOfStream: false, ct);
    }
}
