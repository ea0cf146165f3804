// Bitswap between two or three of our own nodes over real Libp2pHosts (TCP 127.0.0.1, noise, yamux).
using IpfsMount.Core;
using IpfsMount.Net.Bitswap;

namespace IpfsMount.Net.Tests.Bitswap;

public sealed class BitswapLibp2pTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>A two-level dag-pb tree over raw leaves: root → 4 nodes → leaves.</summary>
    internal static async Task<(Cid Root, byte[] Content)> BuildDagAsync(IBlockStore store, int leaves, int leafSize)
    {
        var blocks = BitswapTestData.RawBlocks(leaves, leafSize, seed: 11);
        var content = new List<byte>();
        var parents = new List<PbLink>();
        foreach (var group in blocks.Chunk((leaves + 3) / 4))
        {
            var links = new List<PbLink>();
            foreach (var (cid, data) in group)
            {
                await store.PutAsync(cid, data);
                content.AddRange(data);
                links.Add(new PbLink(cid, "", (ulong)data.Length));
            }
            var node = DagPb.Encode(new PbNode(links));
            var nodeCid = Cid.Compute(node, Multicodec.DagPb);
            await store.PutAsync(nodeCid, node);
            parents.Add(new PbLink(nodeCid, "", (ulong)node.Length));
        }
        var root = DagPb.Encode(new PbNode(parents));
        var rootCid = Cid.Compute(root, Multicodec.DagPb);
        await store.PutAsync(rootCid, root);
        return (rootCid, content.ToArray());
    }

    [Fact]
    public async Task A_node_fetches_a_dag_from_another_over_libp2p_and_a_third_node_fetches_it_from_the_second()
    {
        await using var a = await BitswapHostNode.StartAsync();
        await using var b = await BitswapHostNode.StartAsync();
        await using var c = await BitswapHostNode.StartAsync();
        var (root, content) = await BuildDagAsync(a.Local, leaves: 64, leafSize: 262144);
        using var cts = new CancellationTokenSource(Timeout);

        await b.Host.DialAsync(a.Address, cts.Token);
        var (blocks, _) = await b.Store.FetchDagAsync(root, cts.Token);
        await c.Host.DialAsync(b.Address, cts.Token);
        await c.Store.FetchDagAsync(root, cts.Token);

        Assert.Equal(64 + 4 + 1, blocks);
        Assert.Equal(content, await ReadLeavesAsync(c.Local, root));
        Assert.Equal(0, c.Exchange.Client.BadBlocksReceived);
        Assert.Equal(64 + 4 + 1, b.Exchange.Server.BlocksSent);
        Assert.Equal(b.Host.Id.ToString(), Assert.Single(c.Store.Session.BlocksByPeer).Key);
    }

    [Fact]
    public async Task Over_libp2p_a_peer_sending_corrupt_blocks_is_banned_and_the_dag_comes_from_a_good_peer()
    {
        var source = new MemoryBlockStore();
        var (root, content) = await BuildDagAsync(source, leaves: 16, leafSize: 65536);
        await using var bad = await BitswapHostNode.StartAsync(served: new CorruptingBlockStore(source));
        await using var good = await BitswapHostNode.StartAsync(local: source);
        await using var client = await BitswapHostNode.StartAsync();
        using var cts = new CancellationTokenSource(Timeout);

        await client.Host.DialAsync(bad.Address, cts.Token);
        var fetch = client.Store.FetchDagAsync(root, cts.Token);
        await BitswapExchangeTests.WaitUntil(() => client.Exchange.Client.IsBanned(bad.Host.Id.ToString()));
        await client.Host.DialAsync(good.Address, cts.Token);
        await fetch.WaitAsync(cts.Token);

        Assert.Equal(content, await ReadLeavesAsync(client.Local, root));
        Assert.True(client.Exchange.Client.BadBlocksReceived >= 1);
        Assert.DoesNotContain(bad.Host.Id.ToString(), client.Store.Session.BlocksByPeer.Keys);
    }

    internal static async Task<byte[]> ReadLeavesAsync(IBlockStore store, Cid root)
    {
        var output = new List<byte>();
        async Task WalkAsync(Cid cid)
        {
            var data = await store.GetAsync(cid);
            if (cid.Codec == Multicodec.Raw)
            {
                output.AddRange(data.ToArray());
                return;
            }
            foreach (var link in DagPb.Decode(data).Links)
                await WalkAsync(link.Hash);
        }
        await WalkAsync(root);
        return output.ToArray();
    }
}
