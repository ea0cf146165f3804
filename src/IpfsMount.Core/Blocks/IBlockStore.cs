// The one block interface of IpfsMount: get/put/has/delete/list by CID. Decorators compose
// (memory cache → RocksDB; network → local). Implementations verify bytes against the CID's multihash.
namespace IpfsMount.Core;

public interface IBlockStore
{
    /// <summary>The block's bytes, verified against <c>cid.Hash</c>; throws <see cref="BlockNotFoundException"/>.</summary>
    ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default);

    /// <summary>
    /// Like <see cref="GetAsync"/>, for a reader that only copies the bytes out and then disposes the lease: a store
    /// that reads from disk may fill a pooled buffer. By default, a lease over what <see cref="GetAsync"/> returns
    /// (so decorators that change what GetAsync returns stay correct without overriding this).
    /// </summary>
    async ValueTask<BlockLease> RentAsync(Cid cid, CancellationToken ct = default) =>
        BlockLease.Unpooled(await GetAsync(cid, ct).ConfigureAwait(false));

    /// <summary>Stores a block; idempotent.</summary>
    ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default);

    ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default);

    ValueTask DeleteAsync(Cid cid, CancellationToken ct = default);

    /// <summary>Every stored block as a v1 CID (raw codec where the codec is unknown).</summary>
    IAsyncEnumerable<Cid> AllKeysAsync(CancellationToken ct = default);
}
