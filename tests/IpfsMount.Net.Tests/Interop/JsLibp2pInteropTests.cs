// Interop with a real js-libp2p 3.x node (tests/interop/peer-libp2p.mjs) over TCP + noise + yamux on 127.0.0.1:
// we dial it, ping it, identify it, it dials us, and 100 concurrent echo streams go both ways.
using IpfsMount.Net.Addressing;
using IpfsMount.Net.Identity;
using IpfsMount.Net.Protocols;
using IpfsMount.Net.Tests.Support;

namespace IpfsMount.Net.Tests.Interop;

public sealed class JsLibp2pInteropTests
{
    [Fact]
    public async Task We_dial_js_libp2p_ping_it_and_identify_its_protocols_and_our_observed_address()
    {
        await using var js = await JsLibp2pPeer.StartAsync();
        var (host, _) = await TestHosts.StartAsync();
        await using (host)
        {
            var jsId = PeerId.Parse(js.PeerId);
            var conn = await host.DialAsync(Multiaddress.Parse(js.Address), TestHosts.Timeout());
            Assert.Equal(jsId, conn.RemotePeer);
            var rtt = await host.PingAsync(jsId, TestHosts.Timeout());
            Assert.True(rtt < TimeSpan.FromSeconds(10));
            var id = await host.IdentifyAsync(jsId, TestHosts.Timeout());
            Assert.NotNull(id);
            Assert.Contains("/ipfs/ping/1.0.0", id!.Protocols);
            Assert.Contains("/ipfs/id/1.0.0", id.Protocols);
            Assert.Contains(TestHosts.EchoProtocol, id.Protocols);
            Assert.StartsWith("js-libp2p/", id.AgentVersion);
            Assert.True(jsId.MatchesPublicKey(id.PublicKey));
            Assert.Contains(Multiaddress.Parse(js.Address).WithoutPeerId(), id.ListenAddresses.Select(a => a.WithoutPeerId()));
            Assert.NotNull(id.ObservedAddress);
            Assert.Equal(conn.LocalAddress, id.ObservedAddress!.WithoutPeerId());
            Assert.Contains(conn.LocalAddress, host.ObservedAddresses);
        }
    }

    [Fact]
    public async Task Identify_asked_many_times_at_once_right_after_connecting_answers_every_caller()
    {
        // js-libp2p takes one inbound identify stream per connection; a second one while ours from connecting is open
        // used to be reset, and that identify returned nothing.
        await using var js = await JsLibp2pPeer.StartAsync();
        var (host, _) = await TestHosts.StartAsync();
        await using (host)
        {
            var jsId = PeerId.Parse(js.PeerId);
            await host.DialAsync(Multiaddress.Parse(js.Address), TestHosts.Timeout());
            var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.IdentifyAsync(jsId, TestHosts.Timeout())));
            Assert.All(answers, a => Assert.StartsWith("js-libp2p/", Assert.IsType<IdentifyMessage>(a).AgentVersion));
        }
    }

    [Fact]
    public async Task Js_libp2p_dials_us_pings_us_and_learns_our_agent_and_protocols()
    {
        await using var js = await JsLibp2pPeer.StartAsync();
        var (host, addr) = await TestHosts.StartAsync();
        await using (host)
        {
            TestHosts.AddEcho(host);
            var dialed = await js.SendAsync(new { cmd = "dial", addr = addr.ToString() });
            Assert.Equal(host.Id.ToString(), dialed["peer"]!.GetValue<string>());
            var ping = await js.SendAsync(new { cmd = "ping", peer = host.Id.ToString() });
            Assert.True(ping["rtt"]!.GetValue<double>() >= 0);
            // js identifies us right after connecting; poll its peer store briefly.
            string? agent = null;
            for (int i = 0; i < 50 && agent is null; i++)
            {
                var info = await js.SendAsync(new { cmd = "peerinfo", peer = host.Id.ToString() });
                agent = info["agentVersion"]?.GetValue<string>();
                if (agent is null) { await Task.Delay(100); continue; }
                var protocols = info["protocols"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
                Assert.Contains(TestHosts.EchoProtocol, protocols);
                Assert.Contains("/ipfs/ping/1.0.0", protocols);
            }
            Assert.Equal("ipfsmount/0.1.0", agent);
            var echo = await js.SendAsync(new { cmd = "echo", peer = host.Id.ToString(), size = 300_000, streams = 4 });
            Assert.True(echo["allIntact"]!.GetValue<bool>());
        }
    }

    [Fact]
    public async Task A_hundred_concurrent_echo_streams_to_js_libp2p_return_their_data_intact()
    {
        await using var js = await JsLibp2pPeer.StartAsync();
        var (host, _) = await TestHosts.StartAsync();
        await using (host)
        {
            TestHosts.AddEcho(host);
            var jsId = PeerId.Parse(js.PeerId);
            await host.DialAsync(Multiaddress.Parse(js.Address), TestHosts.Timeout());
            var ct = TestHosts.Timeout(120);
            var tasks = Enumerable.Range(0, 100).Select(async i =>
            {
                var data = new byte[20_000 + i * 3_000];
                new Random(i).NextBytes(data);
                await using var s = await host.NewStreamAsync(jsId, [TestHosts.EchoProtocol], ct);
                var write = Task.Run(async () => { await s.WriteAsync(data, ct); await ((IpfsMount.Net.Yamux.YamuxStream)s).CloseWriteAsync(); }, ct);
                var back = new MemoryStream();
                await s.CopyToAsync(back, ct);
                await write;
                return back.ToArray().AsSpan().SequenceEqual(data);
            }).ToList();
            var results = await Task.WhenAll(tasks);
            Assert.All(results, Assert.True);
            var fromJs = await js.SendAsync(new { cmd = "echo", peer = host.Id.ToString(), size = 50_000, streams = 100 }, TimeSpan.FromSeconds(120));
            Assert.Equal(100, fromJs["count"]!.GetValue<int>());
            Assert.True(fromJs["allIntact"]!.GetValue<bool>());
        }
    }
}
