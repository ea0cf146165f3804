// LocalFirstBlockStore: the mount's read path reads the local store first and asks the fallback (the node's network
// store) only on a miss; writes stay local.
using IpfsMount.Core;
using IpfsMount.Vfs.Blocks;

namespace IpfsMount.Vfs.Tests;

public sealed class LocalFirstBlockStoreTests
{
    private static (Cid Cid, byte[] Data) Block(string text)
    {
        var data = System.Text.Encoding.UTF8.GetBytes(text);
        return (Cid.Compute(data, Multicodec.Raw), data);
    }

    [Fact]
    public async Task A_local_block_never_reaches_the_fallback_and_a_missing_one_comes_from_it()
    {
        var local = new MemoryBlockStore();
        var network = new MemoryBlockStore();
        var (here, hereData) = Block("held locally");
        var (there, thereData) = Block("held by a peer");
        await local.PutAsync(here, hereData);
        await network.PutAsync(there, thereData);
        var fallbackReads = 0;
        var store = new LocalFirstBlockStore(local, () => { fallbackReads++; return network; });

        Assert.Equal(hereData, (await store.GetAsync(here)).ToArray());
        Assert.Equal(0, fallbackReads);
        Assert.Equal(thereData, (await store.GetAsync(there)).ToArray());
        Assert.Equal(1, fallbackReads);
        Assert.Equal(1, store.Misses);
        Assert.False(await store.HasAsync(there)); // Has answers for the local store only
    }

    [Fact]
    public async Task A_block_neither_store_has_is_not_found_and_writes_go_to_the_local_store()
    {
        var local = new MemoryBlockStore();
        var network = new MemoryBlockStore();
        var store = new LocalFirstBlockStore(local, () => network);
        var (absent, _) = Block("nobody has this");
        await Assert.ThrowsAsync<BlockNotFoundException>(async () => await store.GetAsync(absent));

        var (written, data) = Block("written through the mount");
        await store.PutAsync(written, data);
        Assert.True(await local.HasAsync(written));
        Assert.False(await network.HasAsync(written));
    }
}
