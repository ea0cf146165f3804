// Libp2pHost between two of our own hosts on 127.0.0.1: dial, ping, identify, echo streams, limits, events.
using IpfsMount.Net.Host;
using IpfsMount.Net.Identity;
using IpfsMount.Net.Multistream;
using IpfsMount.Net.Noise;
using IpfsMount.Net.Tests.Support;
using IpfsMount.Net.Yamux;

namespace IpfsMount.Net.Tests.Host;

public sealed class Libp2pHostTests
{
    [Fact]
    public async Task A_host_dials_another_and_pings_it()
    {
        var (a, _) = await TestHosts.StartAsync();
        var (b, bAddr) = await TestHosts.StartAsync();
        await using (a)
        await using (b)
        {
            var conn = await a.DialAsync(bAddr, TestHosts.Timeout());
            Assert.Equal(b.Id, conn.RemotePeer);
            var rtt = await a.PingAsync(b.Id, TestHosts.Timeout());
            Assert.True(rtt > TimeSpan.Zero && rtt < TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task Identify_fills_the_peer_store_with_protocols_agent_and_observed_address()
    {
        var (a, _) = await TestHosts.StartAsync();
        var (b, bAddr) = await TestHosts.StartAsync();
        await using (a)
        await using (b)
        {
            TestHosts.AddEcho(b);
            await a.DialAsync(bAddr, TestHosts.Timeout());
            var msg = await a.IdentifyAsync(b.Id, TestHosts.Timeout());
            Assert.NotNull(msg);
            Assert.Equal("ipfsmount/0.1.0", msg!.AgentVersion);
            Assert.Equal("ipfs/0.1.0", msg.ProtocolVersion);
            Assert.Contains(TestHosts.EchoProtocol, msg.Protocols);
            Assert.Contains("/ipfs/ping/1.0.0", a.PeerStore.GetProtocols(b.Id));
            Assert.Equal(b.Identity.PublicKeyProtobuf, msg.PublicKey);
            Assert.Contains(bAddr.WithoutPeerId(), a.PeerStore.GetAddresses(b.Id));
            Assert.NotNull(msg.ObservedAddress);
            Assert.StartsWith("/ip4/127.0.0.1/tcp/", msg.ObservedAddress!.ToString());
        }
    }

    [Fact]
    public async Task Dialing_an_address_whose_peer_id_is_another_key_is_rejected()
    {
        var (a, _) = await TestHosts.StartAsync();
        var (b, bAddr) = await TestHosts.StartAsync();
        await using (a)
        await using (b)
        {
            var wrong = bAddr.WithPeerId(PeerIdentity.Generate().PeerId);
            var e = await Assert.ThrowsAsync<NoiseHandshakeException>(() => a.DialAsync(wrong, TestHosts.Timeout()));
            Assert.Contains(b.Id.ToString(), e.Message);
            Assert.Empty(a.Connections);
        }
    }

    [Fact]
    public async Task A_stream_for_an_unsupported_protocol_fails_with_a_negotiation_error()
    {
        var (a, _) = await TestHosts.StartAsync();
        var (b, bAddr) = await TestHosts.StartAsync();
        await using (a)
        await using (b)
        {
            await a.DialAsync(bAddr, TestHosts.Timeout());
            var e = await Assert.ThrowsAsync<ProtocolNegotiationException>(() => a.NewStreamAsync(b.Id, ["/no/such/1.0.0"], TestHosts.Timeout()));
            Assert.Contains("/no/such/1.0.0", e.Message);
        }
    }

    [Fact]
    public async Task Both_sides_see_connect_and_disconnect_events()
    {
        var (a, _) = await TestHosts.StartAsync();
        var (b, bAddr) = await TestHosts.StartAsync();
        await using (a)
        await using (b)
        {
            var bSawConnect = new TaskCompletionSource<PeerConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            var bSawDisconnect = new TaskCompletionSource<PeerConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            b.PeerConnected += (_, c) => bSawConnect.TrySetResult(c);
            b.PeerDisconnected += (_, c) => bSawDisconnect.TrySetResult(c);
            await a.DialAsync(bAddr, TestHosts.Timeout());
            var inbound = await bSawConnect.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(a.Id, inbound.RemotePeer);
            Assert.Equal(ConnectionDirection.Inbound, inbound.Direction);
            await a.DisconnectAsync(b.Id);
            var gone = await bSawDisconnect.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(a.Id, gone.RemotePeer);
        }
    }

    [Fact]
    public async Task Inbound_connections_beyond_the_limit_are_refused()
    {
        var (server, serverAddr) = await TestHosts.StartAsync(new Libp2pHostOptions { ListenAddresses = [], MaxConnections = 1 });
        var (c1, _) = await TestHosts.StartAsync();
        var (c2, _) = await TestHosts.StartAsync();
        await using (server)
        await using (c1)
        await using (c2)
        {
            await c1.DialAsync(serverAddr, TestHosts.Timeout());
            await c1.PingAsync(server.Id, TestHosts.Timeout());
            await Assert.ThrowsAnyAsync<IOException>(async () =>
            {
                await c2.DialAsync(serverAddr, TestHosts.Timeout());
                await c2.PingAsync(server.Id, TestHosts.Timeout());
            });
            Assert.Single(server.Connections);
        }
    }

    [Fact]
    public async Task Echo_streams_carry_a_megabyte_both_ways_intact()
    {
        var (a, _) = await TestHosts.StartAsync();
        var (b, bAddr) = await TestHosts.StartAsync();
        await using (a)
        await using (b)
        {
            TestHosts.AddEcho(b);
            await a.DialAsync(bAddr, TestHosts.Timeout());
            var data = new byte[1 << 20];
            Random.Shared.NextBytes(data);
            await using var s = (YamuxStream)await a.NewStreamAsync(b.Id, [TestHosts.EchoProtocol], TestHosts.Timeout());
            Assert.Equal(TestHosts.EchoProtocol, s.Protocol);
            var ct = TestHosts.Timeout();
            var write = Task.Run(async () => { await s.WriteAsync(data, ct); await s.CloseWriteAsync(); });
            var back = new MemoryStream();
            await s.CopyToAsync(back, ct);
            await write;
            Assert.Equal(data, back.ToArray());
        }
    }
}
