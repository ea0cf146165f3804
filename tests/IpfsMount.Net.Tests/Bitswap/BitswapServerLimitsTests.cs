// The Bitswap server against a hand-driven raw peer: HAVE / DONT_HAVE answers, priorities, and the limits that keep
// a hostile peer from exhausting memory (wantlist size, message size, malformed messages).
using System.Threading.Channels;
using IpfsMount.Core;
using IpfsMount.Net.Bitswap;

namespace IpfsMount.Net.Tests.Bitswap;

public sealed class BitswapServerLimitsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>A peer without an exchange: writes frames by hand and collects every message sent to it.</summary>
    private sealed class RawPeer
    {
        private readonly InMemoryBitswapNetwork _net;

        public RawPeer(InMemoryBitswapHub hub, string name)
        {
            _net = hub.AddNode(name);
            _net.SetStreamHandler(BitswapProtocols.All, async (peer, protocol, stream, ct) =>
            {
                while (await BitswapFraming.ReadFrameAsync(stream, 8 << 20, ct) is { } body)
                    Received.Writer.TryWrite(BitswapMessageCodec.Decode(body));
            });
        }

        public Channel<BitswapMessage> Received { get; } = Channel.CreateUnbounded<BitswapMessage>();

        public async Task<Stream> SendAsync(string to, params byte[][] frames)
        {
            var (stream, _) = await _net.OpenStreamAsync(to, [BitswapProtocols.V120], CancellationToken.None);
            foreach (var f in frames)
                await stream.WriteAsync(f);
            await stream.FlushAsync();
            return stream;
        }

        public async Task<BitswapMessage> NextAsync()
        {
            using var cts = new CancellationTokenSource(Timeout);
            return await Received.Reader.ReadAsync(cts.Token);
        }
    }

    private static byte[] Frame(BitswapMessage m) => BitswapFraming.EncodeFrame(m, BitswapVersion.V120);

    [Fact]
    public async Task The_server_answers_have_and_dont_have_and_sends_wanted_blocks_by_priority()
    {
        var blocks = BitswapTestData.RawBlocks(3, 5000);
        var missing = BitswapTestData.RawBlocks(1, 10, seed: 999)[0].Cid;
        await using var net = new BitswapTestNetwork();
        net.AddNode("S", await BitswapTestData.StoreWith(blocks));
        var raw = new RawPeer(net.Hub, "R");
        net.Hub.Connect("S", "R");

        var m = new BitswapMessage();
        m.Wantlist.Add(BitswapWantEntry.Want(blocks[0].Cid, WantType.Have));
        m.Wantlist.Add(BitswapWantEntry.Want(missing, WantType.Have));
        m.Wantlist.Add(BitswapWantEntry.Want(blocks[1].Cid, WantType.Block, priority: 1));
        m.Wantlist.Add(BitswapWantEntry.Want(blocks[2].Cid, WantType.Block, priority: 100));
        await using var s = await raw.SendAsync("S", Frame(m));

        var presences = new List<BitswapPresence>();
        var received = new List<Cid>();
        while (presences.Count < 2 || received.Count < 2)
        {
            var msg = await raw.NextAsync();
            presences.AddRange(msg.Presences);
            foreach (var b in msg.Blocks)
            {
                Assert.True(CidPrefix.TryComputeCid(b.Prefix.Span, b.Data.Span, out var cid));
                received.Add(cid);
            }
        }
        Assert.Contains(new BitswapPresence(blocks[0].Cid, BlockPresenceType.Have), presences);
        Assert.Contains(new BitswapPresence(missing, BlockPresenceType.DontHave), presences);
        Assert.Equal([blocks[2].Cid, blocks[1].Cid], received); // priority 100 first
    }

    [Fact]
    public async Task A_wantlist_larger_than_the_limit_is_truncated()
    {
        await using var net = new BitswapTestNetwork();
        var (server, _) = net.AddNode("S", new MemoryBlockStore(), new BitswapOptions { MaxWantlistEntriesPerPeer = 100 });
        var raw = new RawPeer(net.Hub, "R");
        net.Hub.Connect("S", "R");

        var m = new BitswapMessage();
        foreach (var (cid, _) in BitswapTestData.RawBlocks(1000, 4))
            m.Wantlist.Add(BitswapWantEntry.Want(cid, WantType.Block, sendDontHave: false));
        await using var s = await raw.SendAsync("S", Frame(m));

        await BitswapExchangeTests.WaitUntil(() => server.Server.WantCount("R") == 100);
        await Task.Delay(200);
        Assert.Equal(100, server.Server.WantCount("R"));
    }

    [Fact]
    public async Task A_cancel_removes_a_pending_want_from_the_ledger()
    {
        var cid = BitswapTestData.RawBlocks(1, 4)[0].Cid;
        await using var net = new BitswapTestNetwork();
        var (server, _) = net.AddNode("S", new MemoryBlockStore());
        var raw = new RawPeer(net.Hub, "R");
        net.Hub.Connect("S", "R");

        var want = new BitswapMessage();
        want.Wantlist.Add(BitswapWantEntry.Want(cid, WantType.Block, sendDontHave: false));
        var cancel = new BitswapMessage();
        cancel.Wantlist.Add(BitswapWantEntry.CancelOf(cid));
        await using var s = await raw.SendAsync("S", Frame(want));
        await BitswapExchangeTests.WaitUntil(() => server.Server.WantCount("R") == 1);
        await s.WriteAsync(Frame(cancel));

        await BitswapExchangeTests.WaitUntil(() => server.Server.WantCount("R") == 0);
    }

    [Fact]
    public async Task A_frame_over_4_MiB_or_a_malformed_message_closes_the_stream_and_is_counted()
    {
        await using var net = new BitswapTestNetwork();
        var (server, _) = net.AddNode("S", new MemoryBlockStore());
        var raw = new RawPeer(net.Hub, "R");
        net.Hub.Connect("S", "R");

        await using (await raw.SendAsync("S", Varint.Encode(4 * 1024 * 1024 + 1)))
            await BitswapExchangeTests.WaitUntil(() => server.InvalidMessages == 1);
        await using (await raw.SendAsync("S", [.. Varint.Encode(2), 0x0a, 0x05]))
            await BitswapExchangeTests.WaitUntil(() => server.InvalidMessages == 2);

        // the node still serves after both
        var (cid, data) = BitswapTestData.RawBlocks(1, 100)[0];
        await server.Store.PutAsync(cid, data);
        var m = new BitswapMessage();
        m.Wantlist.Add(BitswapWantEntry.Want(cid, WantType.Block));
        await using var s = await raw.SendAsync("S", Frame(m));
        var reply = await raw.NextAsync();
        Assert.Equal(data, Assert.Single(reply.Blocks).Data.ToArray());
    }

    [Fact]
    public async Task Blocks_nobody_asked_for_count_as_bad_and_ban_the_sender()
    {
        await using var net = new BitswapTestNetwork();
        var (client, _) = net.AddNode("C", new MemoryBlockStore());
        var raw = new RawPeer(net.Hub, "R");
        net.Hub.Connect("C", "R");

        var m = new BitswapMessage();
        var (cid, data) = BitswapTestData.RawBlocks(1, 100)[0];
        m.Blocks.Add(new BitswapBlock(CidPrefix.Of(cid), data));
        await using var s = await raw.SendAsync("C", Frame(m));

        await BitswapExchangeTests.WaitUntil(() => client.Client.IsBanned("R"));
        Assert.Equal(1, client.Client.BadBlocksReceived);
        Assert.False(await client.Store.HasAsync(cid));
    }
}
