// IBlockStore that keeps nothing: for hash-only adds (`add --only-hash`). Put discards, Get is never found.
using System.Runtime.CompilerServices;

namespace IpfsMount.Core;

public sealed class DiscardingBlockStore : IBlockStore
{
    public ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default) =>
        throw new BlockNotFoundException(cid);

    public ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default) => ValueTask.FromResult(false);

    public ValueTask DeleteAsync(Cid cid, CancellationToken ct = default) => ValueTask.CompletedTask;

    public async IAsyncEnumerable<Cid> AllKeysAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        await Task.CompletedTask.ConfigureAwait(false);
        yield break;
    }
}
