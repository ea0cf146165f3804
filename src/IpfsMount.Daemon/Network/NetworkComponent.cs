// Daemon component "network": runs the libp2p host with the repo's `self` key, Bitswap (server answering from the repo,
// client behind context.Node.Blocks) and serves /api/v0/swarm/{peers,connect,disconnect,addrs} and /api/v0/ping (Kubo's RPC paths).
using IpfsMount.Core;
using IpfsMount.Daemon.Api;
using IpfsMount.Daemon.Hosting;
using IpfsMount.Daemon.Http;
using IpfsMount.Net.Addressing;
using IpfsMount.Net.Bitswap;
using IpfsMount.Net.Host;
using IpfsMount.Net.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace IpfsMount.Daemon.Network;

public sealed class NetworkComponent(DaemonContext context) : IDaemonComponent
{
    /// <summary>Comma-separated listen multiaddresses overriding the defaults (/ip4/0.0.0.0/tcp/4001, /ip6/::/tcp/4001).</summary>
    public const string ListenVariable = "IPFSMOUNT_SWARM_LISTEN";
    private readonly ILogger _log = context.Loggers.CreateLogger("network");

    public string Name => "network";

    /// <summary>The running host (null before start or when the repo has no self key).</summary>
    public Libp2pHost? Host { get; private set; }

    /// <summary>The Bitswap node on <see cref="Host"/> (null when the network is not running).</summary>
    public BitswapExchange? Exchange { get; private set; }

    /// <summary>The store installed as context.Node.Blocks: the repo, plus blocks fetched from peers (null when not running).</summary>
    public BitswapBlockStore? Blocks { get; private set; }

    private Libp2pBitswapNetwork? _bitswapNetwork;
    private IBlockStore? _previousBlocks;

    public async Task StartAsync(CancellationToken ct)
    {
        if (context.Options.Offline)
            return;
        var keys = context.Node.Repo.Keys;
        if (!keys.Contains("self"))
        {
            _log.LogWarning("the repo has no 'self' key: networking is off (run `ipfsmount init` on a fresh repo)");
            return;
        }
        var identity = PeerIdentity.FromPrivateKeyProtobuf(keys.ExportPrivate("self"));
        var options = new Libp2pHostOptions();
        if (Environment.GetEnvironmentVariable(ListenVariable) is { Length: > 0 } listen)
            options = options with { ListenAddresses = listen.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Multiaddress.Parse).ToList() };
        var host = new Libp2pHost(identity, options);
        foreach (var address in options.ListenAddresses)
        {
            try
            {
                _log.LogInformation("swarm listening on {Address}", await host.ListenAsync(address, ct));
            }
            catch (IOException e) when (address.TryGetTcpTarget(out var ip, out var port, out _) && port != 0)
            {
                // Another node holds the port (e.g. several daemons on one machine): take a free port instead.
                var fallback = Multiaddress.Parse($"/{address.Components[0].Protocol.Name}/{ip}/tcp/0");
                try
                {
                    _log.LogInformation("swarm port {Port} unavailable ({Reason}); listening on {Address}", port, e.Message, await host.ListenAsync(fallback, ct));
                }
                catch (IOException again)
                {
                    _log.LogWarning("swarm cannot listen on {Address}: {Reason}", address, again.Message);
                }
            }
            catch (IOException e)
            {
                _log.LogWarning("swarm cannot listen on {Address}: {Reason}", address, e.Message);
            }
        }
        Host = host;
        StartBitswap(host);
        // What a user needs to connect other nodes to this one (Kubo prints the same lines).
        await context.Output.WriteLineAsync($"PeerID: {host.Id}");
        foreach (var address in host.ListenAddresses)
            await context.Output.WriteLineAsync($"Swarm listening on {address}");
        await context.Output.FlushAsync(ct);
        context.Node.Addresses = host.ListenAddresses.Select(a => a.WithPeerId(host.Id).ToString()).ToList();
        context.Node.Protocols = host.Protocols;
    }

    /// <summary>
    /// Bitswap over the host: the server answers wants from the repo's (hash-checked) store; reads of the node go through
    /// a BitswapBlockStore that serves local blocks first and fetches the others from connected peers into the repo.
    /// </summary>
    private void StartBitswap(Libp2pHost host)
    {
        var repoBlocks = context.Node.Repo.Blocks;
        _bitswapNetwork = new Libp2pBitswapNetwork(host);
        // No content routing here: with nobody connected a missing block cannot come, so say so at once.
        Exchange = new BitswapExchange(_bitswapNetwork, repoBlocks, BitswapOptions.Default with { FetchTimeoutWithoutPeers = TimeSpan.Zero });
        Blocks = new BitswapBlockStore(repoBlocks, Exchange);
        _previousBlocks = context.Node.Blocks;
        context.Node.Blocks = Blocks;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (Blocks is { } blocks)
        {
            context.Node.Blocks = _previousBlocks ?? context.Node.Repo.Blocks;
            context.Node.Addresses = [];
            context.Node.Protocols = [];
            blocks.Dispose();
        }
        if (Exchange is { } exchange) await exchange.DisposeAsync();
        _bitswapNetwork?.Dispose();
        if (Host is { } host) await host.DisposeAsync();
        (Blocks, Exchange, _bitswapNetwork, Host) = (null, null, null, null);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        Post(api, "/swarm/peers", http => ApiResponses.JsonAsync(http, _ => Task.FromResult(Peers())));
        Post(api, "/swarm/addrs", http => ApiResponses.JsonAsync(http, _ => Task.FromResult(Addresses())));
        Post(api, "/swarm/connect", http => ApiResponses.JsonAsync(http, async ct =>
        {
            var connection = await RequireHost().DialAsync(Multiaddress.Parse(Arg(http)), ct);
            return new SwarmResult([$"connect {connection.RemotePeer} success"]);
        }));
        Post(api, "/swarm/disconnect", http => ApiResponses.JsonAsync(http, async _ =>
        {
            var text = Arg(http);
            var peer = text.StartsWith('/') ? Multiaddress.Parse(text).PeerId ?? throw new ArgumentException($"{text} has no /p2p/ part") : PeerId.Parse(text);
            var host = RequireHost();
            if (host.FindConnection(peer) is null) throw new NodeApiException("not-connected", $"not connected to {peer}");
            await host.DisconnectAsync(peer);
            return new SwarmResult([$"disconnect {peer} success"]);
        }));
        Post(api, "/ping", http => ApiResponses.JsonAsync(http, async ct =>
        {
            var host = RequireHost();
            var text = Arg(http);
            PeerId peer;
            if (text.StartsWith('/'))
                peer = (await host.DialAsync(Multiaddress.Parse(text), ct)).RemotePeer;
            else
                peer = PeerId.Parse(text);
            int count = int.TryParse(http.Request.Query["count"].FirstOrDefault(), out var c) && c > 0 ? Math.Min(c, 100) : 3;
            var times = new List<double>();
            for (int i = 0; i < count; i++) times.Add((await host.PingAsync(peer, ct)).TotalMilliseconds);
            return new PingResult(peer.ToString(), times);
        }));
    }

    private static void Post(IEndpointRouteBuilder api, string path, Func<HttpContext, Task> handler) =>
        api.MapPost(path, new RequestDelegate(handler));

    private Libp2pHost RequireHost() => Host ?? throw new NodeApiException("offline", context.Options.Offline
        ? "this command needs the network, but the daemon runs offline (started with --offline)"
        : "this command needs the network, but it is not running (the repo has no 'self' key)");

    private static string Arg(HttpContext http) =>
        http.Request.Query["arg"].FirstOrDefault() ?? throw new ArgumentException("argument 'arg' is required");

    private PeersResult Peers() => new(RequireHost().Connections
        .Select(c => new PeerEntry(c.RemotePeer.ToString(), c.RemoteAddress.ToString(), c.Direction == ConnectionDirection.Inbound ? "inbound" : "outbound"))
        .ToList());

    private AddrsResult Addresses()
    {
        var host = RequireHost();
        return new AddrsResult(
            host.ListenAddresses.Select(a => a.ToString()).ToList(),
            host.PeerStore.Peers.ToDictionary(p => p.ToString(), p => (IReadOnlyList<string>)host.PeerStore.GetAddresses(p).Select(a => a.ToString()).ToList()));
    }

    public sealed record PeerEntry(string Peer, string Addr, string Direction);

    public sealed record PeersResult(IReadOnlyList<PeerEntry> Peers);

    public sealed record AddrsResult(IReadOnlyList<string> Listen, IReadOnlyDictionary<string, IReadOnlyList<string>> Known);

    public sealed record SwarmResult(IReadOnlyList<string> Strings);

    public sealed record PingResult(string Peer, IReadOnlyList<double> TimesMs);
}
