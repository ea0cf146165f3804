// MemoryBlockStore, DiscardingBlockStore and BlockVerifier behaviour.
using System.Text;

namespace IpfsMount.Core.Tests;

public sealed class BlockStoreTests
{
    private static readonly byte[] Hello = Encoding.ASCII.GetBytes("hello\n");

    [Fact]
    public async Task Memory_store_round_trips_and_finds_blocks_by_multihash()
    {
        var store = new MemoryBlockStore();
        var cid = Cid.Compute(Hello, Multicodec.Raw);
        Assert.False(await store.HasAsync(cid));
        await store.PutAsync(cid, Hello);
        await store.PutAsync(cid, Hello);
        Assert.Equal(1, store.Count);
        Assert.Equal(Hello, (await store.GetAsync(cid)).ToArray());
        var sameHashOtherCodec = Cid.Create(1, Multicodec.DagPb, cid.Hash);
        Assert.True(await store.HasAsync(sameHashOtherCodec));
        var keys = new List<Cid>();
        await foreach (var k in store.AllKeysAsync()) keys.Add(k);
        Assert.Equal([cid], keys);
        await store.DeleteAsync(cid);
        var e = await Assert.ThrowsAsync<BlockNotFoundException>(async () => await store.GetAsync(cid));
        Assert.Equal(cid, e.Cid);
        Assert.Contains(cid.ToString(), e.Message);
    }

    [Fact]
    public async Task Memory_store_refuses_a_block_that_does_not_match_its_cid()
    {
        var store = new MemoryBlockStore();
        var cid = Cid.Compute(Hello, Multicodec.Raw);
        var e = await Assert.ThrowsAsync<BlockCorruptException>(async () => await store.PutAsync(cid, new byte[] { 1 }));
        Assert.Contains(cid.ToString(), e.Message);
        Assert.False(await store.HasAsync(cid));
    }

    [Fact]
    public async Task Discarding_store_keeps_nothing()
    {
        var store = new DiscardingBlockStore();
        var cid = Cid.Compute(Hello, Multicodec.Raw);
        await store.PutAsync(cid, Hello);
        Assert.False(await store.HasAsync(cid));
        await Assert.ThrowsAsync<BlockNotFoundException>(async () => await store.GetAsync(cid));
        await foreach (var _ in store.AllKeysAsync()) Assert.Fail("no keys expected");
    }

    [Theory]
    [InlineData(Multicodec.Sha2_256)]
    [InlineData(Multicodec.Blake3)]
    [InlineData(Multicodec.Identity)]
    public void Verifier_accepts_matching_bytes_and_rejects_others(ulong hashCode)
    {
        var cid = Cid.Compute(Hello, Multicodec.Raw, 1, hashCode);
        BlockVerifier.Verify(cid, Hello);
        Assert.Throws<BlockCorruptException>(() => BlockVerifier.Verify(cid, Encoding.ASCII.GetBytes("hello!")));
    }
}
