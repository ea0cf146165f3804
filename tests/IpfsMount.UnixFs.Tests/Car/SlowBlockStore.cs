// IBlockStore decorator that delays every Get and records how many run at once (a stand-in for a network store).
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Tests.Car;

internal sealed class SlowBlockStore(IBlockStore inner, TimeSpan delay) : IBlockStore
{
    private int _active;

    public int MaxConcurrentGets { get; private set; }

    public int Gets { get; private set; }

    public async ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default)
    {
        lock (this)
        {
            Gets++;
            MaxConcurrentGets = Math.Max(MaxConcurrentGets, ++_active);
        }
        try
        {
            await Task.Delay(delay, ct);
            return await inner.GetAsync(cid, ct);
        }
        finally
        {
            lock (this) _active--;
        }
    }

    public ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default) => inner.PutAsync(cid, data, ct);

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default) => inner.HasAsync(cid, ct);

    public ValueTask DeleteAsync(Cid cid, CancellationToken ct = default) => inner.DeleteAsync(cid, ct);

    public IAsyncEnumerable<Cid> AllKeysAsync(CancellationToken ct = default) => inner.AllKeysAsync(ct);
}
