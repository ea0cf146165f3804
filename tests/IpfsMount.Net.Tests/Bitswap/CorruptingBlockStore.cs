// A block store of a hostile peer: has every block of an inner store but returns each with one byte flipped.
using IpfsMount.Core;

namespace IpfsMount.Net.Tests.Bitswap;

internal sealed class CorruptingBlockStore(IBlockStore inner) : IBlockStore
{
    public async ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default)
    {
        var data = (await inner.GetAsync(cid, ct)).ToArray();
        data[data.Length / 2] ^= 0x5A;
        return data;
    }

    public ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default) => inner.PutAsync(cid, data, ct);

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default) => inner.HasAsync(cid, ct);

    public ValueTask DeleteAsync(Cid cid, CancellationToken ct = default) => inner.DeleteAsync(cid, ct);

    public IAsyncEnumerable<Cid> AllKeysAsync(CancellationToken ct = default) => inner.AllKeysAsync(ct);
}
