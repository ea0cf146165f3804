// BitswapBlockStore's receive path: each fetched block is hashed once (by the session) and handed to a store that
// checks puts through IPreverifiedBlockSink; a fetch that starts with no peer connected can fail at once.
using IpfsMount.Core;
using IpfsMount.Net.Bitswap;

namespace IpfsMount.Net.Tests.Bitswap;

public sealed class BitswapBlockStoreHashingTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Fetched_blocks_reach_a_put_checking_store_through_its_preverified_path_and_read_back_intact()
    {
        var blocks = BitswapTestData.RawBlocks(20, 50_000);
        await using var net = new BitswapTestNetwork();
        net.AddNode("A", await BitswapTestData.StoreWith(blocks));
        var local = new RecordingStore();
        var (client, _) = net.AddNode("B", local);
        net.Hub.Connect("A", "B");
        using var store = new BitswapBlockStore(local, client);

        foreach (var (cid, data) in blocks)
            Assert.Equal(data, (await store.GetAsync(cid).AsTask().WaitAsync(TestTimeout)).ToArray());

        Assert.Equal(blocks.Count, local.PreverifiedPuts);
        Assert.Equal(0, local.CheckedPuts);
        foreach (var (cid, data) in blocks)
            Assert.Equal(data, (await local.GetAsync(cid)).ToArray());
    }

    [Fact]
    public async Task With_no_peer_connected_a_zero_peerless_timeout_fails_a_fetch_at_once_and_a_connected_peer_serves_it()
    {
        var (cid, data) = BitswapTestData.RawBlocks(1, 1000)[0];
        await using var net = new BitswapTestNetwork();
        net.AddNode("A", await BitswapTestData.StoreWith([(cid, data)]));
        var (client, _) = net.AddNode("B", new MemoryBlockStore(), new BitswapOptions { FetchTimeoutWithoutPeers = TimeSpan.Zero });
        using var store = new BitswapBlockStore(new MemoryBlockStore(), client);

        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync<BlockNotFoundException>(async () => await store.GetAsync(cid));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));

        net.Hub.Connect("A", "B");
        Assert.Equal(data, (await store.GetAsync(cid).AsTask().WaitAsync(TestTimeout)).ToArray());
    }

    /// <summary>A memory store that counts which put path the Bitswap store used.</summary>
    private sealed class RecordingStore : IBlockStore, IPreverifiedBlockSink
    {
        private readonly MemoryBlockStore _inner = new();
        private int _checked, _preverified;

        public int CheckedPuts => Volatile.Read(ref _checked);

        public int PreverifiedPuts => Volatile.Read(ref _preverified);

        public ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default) => _inner.GetAsync(cid, ct);

        public ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _checked);
            return _inner.PutAsync(cid, data, ct);
        }

        public ValueTask PutVerifiedAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _preverified);
            return _inner.PutVerifiedAsync(cid, data, ct);
        }

        public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default) => _inner.HasAsync(cid, ct);

        public ValueTask DeleteAsync(Cid cid, CancellationToken ct = default) => _inner.DeleteAsync(cid, ct);

        public IAsyncEnumerable<Cid> AllKeysAsync(CancellationToken ct = default) => _inner.AllKeysAsync(ct);
    }
}
