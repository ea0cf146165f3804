// Where the importer's blocks go: computes each block's CID with the configured hash and stores it.
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

/// <summary>
/// Hashes and stores blocks. Callers may reuse the buffer after <see cref="PutAsync"/> returns, so the block is
/// copied for any store that might keep a reference (every store except <see cref="DiscardingBlockStore"/>).
/// </summary>
internal sealed class BlockSink(IBlockStore store, ulong hashCode)
{
    private readonly bool _discards = store is DiscardingBlockStore;

    public ulong HashCode { get; } = hashCode;

    public async ValueTask<Cid> PutAsync(ReadOnlyMemory<byte> block, ulong codec, int version, CancellationToken ct)
    {
        var cid = Cid.Create(version, codec, Multihash.Compute(block.Span, HashCode));
        await store.PutAsync(cid, _discards ? block : block.ToArray(), ct).ConfigureAwait(false);
        return cid;
    }

    /// <summary>Stores a block that nobody will reuse (no copy).</summary>
    public async ValueTask<Cid> PutOwnedAsync(byte[] block, ulong codec, int version, CancellationToken ct)
    {
        var cid = Cid.Create(version, codec, Multihash.Compute(block, HashCode));
        await store.PutAsync(cid, block, ct).ConfigureAwait(false);
        return cid;
    }
}
