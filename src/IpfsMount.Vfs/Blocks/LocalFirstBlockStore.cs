// A block store decorator for the mount's read path: blocks come from a fast local store (no managed cache: the
// kernel page cache holds the data), and only a local miss goes to a fallback store (e.g. the node's Bitswap store).
using System.Runtime.CompilerServices;
using IpfsMount.Core;

namespace IpfsMount.Vfs.Blocks;

/// <summary>
/// Reads <paramref name="local"/> first and asks <paramref name="fallback"/> (read at each miss, so a network store
/// installed later is used) only for blocks that are not there. Writes, Has, Delete and listing stay local.
/// Both stores must hash-check what they return.
/// </summary>
public sealed class LocalFirstBlockStore(IBlockStore local, Func<IBlockStore> fallback) : IBlockStore
{
    private long misses;

    /// <summary>Reads that were not local and went to the fallback store.</summary>
    public long Misses => Interlocked.Read(ref misses);

    public async ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default)
    {
        try
        {
            return await local.GetAsync(cid, ct).ConfigureAwait(false);
        }
        catch (BlockNotFoundException)
        {
            Interlocked.Increment(ref misses);
        }
        return await fallback().GetAsync(cid, ct).ConfigureAwait(false);
    }

    public async ValueTask<BlockLease> RentAsync(Cid cid, CancellationToken ct = default)
    {
        try
        {
            return await local.RentAsync(cid, ct).ConfigureAwait(false);
        }
        catch (BlockNotFoundException)
        {
            Interlocked.Increment(ref misses);
        }
        return BlockLease.Unpooled(await fallback().GetAsync(cid, ct).ConfigureAwait(false));
    }

    public ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default) => local.PutAsync(cid, data, ct);

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default) => local.HasAsync(cid, ct);

    public ValueTask DeleteAsync(Cid cid, CancellationToken ct = default) => local.DeleteAsync(cid, ct);

    public async IAsyncEnumerable<Cid> AllKeysAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var cid in local.AllKeysAsync(ct).ConfigureAwait(false)) yield return cid;
    }
}
