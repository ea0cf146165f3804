// A block store that holds some blocks back: a Get for one of them waits until cancelled, like a block nobody serves.
using System.Runtime.CompilerServices;
using IpfsMount.Core;

namespace IpfsMount.Fuse.Tests;

internal sealed class WithholdingBlockStore(IBlockStore inner) : IBlockStore
{
    private int waiting;

    public HashSet<Cid> Withheld { get; } = new();

    /// <summary>Gets currently waiting for a withheld block.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    public async ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default)
    {
        if (!Withheld.Contains(cid)) return await inner.GetAsync(cid, ct);
        Interlocked.Increment(ref waiting);
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new BlockNotFoundException(cid);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    public ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default) => inner.PutAsync(cid, data, ct);

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default) =>
        Withheld.Contains(cid) ? ValueTask.FromResult(false) : inner.HasAsync(cid, ct);

    public ValueTask DeleteAsync(Cid cid, CancellationToken ct = default) => inner.DeleteAsync(cid, ct);

    public async IAsyncEnumerable<Cid> AllKeysAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var cid in inner.AllKeysAsync(ct)) if (!Withheld.Contains(cid)) yield return cid;
    }
}
