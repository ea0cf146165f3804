// Bitswap client/server behaviour between in-memory nodes: fetching, spreading, bad peers, cancellation, fallbacks.
using IpfsMount.Core;
using IpfsMount.Net.Bitswap;

namespace IpfsMount.Net.Tests.Bitswap;

public sealed class BitswapExchangeTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_node_fetches_every_block_another_node_has_and_stores_it_locally()
    {
        var blocks = BitswapTestData.RawBlocks(300, 65536);
        await using var net = new BitswapTestNetwork();
        var (server, _) = net.AddNode("A", await BitswapTestData.StoreWith(blocks));
        var local = new MemoryBlockStore();
        var (client, _) = net.AddNode("B", local);
        net.Hub.Connect("A", "B");
        using var store = new BitswapBlockStore(local, client);

        var fetched = await store.PrefetchAsync(blocks.Select(b => b.Cid)).WaitAsync(TestTimeout);

        Assert.Equal(blocks.Count, fetched);
        foreach (var (cid, data) in blocks)
            Assert.Equal(data, (await local.GetAsync(cid)).ToArray());
        Assert.Equal(blocks.Count, server.Server.BlocksSent);
        Assert.Equal(0, client.Client.BadBlocksReceived);
    }

    [Fact]
    public async Task Get_returns_a_local_block_without_asking_the_network()
    {
        var (cid, data) = BitswapTestData.RawBlocks(1, 100)[0];
        await using var net = new BitswapTestNetwork();
        var local = await BitswapTestData.StoreWith([(cid, data)]);
        var (client, clientNet) = net.AddNode("B", local);
        using var store = new BitswapBlockStore(local, client);

        Assert.Equal(data, (await store.GetAsync(cid)).ToArray());
        Assert.Equal(0, clientNet.StreamsOpened);
    }

    [Fact]
    public async Task Blocks_are_fetched_from_both_peers_that_have_them()
    {
        var blocks = BitswapTestData.RawBlocks(400, 16384);
        await using var net = new BitswapTestNetwork();
        var (a, _) = net.AddNode("A", await BitswapTestData.StoreWith(blocks));
        var (c, _) = net.AddNode("C", await BitswapTestData.StoreWith(blocks));
        var local = new MemoryBlockStore();
        var (b, _) = net.AddNode("B", local, new BitswapOptions { MaxBlocksInFlightPerPeer = 8 });
        net.Hub.Connect("A", "B");
        net.Hub.Connect("C", "B");
        using var store = new BitswapBlockStore(local, b);

        var fetched = await store.PrefetchAsync(blocks.Select(x => x.Cid)).WaitAsync(TestTimeout);

        Assert.Equal(blocks.Count, fetched);
        Assert.True(a.Server.BlocksSent > 0, "A sent nothing");
        Assert.True(c.Server.BlocksSent > 0, "C sent nothing");
        Assert.Equal(blocks.Count, b.Client.BlocksReceived);
        Assert.True(a.Server.BlocksSent + c.Server.BlocksSent - blocks.Count <= 2 * 8, "too many duplicate blocks");
    }

    [Fact]
    public async Task A_peer_sending_wrong_bytes_is_banned_and_the_block_comes_from_another_peer()
    {
        var blocks = BitswapTestData.RawBlocks(20, 4096);
        await using var net = new BitswapTestNetwork();
        var (bad, _) = net.AddNode("Bad", new CorruptingBlockStore(await BitswapTestData.StoreWith(blocks)));
        net.AddNode("Good", await BitswapTestData.StoreWith(blocks));
        var local = new MemoryBlockStore();
        var (client, _) = net.AddNode("Client", local);
        net.Hub.Connect("Bad", "Client");
        using var store = new BitswapBlockStore(local, client);

        var first = store.GetAsync(blocks[0].Cid).AsTask();
        await WaitUntil(() => client.Client.IsBanned("Bad"));
        Assert.False(first.IsCompleted);
        net.Hub.Connect("Good", "Client");
        Assert.Equal(blocks[0].Data, (await first.WaitAsync(TestTimeout)).ToArray());
        Assert.Equal(blocks.Count - 1, await store.PrefetchAsync(blocks.Select(x => x.Cid)).WaitAsync(TestTimeout)); // block 0 is local already

        foreach (var (cid, data) in blocks)
            Assert.Equal(data, (await local.GetAsync(cid)).ToArray());
        Assert.True(client.Client.BadBlocksReceived >= 1);
        Assert.True(bad.Server.BlocksSent >= 1);
        Assert.False(client.Client.IsBanned("Good"));
    }

    [Fact]
    public async Task Cancelling_a_fetch_ends_it_promptly_and_the_server_drops_the_want()
    {
        var missing = BitswapTestData.RawBlocks(1, 10)[0].Cid;
        await using var net = new BitswapTestNetwork();
        var (server, _) = net.AddNode("A", new MemoryBlockStore());
        var local = new MemoryBlockStore();
        var (client, _) = net.AddNode("B", local);
        net.Hub.Connect("A", "B");
        using var store = new BitswapBlockStore(local, client);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var started = Environment.TickCount64;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.GetAsync(missing, cts.Token));

        Assert.True(Environment.TickCount64 - started < 5000);
        Assert.Equal(0, store.Session.PendingWants);
        await WaitUntil(() => server.Server.WantCount("B") == 0);
    }

    [Fact]
    public async Task A_block_no_peer_has_fails_with_block_not_found_after_the_fetch_timeout()
    {
        var missing = BitswapTestData.RawBlocks(1, 10)[0].Cid;
        await using var net = new BitswapTestNetwork();
        net.AddNode("A", new MemoryBlockStore());
        var local = new MemoryBlockStore();
        var (client, _) = net.AddNode("B", local, new BitswapOptions { FetchTimeout = TimeSpan.FromMilliseconds(500) });
        net.Hub.Connect("A", "B");
        using var store = new BitswapBlockStore(local, client);

        var e = await Assert.ThrowsAsync<BlockNotFoundException>(async () => await store.GetAsync(missing).AsTask().WaitAsync(TestTimeout));
        Assert.Contains(missing.ToString(), e.Message);
    }

    [Fact]
    public async Task A_want_waits_for_a_peer_that_connects_later()
    {
        var (cid, data) = BitswapTestData.RawBlocks(1, 1000)[0];
        await using var net = new BitswapTestNetwork();
        net.AddNode("A", await BitswapTestData.StoreWith([(cid, data)]));
        var local = new MemoryBlockStore();
        var (client, _) = net.AddNode("B", local);
        using var store = new BitswapBlockStore(local, client);

        var get = store.GetAsync(cid).AsTask();
        await Task.Delay(200);
        Assert.False(get.IsCompleted);
        net.Hub.Connect("A", "B");

        Assert.Equal(data, (await get.WaitAsync(TestTimeout)).ToArray());
    }

    [Theory]
    [InlineData(BitswapProtocols.V110)]
    [InlineData(BitswapProtocols.V100)]
    public async Task A_client_falls_back_to_an_older_protocol_the_server_speaks(string serverProtocol)
    {
        // 1.0.0 carries only CIDv0 blocks: use dag-pb v0 blocks for both cases.
        var blocks = Enumerable.Range(0, 10).Select(i =>
        {
            var data = InputGenerator.Generate(2000 + i, (uint)(100 + i));
            return (Cid.Compute(data, Multicodec.DagPb, version: 0), data);
        }).ToList();
        await using var net = new BitswapTestNetwork();
        net.AddNode("Old", await BitswapTestData.StoreWith(blocks), new BitswapOptions { Protocols = [serverProtocol] });
        var local = new MemoryBlockStore();
        var (client, _) = net.AddNode("New", local);
        net.Hub.Connect("Old", "New");
        using var store = new BitswapBlockStore(local, client);

        Assert.Equal(blocks.Count, await store.PrefetchAsync(blocks.Select(b => b.Item1)).WaitAsync(TestTimeout));
        foreach (var (cid, data) in blocks)
            Assert.Equal(data, (await local.GetAsync(cid)).ToArray());
    }

    [Fact]
    public async Task A_block_added_later_is_sent_to_a_peer_still_wanting_it()
    {
        var (cid, data) = BitswapTestData.RawBlocks(1, 777)[0];
        await using var net = new BitswapTestNetwork();
        var serverStore = new MemoryBlockStore();
        var (server, _) = net.AddNode("A", serverStore, new BitswapOptions { PeerResponseTimeout = TimeSpan.FromSeconds(30) });
        var local = new MemoryBlockStore();
        var (client, _) = net.AddNode("B", local, new BitswapOptions { PeerResponseTimeout = TimeSpan.FromSeconds(30) });
        net.Hub.Connect("A", "B");
        using var store = new BitswapBlockStore(local, client);

        var get = store.GetAsync(cid).AsTask();
        await Task.Delay(300);
        await new BitswapBlockStore(serverStore, server).PutAsync(cid, data);

        Assert.Equal(data, (await get.WaitAsync(TestTimeout)).ToArray());
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = Environment.TickCount64 + (long)TestTimeout.TotalMilliseconds;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
                throw new TimeoutException("condition not reached in time");
            await Task.Delay(20);
        }
    }
}
