// A chunker splits one byte stream into the leaf chunks of a UnixFS file (ipfs/specs UNIXFS.md "Importing").
namespace IpfsMount.UnixFs;

/// <summary>Reads successive chunks of one stream. Not thread-safe: one reader at a time.</summary>
public interface IChunker
{
    /// <summary>The largest chunk this chunker ever returns; destination buffers must be at least this big.</summary>
    int MaxChunkSize { get; }

    /// <summary>Copies the next chunk into <paramref name="destination"/> and returns its length; 0 at end of stream.</summary>
    ValueTask<int> ReadChunkAsync(Memory<byte> destination, CancellationToken ct);
}
