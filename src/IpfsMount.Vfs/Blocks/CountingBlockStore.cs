// A block store decorator that counts block reads (how many blocks an operation touched).
using System.Runtime.CompilerServices;
using IpfsMount.Core;

namespace IpfsMount.Vfs.Blocks;

public sealed class CountingBlockStore(IBlockStore inner) : IBlockStore
{
    private long gets;

    public long Gets => Interlocked.Read(ref gets);

    public ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default)
    {
        Interlocked.Increment(ref gets);
        return inner.GetAsync(cid, ct);
    }

    public ValueTask<BlockLease> RentAsync(Cid cid, CancellationToken ct = default)
    {
        Interlocked.Increment(ref gets);
        return inner.RentAsync(cid, ct);
    }

    public ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default) => inner.PutAsync(cid, data, ct);

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default) => inner.HasAsync(cid, ct);

    public ValueTask DeleteAsync(Cid cid, CancellationToken ct = default) => inner.DeleteAsync(cid, ct);

    public async IAsyncEnumerable<Cid> AllKeysAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var cid in inner.AllKeysAsync(ct).ConfigureAwait(false)) yield return cid;
    }
}
